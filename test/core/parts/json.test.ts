import test from 'ava';
import fc from 'fast-check';
import {findJsonValues} from '../../../source/core/parts/json.js';
import type {JsonFind} from '../../../source/core/parts/json.js';

const seed = 20_250_304;

/** Each find as the text it spans and its value, which is what a caller uses. */
function spans(text: string, finds: readonly JsonFind[]): Array<{text: string; value: unknown; lenient: boolean}> {
	return finds.map(({start, end, value, lenient}) => ({text: text.slice(start, end), value, lenient}));
}

function attempts(text: string, options: {maxDepth?: number} = {}): {finds: JsonFind[]; parseAttempts: number} {
	const stats = {parseAttempts: 0};
	const finds = findJsonValues(text, {...options, stats});
	return {finds, parseAttempts: stats.parseAttempts};
}

test('an object after a log-line prefix', (t) => {
	const text = '2025-03-04T10:00:00Z ERROR upstream {"error":{"code":"X","message":"nope"}}\n';
	t.deepEqual(spans(text, findJsonValues(text)), [
		{text: '{"error":{"code":"X","message":"nope"}}', value: {error: {code: 'X', message: 'nope'}}, lenient: false},
	]);
});

test('JSON inside ticket prose, with quotes and apostrophes around it', (t) => {
	const text = `Hi team, we get this: {"error": {"code": "X"}} since yesterday. It's "urgent" (see {ticket}).`;
	t.deepEqual(spans(text, findJsonValues(text)), [
		{text: '{"error": {"code": "X"}}', value: {error: {code: 'X'}}, lenient: false},
	]);
});

test('BOM, CRLF and a zsh % right after the closing brace', (t) => {
	const text = '\uFEFF{\r\n  "error": {\r\n    "code": "X"\r\n  }\r\n}%\r\n';
	const finds = findJsonValues(text);
	t.deepEqual(
		finds.map((find) => find.value),
		[{error: {code: 'X'}}],
	);
	t.is(text.slice(finds[0]!.start, finds[0]!.end).at(-1), '}');
});

test('Python repr and JavaScript literals inside prose', (t) => {
	const text =
		"The SDK raised: {'error': {'code': 'X', 'ok': True, 'x': None, 'y': False}} and console.log gave {error: {code: 'X'}}.";
	t.deepEqual(spans(text, findJsonValues(text)), [
		{
			text: "{'error': {'code': 'X', 'ok': True, 'x': None, 'y': False}}",
			value: {error: {code: 'X', ok: true, x: null, y: false}},
			lenient: true,
		},
		{text: "{error: {code: 'X'}}", value: {error: {code: 'X'}}, lenient: true},
	]);
});

test('brackets inside strings of every notation do not end the value', (t) => {
	const text = `a {"m": "}]\\\\"} b {'m': 'it\\'s } ]', n: ['[']} c {\\"m\\": \\"} \\\\\\"]\\"} d`;
	t.deepEqual(
		findJsonValues(text).map((find) => find.value),
		[{m: '}]\\'}, {m: "it's } ]", n: ['[']}, {m: '} "]'}],
	);
});

test('JSON escaped inside a log string and bare escaped JSON in prose', (t) => {
	const logged =
		'level=error msg="{\\"error\\":{\\"code\\":\\"X\\",\\"note\\":\\"a \\\\\\"quoted\\\\\\" }\\"}}" status=401';
	t.deepEqual(spans(logged, findJsonValues(logged)), [
		{
			text: '{\\"error\\":{\\"code\\":\\"X\\",\\"note\\":\\"a \\\\\\"quoted\\\\\\" }\\"}}',
			value: {error: {code: 'X', note: 'a "quoted" }'}},
			lenient: true,
		},
	]);
	const prose = 'They pasted {\\"error\\": {\\"code\\": \\"X\\"}} in the ticket.';
	t.deepEqual(
		findJsonValues(prose).map((find) => find.value),
		[{error: {code: 'X'}}],
	);
});

test('a JSON log line whose field holds JSON as a string yields both, with the outer span', (t) => {
	const text = '{"level":"error","body":"{\\"type\\":\\"rate-limited\\",\\"status\\":429}","n":1}\n';
	const finds = findJsonValues(text);
	t.deepEqual(
		finds.map((find) => find.value),
		[
			{level: 'error', body: '{"type":"rate-limited","status":429}', n: 1},
			{type: 'rate-limited', status: 429},
		],
	);
	t.deepEqual(
		finds.map(({start, end}) => [start, end]),
		[
			[0, text.length - 1],
			[0, text.length - 1],
		],
	);
});

test('JSON embedded as a string at any depth, twice over, and in prose inside a string', (t) => {
	const inner = {error: {code: 'X'}};
	const middle = {response: {body: JSON.stringify(inner)}};
	const outer = {entries: [{message: `upstream said ${JSON.stringify(middle)} then gave up`}]};
	const values = findJsonValues(JSON.stringify(outer)).map((find) => find.value);
	t.deepEqual(values, [outer, middle, inner]);
	// Strings that are not JSON are left alone.
	t.deepEqual(
		findJsonValues('{"message": "Hello {name}, {}"}').map((find) => find.value),
		[{message: 'Hello {name}, {}'}],
	);
});

test('a top-level array around the error is returned as the array', (t) => {
	const text = 'got [{"error": {"code": "X"}}] back';
	t.deepEqual(spans(text, findJsonValues(text)), [
		{text: '[{"error": {"code": "X"}}]', value: [{error: {code: 'X'}}], lenient: false},
	]);
});

test('bracketed log tags are not JSON and hide nothing after them', (t) => {
	const text = '[INFO] [2025-03-04] [5 bytes data] [user\'s request failed] [see "this] {"error":{"code":"X"}} [] {}';
	t.deepEqual(spans(text, findJsonValues(text)), [
		{text: '{"error":{"code":"X"}}', value: {error: {code: 'X'}}, lenient: false},
	]);
});

test('a stray quote swallows at most the rest of its line', (t) => {
	const text = '[a, "b} c]\n{"error": {"code": "X"}}';
	t.deepEqual(
		findJsonValues(text).map((find) => find.value),
		[{error: {code: 'X'}}],
	);
});

test('a curl -v transcript with { [n bytes data] lines', (t) => {
	const text = [
		'* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
		'} [512 bytes data]',
		'* TLSv1.3 (IN), TLS handshake, Server hello (2):',
		'{ [122 bytes data]',
		'> POST /v1/wallets HTTP/2',
		'> content-type: application/json',
		'} [41 bytes data]',
		'< HTTP/2 401',
		'< content-type: application/json',
		'<',
		'{ [94 bytes data]',
		'{"error":{"id":"2038837570328299032","status":401,"message":"Unauthorized"}}',
		'* Connection #0 to host api.dfns.io left intact',
		'} [5 bytes data]',
	].join('\n');
	t.deepEqual(
		findJsonValues(text).map((find) => find.value),
		[{error: {id: '2038837570328299032', status: 401, message: 'Unauthorized'}}],
	);
});

test('values inside a bracket pair that is not JSON are still found, once each', (t) => {
	const text = '[ERROR {"error":{"code":"X"}}] and [{"error":{"code":"Y"}} trailing words] then {"b": [1]}';
	t.deepEqual(spans(text, findJsonValues(text)), [
		{text: '{"error":{"code":"X"}}', value: {error: {code: 'X'}}, lenient: false},
		{text: '{"error":{"code":"Y"}}', value: {error: {code: 'Y'}}, lenient: false},
		{text: '{"b": [1]}', value: {b: [1]}, lenient: false},
	]);
});

test('empty objects and arrays are skipped, non-empty ones holding them are kept', (t) => {
	t.deepEqual(findJsonValues('{} [] { } [\n]'), []);
	t.deepEqual(
		findJsonValues('x {"a": {}} y [[]]').map((find) => find.value),
		[{a: {}}, [[]]],
	);
});

test('Dfns current docs: the example body among JSX braces', (t) => {
	const text = [
		'  const url = "https://support.dfns.co";',
		'  return <a href={url}>{children || url}</a>;',
		'};',
		'',
		'Below is the error structure returned by Dfns API.',
		'```json theme={null}',
		'{',
		'  "error": {',
		'    "id": "2038837570328299032",',
		'    "status": 404,',
		'    "message": "wallet not found",',
		'    "details": {',
		'      "walletId": "wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx",',
		'      "orgId": "or-195qp-opddr-xxxxxxxxxxxxxxxx"',
		'    }',
		'  }',
		'}',
		'```',
	].join('\n');
	t.deepEqual(
		findJsonValues(text).map((find) => find.value),
		[
			{
				error: {
					id: '2038837570328299032',
					status: 404,
					message: 'wallet not found',
					details: {walletId: 'wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx', orgId: 'or-195qp-opddr-xxxxxxxxxxxxxxxx'},
				},
			},
		],
	);
});

test('Dfns older docs: message-only bodies, one with a trailing comma', (t) => {
	const text = [
		'The nonce specified in `X-DFNS-NONCE` is missing or invalid.',
		'```JSON',
		'{',
		'  "error": {',
		'    "message": "request nonce is missing or invalid",',
		'  }',
		'}',
		'```',
		'</details>',
		'```JSON',
		'{',
		'  "error": {',
		'    "message": "request nonce has already been used"',
		'  }',
		'}',
		'```',
	].join('\n');
	t.deepEqual(
		findJsonValues(text).map(({value, lenient}) => ({value, lenient})),
		[
			{value: {error: {message: 'request nonce is missing or invalid'}}, lenient: true},
			{value: {error: {message: 'request nonce has already been used'}}, lenient: false},
		],
	);
});

test('Dakota docs: problem details glued to the prose around them', (t) => {
	const text = [
		'HTTP Status: 429 Too Many RequestsDescription: You have exceeded the rate limit for API requests.Example Response:',
		'{',
		'  "type": "rate-limited",',
		'  "title": "Rate Limited",',
		'  "status": 429,',
		'  "detail": "Too many requests. Please retry later.",',
		'  "instance": "/customers",',
		'  "request_id": "req_klm789"',
		'}',
		'Rate Limit Headers:Every response includes rate limit information:',
		"const response = await fetch('https://api.platform.dakota.xyz/customers', {",
		"  headers: { 'x-api-key': apiKey }",
		'});',
		'  -d \'{"customer_type": "business", "name": "Acme Corp"}\'',
	].join('\n');
	t.deepEqual(
		findJsonValues(text).map((find) => find.value),
		[
			{
				type: 'rate-limited',
				title: 'Rate Limited',
				status: 429,
				detail: 'Too many requests. Please retry later.',
				instance: '/customers',
				request_id: 'req_klm789',
			},
			{customer_type: 'business', name: 'Acme Corp'},
		],
	);
});

test('DGuard and Customer Verification docs: bodies, and a JavaScript object literal from a code sample', (t) => {
	const text = [
		'json',
		'{',
		'  "error_code": "FRAUD_001",',
		'  "message": "Transaction not found",',
		'  "details": {',
		'    "transaction_id": "txn_123"',
		'  },',
		'  "timestamp": "2025-01-14T18:00:00Z",',
		'  "request_id": "req_abc123"',
		'}',
		'**Response**:',
		'```json',
		'{',
		'  "error": {',
		'    "code": "RATE_LIMIT_EXCEEDED",',
		'    "message": "Too many requests",',
		'    "details": "Rate limit exceeded. Retry after 60 seconds",',
		'    "retryAfter": 60',
		'  }',
		'}',
		'```',
		'```javascript',
		'const USER_MESSAGES = {',
		"  AUTHENTICATION_FAILED: 'Authentication failed. Please check your credentials.',",
		"  RATE_LIMIT_EXCEEDED: 'Too many requests. Please try again later.'",
		'};',
		'function getUserMessage(errorCode) {',
		"  return USER_MESSAGES[errorCode] || 'An error occurred. Please try again.';",
		'}',
		'```',
	].join('\n');
	t.deepEqual(
		findJsonValues(text).map(({value, lenient}) => ({value, lenient})),
		[
			{
				value: {
					error_code: 'FRAUD_001',
					message: 'Transaction not found',
					details: {transaction_id: 'txn_123'},
					timestamp: '2025-01-14T18:00:00Z',
					request_id: 'req_abc123',
				},
				lenient: false,
			},
			{
				value: {
					error: {
						code: 'RATE_LIMIT_EXCEEDED',
						message: 'Too many requests',
						details: 'Rate limit exceeded. Retry after 60 seconds',
						retryAfter: 60,
					},
				},
				lenient: false,
			},
			{
				value: {
					AUTHENTICATION_FAILED: 'Authentication failed. Please check your credentials.',
					RATE_LIMIT_EXCEEDED: 'Too many requests. Please try again later.',
				},
				lenient: true,
			},
		],
	);
});

test('100,000 levels of nesting return without throwing; a value after unclosed brackets is still found', (t) => {
	const depth = 100_000;
	t.deepEqual(findJsonValues('['.repeat(depth) + ']'.repeat(depth)), []);
	t.deepEqual(findJsonValues('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)), []);
	t.deepEqual(
		findJsonValues('['.repeat(depth) + ' {"error": 1} ').map((find) => find.value),
		[{error: 1}],
	);
});

test('maxDepth bounds what is parsed', (t) => {
	t.deepEqual(findJsonValues('x [[[1]]] y', {maxDepth: 2}), []);
	t.deepEqual(
		findJsonValues('x [[[1]]] y', {maxDepth: 3}).map((find) => find.value),
		[[[[1]]]],
	);
});

const mebibyte = 1 << 20;

test('1 MiB of { and of {"a": finish with almost no parse attempts', (t) => {
	for (const text of ['{'.repeat(mebibyte), '{"a":'.repeat(mebibyte / 5), '{\\"a\\":'.repeat(mebibyte / 7)]) {
		const started = performance.now();
		const {finds, parseAttempts} = attempts(text);
		t.deepEqual(finds, []);
		t.true(parseAttempts < 10, `${parseAttempts} attempts`);
		t.true(performance.now() - started < 5000);
	}
});

test('adversarial 1 MiB inputs stay linear: attempts bounded by the candidates', (t) => {
	const count = mebibyte / 8;
	const cases: Array<{text: string; candidates: number; found: number}> = [
		// Balanced but too deep: skipped without parsing.
		{text: '{"a":'.repeat(count) + '1' + '}'.repeat(count), candidates: 1, found: 0},
		{text: '[INFO] '.repeat(count), candidates: count, found: 0},
		{text: '[2025-03-04] '.repeat(count), candidates: count, found: 0},
		{text: '{"a":1} '.repeat(count), candidates: count, found: count},
		{text: "{'a': True} ".repeat(count), candidates: count, found: count},
		// One failing candidate holding many values: parsed once, the values come back from that parse.
		{text: '[' + '{"a":1},'.repeat(count) + 'x]', candidates: 1, found: count},
		// The outer pair fails at its first token, so each pair inside is a candidate of its own.
		{text: '{ ' + '[5 bytes data]\n'.repeat(count) + '}', candidates: count + 1, found: 0},
		{text: '[/*]'.repeat(count), candidates: count, found: 0},
	];
	for (const {text, candidates, found} of cases) {
		const result = attempts(text);
		t.is(result.finds.length, found, text.slice(0, 20));
		t.true(result.parseAttempts < 3 * candidates + 1, `${text.slice(0, 20)}: ${result.parseAttempts} attempts`);
	}
});

test('a failing candidate is not reparsed from inside: what its parse read is settled', (t) => {
	const levels = 400;
	// The parse of the outermost pair reads every level before failing at the innermost `x`; descending into each
	// level and parsing it again would read the text `levels` times over.
	const text = ('[' + '1, '.repeat(1000)).repeat(levels) + 'x' + ']'.repeat(levels);
	const started = performance.now();
	const {finds, parseAttempts} = attempts(text);
	t.deepEqual(finds, []);
	// JSON.parse once (the pair is large and starts and ends like JSON), the lenient parser once.
	t.is(parseAttempts, 2);
	t.true(performance.now() - started < 5000);
	// Every level fails right after its bracket: one attempt each, and nothing is read twice.
	t.is(attempts('[x '.repeat(levels) + ']'.repeat(levels)).parseAttempts, levels);
});

const containers = fc
	.oneof(fc.array(fc.jsonValue(), {minLength: 1}), fc.dictionary(fc.string(), fc.jsonValue(), {minKeys: 1}))
	.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Prose without brackets: quotes, apostrophes, backslashes and line breaks are all fair game. */
const prose = fc.string({unit: fc.constantFrom('a', ' ', '"', "'", '\\', ':', ',', '\n', '%', '.', '1')});

test('property: JSON values between prose are found in order, with exact spans', (t) => {
	fc.assert(
		fc.property(fc.array(fc.tuple(prose, containers), {minLength: 1, maxLength: 4}), prose, (pieces, tail) => {
			let text = '';
			const expected: Array<{start: number; end: number; value: unknown}> = [];
			for (const [before, value] of pieces) {
				text += before + ' ';
				const json = JSON.stringify(value);
				expected.push({start: text.length, end: text.length + json.length, value});
				text += json + ' ';
			}
			text += tail;
			// Values found inside strings share the span of their outer value; keep one find per span.
			const outer = findJsonValues(text).filter(
				(find, index, all) => index === 0 || find.start !== all[index - 1]!.start,
			);
			t.deepEqual(
				outer.map(({start, end, value}) => ({start, end, value})),
				expected,
			);
		}),
		{numRuns: 500, seed},
	);
});

test('property: no string makes findJsonValues throw, and every find is well formed', (t) => {
	const jsonish = fc.string({
		unit: fc.constantFrom('{', '}', '[', ']', '"', "'", '\\', ':', ',', '/', '*', '\n', ' ', 'a', '1', 'T', 'None'),
	});
	// JSON texts with a few characters replaced, between bits of junk: some still parse, most break somewhere.
	const damaged = fc
		.tuple(fc.array(fc.tuple(jsonish, containers), {maxLength: 3}), fc.nat(), fc.nat({max: 3}), jsonish)
		.map(([pieces, at, cut, insert]) => {
			const text = pieces.map(([junk, value]) => junk + JSON.stringify(value)).join('');
			const index = at % (text.length + 1);
			return text.slice(0, index) + insert + text.slice(index + cut);
		});
	let found = 0;
	fc.assert(
		fc.property(fc.oneof(damaged, jsonish, fc.string({unit: 'binary'}), fc.string()), (text) => {
			const finds = findJsonValues(text);
			found += finds.length;
			let previous = 0;
			for (const {start, end, value} of finds) {
				const slice = text.slice(start, end);
				if (start < previous || end > text.length || !/^[[{][\s\S]*[\]}]$/.test(slice)) return false;
				if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) return false;
				previous = start;
			}
			return true;
		}),
		{numRuns: 3000, seed},
	);
	t.true(found > 100, `${found} found`);
});
