import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {harEntries, isHar} from '../../../source/core/parts/har.js';

const har: unknown = JSON.parse(
	readFileSync(new URL('../../fixtures/http/three-entries.har', import.meta.url), 'utf8'),
);

test('isHar: log.entries must be an array', (t) => {
	t.true(isHar(har));
	t.true(isHar({log: {entries: []}}));
	for (const value of [
		null,
		undefined,
		'log',
		[],
		{},
		{log: null},
		{log: {entries: {}}},
		{log: {entries: 'x'}},
		{log: []},
		{entries: []},
		{error: {status: 401}},
	]) {
		t.false(isHar(value), JSON.stringify(value) ?? 'undefined');
	}

	t.false(isHar(Object.create({log: {entries: []}})), 'inherited fields are not HAR fields');
});

test('a 200, a 401 and a 429 with base64 content: every entry in order', (t) => {
	const entries = harEntries(har);
	t.deepEqual(
		entries.map((entry) => [entry.startedDateTime, entry.request.method, entry.request.url, entry.response.status]),
		[
			['2024-06-10T08:29:58.120Z', 'GET', 'https://api.dfns.io/wallets?limit=10', 200],
			['2024-06-10T08:29:59.004Z', 'POST', 'https://api.dfns.io/wallets', 401],
			['2024-06-10T08:30:00.010Z', 'POST', 'https://api.dguard.example/v1/refunds', 429],
		],
	);

	const [ok, unauthorized, limited] = entries;
	t.deepEqual(
		ok?.request.headers.map(([name]) => name),
		[':authority', 'authorization', 'accept'],
	);
	t.is(ok?.request.body, null);
	t.is(ok?.response.statusText, '');
	t.is(ok?.response.httpVersion, 'http/2.0');

	t.deepEqual(unauthorized?.request, {
		method: 'POST',
		url: 'https://api.dfns.io/wallets',
		headers: [
			['Authorization', 'Bearer expired'],
			['Content-Type', 'application/json'],
			['X-DFNS-USERACTION', 'ua-token'],
		],
		body: '{"network":"EthereumSepolia"}',
		unexpanded: [],
	});
	t.is(unauthorized?.response.statusText, 'Unauthorized');
	t.is(JSON.parse(unauthorized?.response.body ?? '').error.status, 401);

	t.deepEqual(limited?.response.headers, [
		['Retry-After', '60'],
		['Content-Type', 'application/json'],
	]);
	t.deepEqual(JSON.parse(limited?.response.body ?? ''), {
		error_code: 'RATE_001',
		message: 'Too many requests',
		details: {limit: 100, window: '60s'},
		timestamp: '2024-06-10T08:30:00Z',
		request_id: 'req_9f8e7d',
	});
});

test('base64 content: padded, unpadded, url-safe and wrapped decode; invalid base64 is kept as it is', (t) => {
	const body = (text: unknown, encoding: unknown = 'base64') =>
		harEntries({log: {entries: [{request: {}, response: {content: {text, encoding}}}]}})[0]?.response.body;
	t.is(body(Buffer.from('{"ok":false}').toString('base64')), '{"ok":false}');
	t.is(body('eyJvayI6ZmFsc2V9'), '{"ok":false}');
	t.is(body('eyJvayI6ZmFsc2V'), '{"ok":false');
	t.is(body('eyJv\nayI6\nZmFsc2V9'), '{"ok":false}');
	t.is(body(Buffer.from('?>?').toString('base64url')), '?>?');
	t.is(body('not base64!'), 'not base64!');
	t.is(body('abcde'), 'abcde');
	t.is(body('ab=c'), 'ab=c');
	t.is(body('abc=='), 'abc==');
	t.is(body('eyJvayI6ZmFsc2V9', 'gzip'), 'eyJvayI6ZmFsc2V9');
	t.is(body(42), '');
	t.is(body(undefined), '');
});

test('garbage types: wrong fields read as empty, entries without request or response are skipped', (t) => {
	const garbage = {
		log: {
			entries: [
				null,
				42,
				'entry',
				[],
				{request: 'GET /', response: {}},
				{request: {}, response: null},
				{
					startedDateTime: 1_718_000_000,
					request: {
						method: 7,
						url: {href: 'https://x'},
						headers: [null, 'a', {name: 5, value: 'x'}, {name: ''}, {name: 'X-Ok', value: 3}, {name: 'Y', value: 'y'}],
						postData: {text: {}},
					},
					response: {
						status: '503',
						statusText: null,
						httpVersion: ['h2'],
						headers: {name: 'a', value: 'b'},
						content: 'text',
					},
				},
				{request: {method: 'GET'}, response: {status: 1e9, content: {text: ['a']}}},
				{request: {method: 'GET'}, response: {status: 401.5}},
				{request: {method: 'GET'}, response: {status: -1}},
			],
		},
	};
	const entries = harEntries(garbage);
	t.is(entries.length, 4);
	t.deepEqual(entries[0], {
		startedDateTime: null,
		request: {
			method: '',
			url: '',
			headers: [
				['X-Ok', ''],
				['Y', 'y'],
			],
			body: null,
			unexpanded: [],
		},
		response: {status: 503, statusText: '', httpVersion: '', headers: [], body: ''},
	});
	t.deepEqual(
		entries.slice(1).map((entry) => [entry.request.method, entry.response.status, entry.response.body]),
		[
			['GET', 0, ''],
			['GET', 0, ''],
			['GET', 0, ''],
		],
	);
	t.deepEqual(harEntries(null), []);
	t.deepEqual(harEntries({log: {entries: 'x'}}), []);
	// eslint-disable-next-line no-sparse-arrays -- a hole in the array is one of the shapes a stranger's HAR can take
	t.is(harEntries({log: {entries: [, {request: {}, response: {}}]}}).length, 1);
});

test('any JSON value: no throw, and only object request/response pairs become entries', (t) => {
	const harLike = fc.record({
		log: fc.record({
			entries: fc.array(fc.oneof(fc.jsonValue(), fc.record({request: fc.jsonValue(), response: fc.jsonValue()}))),
		}),
	});
	fc.assert(
		fc.property(fc.oneof(fc.jsonValue(), harLike, fc.anything()), (value) => {
			const entries = harEntries(value);
			t.is(isHar(value) || entries.length === 0, true);
			for (const entry of entries) {
				t.is(typeof entry.request.method, 'string');
				t.is(typeof entry.response.body, 'string');
				t.true(Number.isInteger(entry.response.status));
			}
		}),
		{numRuns: 2000},
	);
});
