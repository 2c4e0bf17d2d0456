import test from 'ava';
import fc from 'fast-check';
import {MAX_JSON_DEPTH, parseLenientJson} from '../../../source/core/parts/json.js';
import {parseLenientSpan, repairs, unescapeJsonText} from '../../../source/core/parts/lenient-json.js';

const seed = 20_250_304;

/** A string unit that favours what breaks string handling: quotes, escapes, line breaks, lone surrogates. */
const trickyUnit = fc.oneof(
	fc.constantFrom('"', "'", '\\', '\n', '\r', '\t', '\0', '\u2028', '\ud800', '\udc00', '\ud83d\ude00', '/', '*', '%'),
	fc.string({unit: 'binary', minLength: 1, maxLength: 1}),
);

/** Objects and arrays as JSON.parse returns them (no -0, plain prototypes). */
const container = fc
	.oneof(
		fc.array(fc.jsonValue({stringUnit: trickyUnit})),
		fc.dictionary(fc.string({unit: trickyUnit}), fc.jsonValue({stringUnit: trickyUnit})),
	)
	.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

type Style = {
	readonly quote: '"' | "'";
	readonly bareKeys: boolean;
	readonly python: boolean;
	readonly comments: boolean;
};

function quoteSingle(text: string): string {
	let out = "'";
	for (const character of text) {
		const code = character.charCodeAt(0);
		if (character === "'" || character === '\\') out += '\\' + character;
		else if (character === '\n') out += '\\n';
		else if (character === '\r') out += '\\r';
		else if (code < 0x20) out += '\\x' + code.toString(16).padStart(2, '0');
		else out += character;
	}
	return out + "'";
}

/** Writes a JSON value the way Python `repr` or a JavaScript object literal would (test data is shallow). */
function writeLenient(value: unknown, style: Style): string {
	const string = (text: string) => (style.quote === "'" ? quoteSingle(text) : JSON.stringify(text));
	const comment = style.comments ? ' /* note, with } and ] */ ' : '';
	if (value === null) return style.python ? 'None' : 'null';
	if (value === true) return style.python ? 'True' : 'true';
	if (value === false) return style.python ? 'False' : 'false';
	if (typeof value === 'string') return string(value);
	if (typeof value === 'number') return JSON.stringify(value);
	if (Array.isArray(value)) {
		const items = value.map((item) => writeLenient(item, style));
		return `[${comment}${items.join(`,${comment}`)}${items.length > 0 ? ',' : ''}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
		const name = style.bareKeys && /^[A-Z_$][\w$]*$/i.test(key) ? key : string(key);
		return `${name}: ${writeLenient(item, style)}`;
	});
	return `{${comment}${entries.join(style.comments ? ', // line note\n' : ', ')}${entries.length > 0 ? ',' : ''}}`;
}

test('strict JSON is parsed by JSON.parse and reported as not lenient', (t) => {
	t.deepEqual(parseLenientJson('{"error": {"code": "X", "status": 401}}'), {
		value: {error: {code: 'X', status: 401}},
		lenient: false,
		repairs: [],
	});
	t.deepEqual(parseLenientJson(' [1, "two", null] \r\n'), {value: [1, 'two', null], lenient: false, repairs: []});
});

test('the Dfns docs example with its trailing comma parses leniently', (t) => {
	const body = '{\n  "error": {\n    "message": "request nonce is missing or invalid",\n  }\n}';
	t.deepEqual(parseLenientJson(body), {
		value: {error: {message: 'request nonce is missing or invalid'}},
		lenient: true,
		repairs: [repairs.extraComma],
	});
	t.deepEqual(parseLenientJson('[1, 2,]'), {value: [1, 2], lenient: true, repairs: [repairs.extraComma]});
});

test('Python repr: single quotes, True, False, None', (t) => {
	const result = parseLenientJson("{'error': {'code': 'X', 'ok': True, 'x': None, 'retry': False, 'n': 1.5}}");
	t.deepEqual(result, {
		value: {error: {code: 'X', ok: true, x: null, retry: false, n: 1.5}},
		lenient: true,
		repairs: [],
	});
	t.deepEqual(parseLenientJson("{'message': \"it's \\\\ here\", 'q': 'say \\'hi\\''}")?.value, {
		message: "it's \\ here",
		q: "say 'hi'",
	});
	t.deepEqual(parseLenientJson("{'emoji': '\\U0001f600', 'byte': '\\xe9'}")?.value, {emoji: '😀', byte: 'é'});
});

test('JavaScript object literals: bare keys, comments, undefined, NaN, Infinity, loose numbers', (t) => {
	const literal = `{
		// what console.log printed
		error: {code: 'X', $ref: undefined, _n: NaN}, /* block } ] */
		limits: [Infinity, -Infinity, +1, .5, 5., 0x1F, -0x10, 1e3, 007],
		200: 'numeric key',
	}`;
	t.deepEqual(parseLenientJson(literal), {
		value: {
			error: {code: 'X', $ref: null, _n: null},
			limits: [null, null, 1, 0.5, 5, 31, -16, 1000, 7],
			200: 'numeric key',
		},
		lenient: true,
		repairs: [repairs.extraComma],
	});
});

test('escapes decode to the characters they stand for', (t) => {
	t.deepEqual(parseLenientJson('{"a": "line\\nbreak\\ttab \\u00e9 \\ud83d\\ude00 \\/ \\"q\\" \\\\"}')?.value, {
		a: 'line\nbreak\ttab é 😀 / "q" \\',
	});
	t.is(parseLenientJson('["\\ud800"]')?.value instanceof Array, true);
	t.is((parseLenientJson('["\\ud800"]')?.value as string[])[0], '\ud800');
	t.deepEqual(parseLenientJson("['\\u{1F600}', '\\u{41}', '\\d', '\\0']")?.value, ['😀', 'A', '\\d', '\0']);
	t.deepEqual(parseLenientJson("['\\u{110000}', '\\uZZZZ', '\\u{41']")?.value, ['\\u{110000}', '\\uZZZZ', '\\u{41']);
});

test('__proto__ becomes an own property, as with JSON.parse, and pollutes nothing', (t) => {
	const strict = parseLenientJson('{"__proto__": {"polluted": true}, "a": 1}');
	const lenient = parseLenientJson("{'__proto__': {'polluted': True}, a: 1,}");
	for (const result of [strict, lenient]) {
		const value = result?.value as Record<string, unknown>;
		t.is(Object.getPrototypeOf(value), Object.prototype);
		t.deepEqual(Object.keys(value), ['__proto__', 'a']);
		t.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, {polluted: true});
		t.is((value as {polluted?: unknown}).polluted, undefined);
	}
	t.is(({} as {polluted?: unknown}).polluted, undefined);
	t.deepEqual(lenient?.value, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
	t.deepEqual(parseLenientJson("{'constructor': 1, 'a': 1, 'a': 2}")?.value, {constructor: 1, a: 2});
});

test('a BOM, CRLF line endings and a zsh % after the body are tolerated', (t) => {
	t.deepEqual(parseLenientJson('\uFEFF{"a": 1}\r\n'), {value: {a: 1}, lenient: false, repairs: []});
	t.deepEqual(parseLenientJson('{\r\n  "a": 1\r\n}%'), {value: {a: 1}, lenient: true, repairs: []});
	t.deepEqual(parseLenientJson('{"a":\u00a01}'), {value: {a: 1}, lenient: true, repairs: []});
	t.is(parseLenientJson('{"a": 1}%%'), null);
});

test('not an object or array, or broken: null', (t) => {
	for (const text of [
		'',
		'   ',
		'42',
		'"{\\"a\\":1}"',
		'null',
		'true',
		'hello',
		'{',
		'{"a": 1',
		'{"a": 1}}',
		'{"a" 1}',
		'{"a": }',
		'{"a": "x" 1}',
		"{'a': 'unterminated}",
		'{a: b}',
		'[INFO]',
		'[2025-03-04]',
		'[5 bytes data]',
		'{"a": 1} trailing',
		'{"a": 1 /* open comment}',
		'[0x]',
		'[1e]',
		'[-]',
		'{"a": 1]',
		'["\\',
	]) {
		t.is(parseLenientJson(text), null, JSON.stringify(text));
	}
});

test('defects a paste picks up are repaired and named', (t) => {
	const cases: Array<[string, unknown, string[]]> = [
		['[1,,2]', [1, 2], [repairs.extraComma]],
		['[,1]', [1], [repairs.extraComma]],
		['{"a": 1,,}', {a: 1}, [repairs.extraComma]],
		['{"a": "raw\nline\r\n break"}', {a: 'rawline break'}, [repairs.lineBreak]],
		['{"message": "the "id" field", "code": "X"}', {message: 'the "id" field', code: 'X'}, [repairs.unescapedQuote]],
		["{'message': 'user's key', code: 'X'}", {message: "user's key", code: 'X'}, [repairs.unescapedQuote]],
		['{"a": 1\n "b": "x"\n "c": [1 2]}', {a: 1, b: 'x', c: [1, 2]}, [repairs.missingComma]],
		[
			"{message: 'Request failed ' +\n    'with status 401'}",
			{message: 'Request failed with status 401'},
			[repairs.splitString],
		],
		[
			'{error: {…}, list: […], errors: Array(1), more: {code: 401, …}}',
			{error: {}, list: [], errors: [], more: {code: 401}},
			[repairs.collapsed],
		],
	];
	for (const [text, value, named] of cases) {
		t.deepEqual(parseLenientJson(text), {value, lenient: true, repairs: named}, text);
	}
	// Log tags and dates stay prose: a comma is supplied only after a space or line break.
	t.is(parseLenientJson('[2025-03-04]'), null);
});

test('nesting up to MAX_JSON_DEPTH parses; one more level is refused', (t) => {
	const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
	t.not(parseLenientJson(nest(MAX_JSON_DEPTH)), null);
	t.is(parseLenientJson(nest(MAX_JSON_DEPTH + 1)), null);
	t.not(parseLenientJson('[' + nest(MAX_JSON_DEPTH - 1) + ',]'), null);
	t.is(parseLenientJson('[' + nest(MAX_JSON_DEPTH) + ',]'), null);
});

test('100,000 levels return null without throwing', (t) => {
	const depth = 100_000;
	t.is(parseLenientJson('['.repeat(depth) + ']'.repeat(depth)), null);
	t.is(parseLenientJson('['.repeat(depth)), null);
	t.is(parseLenientJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)), null);
	t.is(parseLenientJson("{'a':".repeat(depth) + '1' + '}'.repeat(depth)), null);
	t.is(parseLenientSpan('['.repeat(depth), 0, depth, depth + 1).ok, false);
});

test('a failed span parse says where it stopped and returns what completed before', (t) => {
	const text = '[{"a": 1}, [2, {"b": 3}] oops {"c": 4}]';
	const result = parseLenientSpan(text, 0, text.length, MAX_JSON_DEPTH);
	t.false(result.ok);
	if (result.ok) return;
	t.is(result.failedAt, text.indexOf('oops'));
	t.deepEqual(
		result.completed.map(({start, end, value}) => ({text: text.slice(start, end), value})),
		[
			{text: '{"a": 1}', value: {a: 1}},
			{text: '[2, {"b": 3}]', value: [2, {b: 3}]},
		],
	);
});

test('unescapeJsonText decodes one level of string escaping', (t) => {
	const text = 'x{\\"a\\": \\"q\\\\\\"\\", \\"u\\": \\"\\u00e9\\n\\"}y';
	t.is(unescapeJsonText(text, 1, text.length - 1), '{"a": "q\\"", "u": "é\n"}');
	t.is(unescapeJsonText('\\', 0, 1), '\\');
});

test('property: any JSON object or array round-trips exactly and strictly', (t) => {
	fc.assert(
		fc.property(container, (value) => {
			const text = JSON.stringify(value);
			t.deepEqual(parseLenientJson(text), {value, lenient: false, repairs: []});
			t.deepEqual(parseLenientJson(JSON.stringify(value, null, 2)), {value, lenient: false, repairs: []});
			// The hand-written parser agrees with JSON.parse on strict JSON, says it was strict and repaired nothing.
			t.deepEqual(parseLenientSpan(text, 0, text.length, MAX_JSON_DEPTH), {
				ok: true,
				value,
				lenient: false,
				repairs: [],
			});
		}),
		{numRuns: 1000, seed},
	);
});

test('property: the same values written as Python repr or a JavaScript literal parse to the same value', (t) => {
	const style = fc.record({
		quote: fc.constantFrom<'"' | "'">('"', "'"),
		bareKeys: fc.boolean(),
		python: fc.boolean(),
		comments: fc.boolean(),
	});
	fc.assert(
		fc.property(container, style, (value, written) => {
			const text = writeLenient(value, written);
			const result = parseLenientJson(text);
			t.deepEqual(result?.value, value, text);
		}),
		{numRuns: 1000, seed},
	);
});

/** Valid text with a few characters replaced: mostly broken, sometimes still (leniently) valid. */
const mutated = fc
	.tuple(container, fc.boolean(), fc.nat(), fc.nat({max: 3}), fc.string({unit: trickyUnit, maxLength: 3}))
	.map(([value, python, at, cut, insert]) => {
		const text = writeLenient(value, {quote: python ? "'" : '"', bareKeys: python, python, comments: false});
		const index = at % (text.length + 1);
		return text.slice(0, index) + insert + text.slice(index + cut);
	});

test('property: no string makes parseLenientJson throw; what it returns is an object or array', (t) => {
	const jsonish = fc.string({
		unit: fc.constantFrom('{', '}', '[', ']', '"', "'", '\\', ':', ',', '/', '*', '\n', ' ', 'a', '1', '-', '.', 'e'),
	});
	let parsed = 0;
	let refused = 0;
	fc.assert(
		fc.property(fc.oneof(mutated, jsonish, fc.string({unit: trickyUnit}), fc.string({unit: 'binary'})), (text) => {
			const result = parseLenientJson(text);
			if (result === null) refused++;
			else parsed++;
			return result === null || (typeof result.value === 'object' && result.value !== null);
		}),
		{numRuns: 3000, seed},
	);
	t.true(parsed > 100, `${parsed} parsed`);
	t.true(refused > 100, `${refused} refused`);
});
