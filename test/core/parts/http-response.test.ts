import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {findHttpResponses, parseStatusLine} from '../../../source/core/parts/http-response.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/http/${name}`, import.meta.url), 'utf8');

test('curl -si HTTP/1.1 output: status, headers in order as written, JSON body', (t) => {
	const text = fixture('curl-si-dakota-401.txt');
	const found = findHttpResponses(text);
	t.truthy(found);
	t.is(found?.start, 0);
	t.is(found?.end, text.trimEnd().length);
	t.is(found?.responses.length, 1);
	const response = found?.responses[0];
	t.is(response?.status, 401);
	t.is(response?.statusText, 'Unauthorized');
	t.is(response?.httpVersion, 'HTTP/1.1');
	t.deepEqual(response?.headers, [
		['Date', 'Mon, 10 Jun 2024 08:15:02 GMT'],
		['Content-Type', 'application/problem+json'],
		['Content-Length', '183'],
		['Connection', 'keep-alive'],
		['X-Request-Id', 'req_stu901'],
	]);
	t.deepEqual(JSON.parse(response?.body ?? ''), {
		type: 'authentication-error',
		title: 'Authentication Required',
		status: 401,
		detail: 'Missing or invalid authentication credentials.',
		instance: '/customers',
		request_id: 'req_stu901',
	});
});

test('HTTP/2 status line without a reason phrase, lower-case header names kept', (t) => {
	const response = findHttpResponses(fixture('curl-si-http2-429.txt'))?.responses[0];
	t.is(response?.status, 429);
	t.is(response?.statusText, '');
	t.is(response?.httpVersion, 'HTTP/2');
	t.deepEqual(response?.headers.slice(2, 4), [
		['retry-after', '30'],
		['x-ratelimit-limit', '100'],
	]);
	t.is(JSON.parse(response?.body ?? '').request_id, 'req_klm789');
});

test('HTTP/1.0 and HTTP/3 status lines are read; near misses are not', (t) => {
	t.deepEqual(parseStatusLine('HTTP/1.0 503 Service Unavailable'), {
		httpVersion: 'HTTP/1.0',
		status: 503,
		statusText: 'Service Unavailable',
	});
	t.deepEqual(parseStatusLine('HTTP/3 200'), {httpVersion: 'HTTP/3', status: 200, statusText: ''});
	t.is(parseStatusLine('HTTP/1.1 4011 Unauthorized'), null);
	t.is(parseStatusLine('HTTP/1.1 601 Nope'), null);
	t.is(parseStatusLine('HTTPS/1.1 401'), null);
	t.is(parseStatusLine(' HTTP/1.1 401'), null);
	t.is(parseStatusLine('HTTP/1.1401'), null);
});

test('100 Continue then 401: both, in order', (t) => {
	const text = 'HTTP/1.1 100 Continue\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"x"}\n';
	const found = findHttpResponses(text);
	t.deepEqual(
		found?.responses.map((response) => [response.status, response.statusText, response.body]),
		[
			[100, 'Continue', ''],
			[401, 'Unauthorized', '{"error":"x"}'],
		],
	);
	t.is(found?.end, text.length - 1);
});

test('a redirect chain with -L: every response in order, the last one with the body', (t) => {
	const found = findHttpResponses(fixture('curl-sil-redirect.txt'));
	t.deepEqual(
		found?.responses.map((response) => response.status),
		[301, 302, 404],
	);
	t.deepEqual(found?.responses[0]?.headers, [
		['Location', 'https://api.platform.dakota.xyz/customers'],
		['Content-Length', '0'],
	]);
	t.is(found?.responses[0]?.body, '');
	t.is(JSON.parse(found?.responses[2]?.body ?? '').type, 'not-found');
});

test('a proxy CONNECT response before the real one', (t) => {
	const text = 'HTTP/1.1 200 Connection established\r\n\r\nHTTP/2 403 \r\ncontent-type: text/plain\r\n\r\nforbidden';
	const found = findHttpResponses(text);
	t.deepEqual(
		found?.responses.map((response) => [response.status, response.statusText, response.body]),
		[
			[200, 'Connection established', ''],
			[403, '', 'forbidden'],
		],
	);
});

test('CRLF input reads like LF input, offsets into the CRLF text', (t) => {
	const lf = fixture('curl-si-dakota-401.txt');
	const crlf = lf.replaceAll('\n', '\r\n');
	const fromLf = findHttpResponses(lf);
	const fromCrlf = findHttpResponses(crlf);
	t.deepEqual(fromCrlf?.responses[0]?.headers, fromLf?.responses[0]?.headers);
	t.is(fromCrlf?.responses[0]?.body.replaceAll('\r\n', '\n'), fromLf?.responses[0]?.body);
	t.is(fromCrlf?.end, crlf.trimEnd().length);
	t.false(fromCrlf?.responses[0]?.headers.some(([, value]) => value.includes('\r')));
});

test('a response inside a ticket: found at a line start, body stops at the closing fence', (t) => {
	const text = fixture('ticket-with-response.txt');
	const found = findHttpResponses(text);
	t.is(found?.start, text.indexOf('HTTP/1.1 400'));
	t.is(text.slice(found?.end), '\n```\n\nThe email looks fine to me. Any idea?\nThanks, Dana\n');
	const response = found?.responses[0];
	t.is(response?.status, 400);
	t.deepEqual(response?.headers.at(-1), ['X-Request-Id', 'req_8d4b2e1f']);
	t.is(JSON.parse(response?.body ?? '').errors[0].field, 'email');
});

test('prose right after a JSON body is left out; prose after a text body stays in it', (t) => {
	const json = 'HTTP/1.1 404 Not Found\n\n{"a": "}"}\n\nThanks!\nHTTP/1.1 500 Oops\n\n';
	const found = findHttpResponses(json);
	t.is(found?.responses.length, 1);
	t.is(found?.responses[0]?.body, '{"a": "}"}');
	t.is(found?.end, json.indexOf('\n\nThanks'));

	const textBody = 'HTTP/1.1 500 Internal Server Error\n\n[2024-06-10] upstream failed\nThanks!\n';
	t.is(findHttpResponses(textBody)?.responses[0]?.body, '[2024-06-10] upstream failed\nThanks!');
});

test('the body ends at a shell prompt line', (t) => {
	const text = 'HTTP/2 401\n\nunauthorized\n$ curl -si https://api.dfns.io/wallets\n';
	const found = findHttpResponses(text);
	t.is(found?.responses[0]?.body, 'unauthorized');
	t.is(text.slice(found?.end), '\n$ curl -si https://api.dfns.io/wallets\n');
	const prompted = 'HTTP/2 401\n\nunauthorized\nuser@host:~$ curl -si https://api.dfns.io/wallets\n';
	t.is(findHttpResponses(prompted)?.responses[0]?.body, 'unauthorized');
});

test('folded header lines join the header before them; a lost blank line starts the body', (t) => {
	const text = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="api",\n\terror="invalid_token"\n{"e":1}';
	const response = findHttpResponses(text)?.responses[0];
	t.deepEqual(response?.headers, [['WWW-Authenticate', 'Bearer realm="api", error="invalid_token"']]);
	t.is(response?.body, '{"e":1}');
});

test('no status line at a line start: null', (t) => {
	t.is(findHttpResponses(''), null);
	t.is(findHttpResponses('the server said HTTP/1.1 401 Unauthorized'), null);
	t.is(findHttpResponses('< HTTP/2 401\n< content-type: x'), null);
	t.is(findHttpResponses('HTTP/1.1 is a protocol\n'), null);
});

test('a status line at the very end of the text', (t) => {
	const found = findHttpResponses('see below\nHTTP/2 502');
	t.deepEqual(found, {
		start: 10,
		end: 20,
		responses: [{httpVersion: 'HTTP/2', status: 502, statusText: '', headers: [], body: ''}],
	});
});

test('5 MB of random text, and 5 MB of adversarial text, finish quickly', (t) => {
	let seed = 7;
	let random = '';
	const alphabet = 'HTTP/1.1 200 OK:\r\n\t{}[]"\\$`~x';
	for (let index = 0; index < 5_000_000; index++) {
		seed = (seed * 1_103_515_245 + 12_345) & 0x7f_ff_ff_ff;
		random += alphabet[seed % alphabet.length];
	}

	const adversarial = 'HTTP/1.1 200 OK\n' + '{"[\\'.repeat(1_250_000);
	const manyResponses = 'HTTP/1.1 200 OK\nA: b\n\n'.repeat(100_000);
	const started = Date.now();
	findHttpResponses(random);
	t.is(findHttpResponses(adversarial)?.responses[0]?.body.length, adversarial.length - 16);
	t.is(findHttpResponses(manyResponses)?.responses.length, 100_000);
	t.true(Date.now() - started < 5000);
});

/** Where the first line that is a status line starts, found line by line without the parser's scan. */
function firstStatusLine(text: string): number {
	let offset = 0;
	for (const line of text.split('\n')) {
		if (parseStatusLine(line.replace(/\r$/, ''))) return offset;
		offset += line.length + 1;
	}

	return -1;
}

test('any text around a status line: found, offsets inside the text, the first status line at the start offset', (t) => {
	const statusLine = fc
		.tuple(
			fc.constantFrom('HTTP/1.0', 'HTTP/1.1', 'HTTP/2', 'HTTP/3'),
			fc.integer({min: 100, max: 599}),
			fc.constantFrom('', ' OK', ' Unauthorized', '\tToo Many Requests', ' '),
		)
		.map(([version, status, reason]) => `${version} ${status}${reason}`);
	// Arbitrary text and the lines a paste mixes up, which may hold status lines of their own.
	const noise = fc.array(
		fc.oneof(
			fc.string({unit: 'binary'}),
			fc.constantFrom('HTTP/1.1 401 X', 'HTTP/2 200', 'A: b', ' c', '', '{', '}', '"', '```', '$ ls', 'x'),
		),
	);
	fc.assert(
		fc.property(noise, statusLine, noise, fc.constantFrom('\n', '\r\n'), (before, planted, after, eol) => {
			const text = [...before, planted, ...after].join(eol);
			const found = findHttpResponses(text);
			const plantedAt = text.length - [planted, ...after].join(eol).length;
			const first = firstStatusLine(text);
			// The planted line is found unless the noise before it holds a status line of its own.
			t.true(first !== -1 && first <= plantedAt);
			t.is(found?.start, first);
			t.true(found !== null && found.start <= found.end && found.end <= text.length);
			t.true((found?.responses.length ?? 0) > 0);
			const line = parseStatusLine(text.slice(first).split(/\r?\n/)[0] ?? '');
			t.is(found?.responses[0]?.status, line?.status);
		}),
		{numRuns: 2000},
	);
});
