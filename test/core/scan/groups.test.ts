import test from 'ava';
import {Census, Classifier} from '../../../source/core/scan/groups.js';
import type {CensusGroup, CensusReport} from '../../../source/core/scan/groups.js';
import {LogScanner, logTime, scanHar, timedLineStart} from '../../../source/core/scan/reader.js';
import {diagnose} from '../../../source/core/diagnose.js';
import {catalogs} from '../../helpers/catalogs.js';

function scanPieces(pieces: readonly string[]): {report: CensusReport; scanner: LogScanner} {
	const census = new Census();
	const scanner = new LogScanner(census, catalogs);
	for (const piece of pieces) scanner.push(piece);
	scanner.finish();
	return {report: census.report(), scanner};
}

const scanText = (text: string) => scanPieces([text]).report;

/** provider·status·code → count, the way a reader checks a census. */
function counts(report: CensusReport): Record<string, number> {
	return Object.fromEntries(
		report.groups.map((group) => [`${group.provider ?? '-'} ${group.status ?? '-'} ${group.code ?? '-'}`, group.count]),
	);
}

function group(report: CensusReport, key: string): CensusGroup {
	const found = report.groups.find(
		(item) => `${item.provider ?? '-'} ${item.status ?? '-'} ${item.code ?? '-'}` === key,
	);
	if (!found) throw new Error(`no group ${key} in ${JSON.stringify(counts(report))}`);
	return found;
}

// Deterministic, so a failure can be replayed.
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const iso = (ms: number) => new Date(ms).toISOString();

type Kind = {readonly key: string; readonly line: (time: number, id: string) => string[]};

/** Every way an error reaches a log in this test, each with the group it must land in. */
const kinds: readonly Kind[] = [
	{
		key: 'dakota 429 rate-limited',
		line: (time, id) => [
			`${iso(time)} ERROR upstream {"type":"rate-limited","title":"Rate Limited","status":429,"detail":"Too many requests.","request_id":"${id}"}`,
		],
	},
	{
		key: 'dakota 401 authentication-error',
		line: (time, id) => [
			JSON.stringify({
				level: 'error',
				time: iso(time),
				msg: 'call failed',
				body: {type: 'authentication-error', title: 'Authentication Error', status: 401, request_id: id},
			}),
		],
	},
	{
		key: 'customer-verification 401 TOKEN_EXPIRED',
		line: (time, id) => [
			`[${iso(time)}] WARN cv {"error": {"code": "TOKEN_EXPIRED", "message": "JWT token has expired"}, "requestId": "${id}"}`,
		],
	},
	{
		key: 'dguard 400 REFUND_004',
		// Pretty-printed over several lines.
		line: (time, id) => [
			`${iso(time)} ERROR refund failed:`,
			...JSON.stringify({error_code: 'REFUND_004', message: 'Idempotency key missing', request_id: id}, null, 2).split(
				'\n',
			),
		],
	},
	{
		key: 'dfns 401 -',
		// A curl -v capture: the status, host and Date come from the transcript, the body says little.
		line: (time) => [
			'> GET /wallets HTTP/1.1',
			'> Host: api.dfns.io',
			'>',
			'< HTTP/1.1 401 Unauthorized',
			'< content-type: application/json',
			`< date: ${new Date(time).toUTCString()}`,
			'<',
			'{"error": {"message": "Not Authorized."}}',
			'* Connection #0 to host api.dfns.io left intact',
		],
	},
	{key: '- 503 -', line: (time) => [`${iso(time)} WARN upstream status=503 after 3000ms`]},
	{
		key: '- 502 -',
		// A response with an HTML body: counted by its status alone.
		line: () => ['HTTP/1.1 502 Bad Gateway', 'content-type: text/html', '', '<html><title>502</title></html>'],
	},
];

/** Lines that are no error, however much they look like log lines around errors. */
const noise = [
	(time: number) => `${iso(time)} INFO GET /v1/wallets 200 12ms`,
	(time: number) => JSON.stringify({level: 'info', time: iso(time), msg: 'request completed', status: 200}),
	(time: number) => `${iso(time)} DEBUG config {"retries": 3, "backoff": "exponential"}`,
	(time: number) => `${iso(time)} INFO template {name} not set`,
	() => '',
];

function mixedLog(lines: number, seed: number): {text: string; expected: Record<string, number>} {
	const next = random(seed);
	const out: string[] = [];
	const expected: Record<string, number> = {};
	let time = Date.parse('2025-03-04T10:00:00Z');
	for (let index = 0; index < lines; index++) {
		time += Math.floor(next() * 5000);
		if (next() < 0.5) {
			const kind = kinds[Math.floor(next() * kinds.length)]!;
			out.push(...kind.line(time, `req_${index}`));
			expected[kind.key] = (expected[kind.key] ?? 0) + 1;
		} else {
			out.push(noise[Math.floor(next() * noise.length)]!(time));
		}
	}

	return {text: out.join('\n') + '\n', expected};
}

test('a generated mixed log gives exactly the counts it was generated with', (t) => {
	const {text, expected} = mixedLog(3000, 7);
	const report = scanText(text);
	t.deepEqual(counts(report), expected);
	t.is(
		report.total,
		Object.values(expected).reduce((sum, count) => sum + count, 0),
	);
	const sizes = report.groups.map((item) => item.count);
	t.deepEqual(
		sizes,
		[...sizes].sort((a, b) => b - a),
		'largest group first',
	);
});

test('the counts do not depend on where the input is cut into chunks', (t) => {
	const {text, expected} = mixedLog(1500, 11);
	const next = random(3);
	for (let round = 0; round < 5; round++) {
		const pieces: string[] = [];
		let start = 0;
		while (start < text.length) {
			const size = 1 + Math.floor(next() * 700);
			pieces.push(text.slice(start, start + size));
			start += size;
		}

		t.deepEqual(counts(scanPieces(pieces).report), expected);
	}
});

/** The census of `text` read in parts cut at lines that start with a time near `shares`, each by its own scanner. */
function scanInParts(text: string, shares: readonly number[]): CensusReport | null {
	const bytes = Buffer.from(text);
	const cuts = [0];
	for (const share of shares) {
		const from = Math.floor(bytes.length * share) - 1;
		const found = timedLineStart(bytes.subarray(from));
		if (found !== -1 && from + found > cuts.at(-1)!) cuts.push(from + found);
	}

	cuts.push(bytes.length);
	const parts = cuts.slice(1).map((end, index) => {
		const census = new Census({part: true});
		const scanner = new LogScanner(census, catalogs);
		scanner.push(bytes.toString('utf8', cuts[index], end));
		scanner.finish();
		return census.part();
	});
	return Census.merged(parts)?.report() ?? null;
}

test('a log read in parts side by side gives the census of one read: counts, times, ids, examples, histogram', (t) => {
	for (const seed of [7, 11, 13]) {
		const {text} = mixedLog(3000, seed);
		const whole = scanText(text);
		for (const shares of [[0.5], [0.25, 0.5, 0.75], [0.01, 0.02, 0.99]]) {
			t.deepEqual(scanInParts(text, shares), whole, `seed ${seed}, cut near ${shares.join(', ')}`);
		}
	}
});

test('parts merge request ids as one census collects them, and their histograms at the wider width', (t) => {
	const line = (minute: number, id: string) =>
		`${iso(Date.parse('2025-03-04T10:00:00Z') + minute * 60_000)} ERROR {"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"${id}"}`;
	// Ids repeated in the first part, new ones only in the second: the merged group takes them in order.
	const lines = [
		...Array.from({length: 30}, (_, index) => line(index, `a${index % 2}`)),
		...Array.from({length: 30}, (_, index) => line(30 + index, `b${index % 4}`)),
	];
	const text = lines.join('\n') + '\n';
	const whole = scanText(text);
	t.deepEqual(group(whole, 'dakota 429 rate-limited').requestIds, ['a0', 'a1', 'b0', 'b1', 'b2']);
	t.deepEqual(scanInParts(text, [0.5]), whole);

	const census = new Census({part: true});
	const kind = {provider: null, status: 500, code: null, title: 'HTTP 500', fix: null};
	census.add(kind, Date.parse('2025-03-04T10:00:00Z'), null, () => 'x');
	const wide = new Census({part: true});
	wide.add(kind, Date.parse('2025-03-04T10:07:00Z'), null, () => 'x');
	for (let minute = 0; minute <= 100_000; minute++)
		wide.add(kind, Date.parse('2025-01-01T00:00:00Z') + minute * 60_000, null, () => 'x');
	const merged = Census.merged([census.part(), wide.part()])?.report();
	const one = new Census();
	one.add(kind, Date.parse('2025-03-04T10:00:00Z'), null, () => 'x');
	one.add(kind, Date.parse('2025-03-04T10:07:00Z'), null, () => 'x');
	for (let minute = 0; minute <= 100_000; minute++)
		one.add(kind, Date.parse('2025-01-01T00:00:00Z') + minute * 60_000, null, () => 'x');
	t.deepEqual(merged, one.report());
});

test('timedLineStart finds the first line that starts with a time, after a line break', (t) => {
	const bytes = (text: string) => Buffer.from(text);
	t.is(timedLineStart(bytes('12:00 x\n{"a": 1}\n2025-03-04T10:00:00Z INFO ok\n')), 17);
	t.is(timedLineStart(bytes('2025-03-04T10:00:00Z first\n[2025-03-04 10:00:01] second\n')), 27);
	t.is(timedLineStart(bytes('x\r\n2025-03-04T10:00:00Z\r\n')), 3);
	t.is(timedLineStart(bytes('x\n{"time": "2025-03-04T10:00:00Z"}\nprose\n')), -1);
	t.is(timedLineStart(bytes('x\n2025-03-04T10:00:00Z cut before its end')), -1, 'a line must end in the bytes');
});

test('first and last seen come from line timestamps, a time field, or the Date header of a capture', (t) => {
	const report = scanText(
		[
			'2025-03-04T10:00:00Z ERROR {"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"a"}',
			'{"level":"error","ts":1741083000,"body":{"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"a"}}',
			'2025-03-04 10:05:00.250 ERROR {"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"b"}',
			'> GET /wallets HTTP/1.1',
			'> Host: api.dfns.io',
			'< HTTP/2 401',
			'< date: Tue, 04 Mar 2025 11:00:00 GMT',
			'< x-request-id: hdr-1',
			'<',
			'{"error": {"message": "Not Authorized."}}',
		].join('\n'),
	);
	const rateLimited = group(report, 'dakota 429 rate-limited');
	t.is(rateLimited.count, 3);
	t.is(rateLimited.firstSeen, '2025-03-04T10:00:00.000Z');
	t.is(rateLimited.lastSeen, '2025-03-04T10:10:00.000Z');
	t.deepEqual(rateLimited.requestIds, ['a', 'b']);
	t.is(group(report, 'dfns 401 -').firstSeen, '2025-03-04T11:00:00.000Z');
	t.deepEqual(group(report, 'dfns 401 -').requestIds, ['hdr-1'], 'the response header when the body has no id');
});

test('request ids: at most five distinct per group', (t) => {
	const lines = Array.from(
		{length: 20},
		(_, index) => `{"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"req_${index % 7}"}`,
	);
	t.deepEqual(group(scanText(lines.join('\n')), 'dakota 429 rate-limited').requestIds, [
		'req_0',
		'req_1',
		'req_2',
		'req_3',
		'req_4',
	]);
});

test('each group has its top fix from the catalogs and an example that diagnose reads as the same error', (t) => {
	const {text} = mixedLog(400, 5);
	const report = scanText(text);
	for (const item of report.groups) {
		t.truthy(item.title, `${item.code ?? '-'} has a title`);
		const diagnosis = diagnose(item.example, {catalogs, clock: new Date('2025-03-05T00:00:00Z')});
		t.truthy(diagnosis, `the example of ${item.code ?? item.status ?? '-'} is diagnosable`);
		t.is(diagnosis?.provider?.id ?? null, item.provider, item.example);
	}

	const rateLimited = group(report, 'dakota 429 rate-limited');
	t.regex(rateLimited.fix ?? '', /retry/i);
});

test('the histogram counts errors per minute, and per wider buckets over long spans', (t) => {
	const census = new Census();
	const kind = {provider: null, status: 500, code: null, title: 'HTTP 500', fix: null};
	const start = Date.parse('2025-03-04T10:00:00Z');
	for (let minute = 0; minute < 30; minute++) {
		const burst = minute === 12 ? 40 : 1;
		for (let index = 0; index < burst; index++) census.add(kind, start + minute * 60_000 + index, null, () => 'x');
	}

	const histogram = census.report().histogram;
	t.is(histogram?.bucketMinutes, 1);
	t.is(histogram?.start, '2025-03-04T10:00:00.000Z');
	t.is(histogram?.counts.length, 30);
	t.is(histogram?.counts[12], 40);

	census.add(kind, start + 3 * 24 * 3_600_000, null, () => 'x');
	const wide = census.report().histogram;
	t.is(wide?.bucketMinutes, 360, 'three days in 6-hour buckets');
	t.is(
		wide?.counts.reduce((sum, count) => sum + count, 0),
		30 + 39 + 1,
	);
	t.is(new Census().report().histogram, null, 'no times, no histogram');
});

test('logTime reads the shapes logs write, zone-less as UTC', (t) => {
	t.is(logTime('2025-03-04T10:00:00Z'), Date.parse('2025-03-04T10:00:00Z'));
	t.is(logTime('2025-03-04T10:00:00.123Z'), Date.parse('2025-03-04T10:00:00.123Z'));
	t.is(logTime('2025-03-04 10:00:00,5'), Date.parse('2025-03-04T10:00:00.500Z'));
	t.is(logTime('2025-03-04T11:00:00+01:00'), Date.parse('2025-03-04T10:00:00Z'));
	t.is(logTime(1_741_082_400), Date.parse('2025-03-04T10:00:00Z'));
	t.is(logTime(1_741_082_400_000), Date.parse('2025-03-04T10:00:00Z'));
	t.is(logTime('1741082400'), Date.parse('2025-03-04T10:00:00Z'));
	t.is(logTime('yesterday'), null);
	t.is(logTime('2025-03-04T10:00:99Z'), null);
});

test('a HAR with successes and failures: every status >= 400, and GraphQL and Slack errors inside 200s', (t) => {
	const entry = (started: string, url: string, status: number, body: unknown, type = 'application/json') => ({
		startedDateTime: started,
		request: {method: 'POST', url, headers: [{name: 'x-api-key', value: 'k'}]},
		response: {
			status,
			statusText: '',
			headers: [
				{name: 'content-type', value: type},
				{name: 'x-request-id', value: `hdr-${started.slice(17, 19)}`},
			],
			content: {text: typeof body === 'string' ? body : JSON.stringify(body)},
		},
	});
	const problem = {type: 'authentication-error', title: 'Authentication Error', status: 401};
	const har = {
		log: {
			entries: [
				entry('2025-03-04T10:00:01Z', 'https://api.platform.dakota.xyz/customers', 200, {id: 'cst_1'}),
				entry(
					'2025-03-04T10:00:02Z',
					'https://api.platform.dakota.xyz/customers',
					401,
					problem,
					'application/problem+json',
				),
				entry(
					'2025-03-04T10:00:03Z',
					'https://api.platform.dakota.xyz/customers',
					401,
					problem,
					'application/problem+json',
				),
				entry('2025-03-04T10:00:04Z', 'https://example.com/graphql', 200, {
					data: null,
					errors: [{message: 'Not allowed', extensions: {code: 'FORBIDDEN'}}],
				}),
				entry('2025-03-04T10:00:05Z', 'https://slack.com/api/chat.postMessage', 200, {
					ok: false,
					error: 'invalid_auth',
				}),
				entry('2025-03-04T10:00:06Z', 'https://slack.com/api/chat.postMessage', 200, {ok: true}),
				entry('2025-03-04T10:00:07Z', 'https://example.com/graphql', 200, {data: {viewer: {id: 1}}}),
				entry(
					'2025-03-04T10:00:08Z',
					'https://example.com/upstream',
					502,
					'<html><title>Bad Gateway</title></html>',
					'text/html',
				),
				entry('2025-03-04T10:00:09Z', 'https://example.com/redirect', 302, ''),
				entry('2025-03-04T10:00:10Z', 'https://example.com/blocked', 0, ''),
			],
		},
	};
	const census = new Census();
	scanHar(har, census, catalogs);
	const report = census.report();
	t.deepEqual(counts(report), {
		'dakota 401 authentication-error': 2,
		'- 200 FORBIDDEN': 1,
		'slack 200 invalid_auth': 1,
		'- 502 -': 1,
	});
	const dakota = group(report, 'dakota 401 authentication-error');
	t.is(dakota.firstSeen, '2025-03-04T10:00:02.000Z');
	t.is(dakota.lastSeen, '2025-03-04T10:00:03.000Z');
	t.deepEqual(dakota.requestIds, ['hdr-02', 'hdr-03']);
	const diagnosis = diagnose(dakota.example, {catalogs});
	t.is(diagnosis?.status, 401);
	t.is(diagnosis?.provider?.id, 'dakota');
});

test('1 MiB of adversarial input is read in linear time: parse attempts grow with the size, not its square', (t) => {
	const mebibyte = 1024 * 1024;
	const shapes: Record<string, (size: number) => string> = {
		'unmatched braces on one line': (size) => '{'.repeat(size),
		'unmatched braces on many lines': (size) => '{"a": {"b": [{\n'.repeat(size / 16),
		'an error body opened on every line': (size) => '{"error": {"code": "X", "message": "y"\n'.repeat(size / 40),
		'lines that close but are not JSON': (size) => '{"error": {"code": "X"} {{{{ }\n'.repeat(size / 30),
		'an error member opened at every brace': (size) => '{"error":'.repeat(size / 9 - 1) + '1}',
		'two hundred openers per line': (size) => ('{"error": ' + '{'.repeat(200) + '}\n').repeat(size / 212),
		'an error, then a stray brace, on every line': (size) =>
			'2025-03-04T10:00:00Z x {"error":{"code":"A","message":"b"}} {\n'.repeat(size / 60),
	};
	let total = 0;
	for (const [name, make] of Object.entries(shapes)) {
		const attempts = (size: number): {attempts: number; lines: number} => {
			const {scanner} = scanPieces([make(size)]);
			return {attempts: scanner.stats.parseAttempts, lines: scanner.stats.lines};
		};

		const half = attempts(mebibyte / 2);
		const full = attempts(mebibyte);
		total += full.attempts;
		t.true(full.attempts <= 2 * full.lines + 16, `${name}: ${full.attempts} attempts for ${full.lines} lines`);
		t.true(full.attempts <= 2 * half.attempts + 16, `${name}: ${half.attempts} → ${full.attempts} attempts`);
	}

	t.true(total > 10_000, 'the inputs do reach the parsers');
});

test('lines that are no HTTP error are not counted', (t) => {
	const report = scanText(
		[
			'{"level":"error","msg":"database timeout"}',
			'{"level":"info","status":200,"body":{"ok":true}}',
			'2025-03-04T10:00:00Z INFO status=200 fine',
			'{"status":"pending","id":"tx_1"}',
			'plain prose with a { brace',
		].join('\n'),
	);
	t.is(report.total, 0);
	t.deepEqual(report.groups, []);
});

test('a crashing reader is kept once, as data, and survives merging the census of parts', (t) => {
	const trap = () => {
		throw new Error('trap');
	};
	const throwing = new Proxy({}, {get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap});
	const classifier = new Classifier(catalogs);
	const context = {status: 502, host: null, contentType: null};
	const {kind, reading} = classifier.classify(throwing, '', context);
	t.is(reading.format, 'unknown');
	t.is(kind?.status, 502);
	t.is(classifier.crash?.message, 'trap');
	classifier.classify({error: {message: 'x'}}, '', context);
	t.is(classifier.crash?.message, 'trap');

	const first = new Census({part: true});
	const second = new Census({part: true});
	second.crash = classifier.crash;
	t.is(Census.merged([first.part(), second.part()])?.crash?.message, 'trap');
	t.is(Census.merged([first.part()])?.crash, null);
});
