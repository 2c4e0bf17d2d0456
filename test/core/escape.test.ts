import {isDeepStrictEqual} from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import {escapeForTerminal, escapeInline, hasForbiddenControl, toSafeJson} from '../../source/core/escape.js';

const ESC = '\u001B';
const BEL = '\u0007';

test('CSI clear screen shows as ␛[2J', (t) => {
	t.is(escapeForTerminal(`a${ESC}[2Jb`), 'a␛[2Jb');
	t.is(escapeForTerminal(`${ESC}[31mred${ESC}[0m`), '␛[31mred␛[0m');
});

test('OSC 52 clipboard write is shown, not executed', (t) => {
	t.is(escapeForTerminal(`${ESC}]52;c;aGFja2Vk${BEL}`), '␛]52;c;aGFja2Vk␇');
});

test('OSC 8 hyperlink containing OSC 52 is shown whole', (t) => {
	const input = `${ESC}]8;;https://x.test/${ESC}]52;c;aGFja2Vk${BEL}${ESC}\\click${ESC}]8;;${ESC}\\`;
	t.is(escapeForTerminal(input), '␛]8;;https://x.test/␛]52;c;aGFja2Vk␇␛\\click␛]8;;␛\\');
});

test('every ESC-introduced sequence family loses its ESC', (t) => {
	for (const introducer of ['P', '_', '^', 'X', '\\', 'c', '[', ']']) {
		const escaped = escapeForTerminal(`${ESC}${introducer}payload`);
		t.is(escaped, `␛${introducer}payload`);
		t.false(hasForbiddenControl(escaped));
	}
});

test('raw C1 controls become \\u{XXXX} text', (t) => {
	const cases: Array<[number, string]> = [
		[0x9b, '\\u{009B}'],
		[0x9d, '\\u{009D}'],
		[0x90, '\\u{0090}'],
		[0x9f, '\\u{009F}'],
		[0x9e, '\\u{009E}'],
		[0x98, '\\u{0098}'],
		[0x9c, '\\u{009C}'],
		[0x80, '\\u{0080}'],
	];
	for (const [code, visible] of cases) {
		t.is(escapeForTerminal(`x${String.fromCharCode(code)}2J`), `x${visible}2J`);
	}
});

test('C0 controls become control pictures; DEL becomes ␡', (t) => {
	t.is(escapeForTerminal('a\u0007b'), 'a␇b');
	t.is(escapeForTerminal('a\u0008b'), 'a␈b');
	t.is(escapeForTerminal('a\rb'), 'a␍b');
	t.is(escapeForTerminal('a\u000Bb\u000Cc'), 'a␋b␌c');
	t.is(escapeForTerminal('\u0000\u000E\u000F\u001F'), '␀␎␏␟');
	t.is(escapeForTerminal('a\u007Fb'), 'a␡b');
	t.is(escapeForTerminal('line\r\nnext'), 'line␍\nnext');
});

test('LF and TAB stay in block text; the inline variant shows them', (t) => {
	t.is(escapeForTerminal('a\n\tb'), 'a\n\tb');
	t.is(escapeInline('a\n\tb\r'), 'a␊␉b␍');
	t.false(escapeInline('x\ny').includes('\n'));
});

test('bidi controls, line and paragraph separators become \\u{XXXX} text', (t) => {
	t.is(escapeForTerminal('admin\u202Etxt.exe'), 'admin\\u{202E}txt.exe');
	const controls = [
		0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029,
	];
	for (const code of controls) {
		const hex = code.toString(16).toUpperCase().padStart(4, '0');
		t.is(escapeForTerminal(`a${String.fromCharCode(code)}b`), `a\\u{${hex}}b`);
	}
});

test('lone surrogates are shown; a valid pair is kept', (t) => {
	t.is(escapeForTerminal('a\uD800b'), 'a\\u{D800}b');
	t.is(escapeForTerminal('a\uDFFF'), 'a\\u{DFFF}');
	t.is(escapeForTerminal('\uDC00\uD800'), '\\u{DC00}\\u{D800}');
	t.is(escapeForTerminal('smile 😀'), 'smile 😀');
});

test('harmless encodings of controls and ordinary Unicode are left alone (nothing is decoded)', (t) => {
	for (const text of [
		'\\u001b[2J',
		'%1B%5B2J',
		'G1syShs=',
		'\\x1b]52;c;',
		'\\e[0m',
		'␛[2J already visible',
		'café 東京 — “quotes” …',
		'zero\u200Bwidth joiner 👩\u200D💻',
	]) {
		t.is(escapeForTerminal(text), text);
		t.false(hasForbiddenControl(text));
	}
});

test('hasForbiddenControl finds raw controls and allows TAB and LF', (t) => {
	for (const text of [
		ESC,
		BEL,
		'\r',
		'\u0000',
		'\u007F',
		'\u009B',
		'\u202E',
		'\u2066',
		'\u2028',
		'\uD800',
		'ok\u0085',
	]) {
		t.true(hasForbiddenControl(`safe ${text} text`), JSON.stringify(text));
	}

	t.false(hasForbiddenControl('a\tb\nc'));
	t.false(hasForbiddenControl(''));
});

test('toSafeJson matches JSON.stringify on ordinary values', (t) => {
	const value = {a: [1, 'two', null, true], b: {c: 'd'}, e: undefined};
	t.is(toSafeJson(value), JSON.stringify(value));
	t.is(toSafeJson(value, 2), JSON.stringify(value, null, 2));
});

test('toSafeJson writes DEL, C1, bidi and U+2028 as \\u escapes and stays valid JSON', (t) => {
	const value = {'k\u202E': 'a\u007Fb\u009Bc\u2028d\u2029e\u202Ef\u2066', esc: `${ESC}[2J`};
	const json = toSafeJson(value);
	t.is(json, String.raw`{"k\u202e":"a\u007fb\u009bc\u2028d\u2029e\u202ef\u2066","esc":"\u001b[2J"}`);
	t.false(hasForbiddenControl(json));
	t.deepEqual(JSON.parse(json), value);
});

test('toSafeJson never throws: deep nesting, cycles, bigint, undefined', (t) => {
	let deep: unknown = 'leaf\u009B';
	for (let index = 0; index < 100_000; index++) {
		deep = [deep];
	}

	const json = toSafeJson(deep);
	t.true(json.startsWith('[[[['));
	t.true(json.includes('"leaf\\u009b"'));
	t.false(hasForbiddenControl(json));

	const cyclic: Record<string, unknown> = {name: 'x'};
	cyclic.self = cyclic;
	t.is(toSafeJson(cyclic), '{"name":"x","self":"[circular]"}');
	t.is(toSafeJson({n: 10n}), '{"n":"10"}');
	t.is(toSafeJson(undefined), 'null');
	t.is(toSafeJson({when: new Date(0)}), '{"when":"1970-01-01T00:00:00.000Z"}');
});

test('toSafeJson fallback keeps the indentation and omissions of JSON.stringify', (t) => {
	const value = {a: [1, undefined, {b: 'c'}], d: undefined, e: {}, f: []};
	const cyclic = {...value, g: 1n};
	t.is(toSafeJson(cyclic, 2), JSON.stringify({...value, g: '1'}, null, 2));
});

const controlAware = fc.string({
	unit: fc.oneof(
		fc.constantFrom(
			ESC,
			BEL,
			'\r',
			'\n',
			'\t',
			'\u009B',
			'\u009D',
			'\u202E',
			'\u2028',
			'\uD800',
			'\uDC00',
			'\u007F',
			'[',
		),
		fc.string({unit: 'binary', minLength: 1, maxLength: 1}),
		fc.string({unit: 'grapheme', minLength: 1, maxLength: 1}),
	),
});

test('property: escaping is idempotent and leaves no forbidden character', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(controlAware, (text) => {
				const block = escapeForTerminal(text);
				const line = escapeInline(text);
				return (
					escapeForTerminal(block) === block &&
					escapeInline(line) === line &&
					!hasForbiddenControl(block) &&
					!hasForbiddenControl(line) &&
					!line.includes('\n') &&
					!line.includes('\t')
				);
			}),
			{numRuns: 3000, seed: 20_240_601},
		),
	);
});

test('property: toSafeJson round-trips JSON values without forbidden characters', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.jsonValue(), fc.integer({min: 0, max: 4}), (value, indent) => {
				const json = toSafeJson(value, indent);
				return !hasForbiddenControl(json) && isDeepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(value)));
			}),
			{numRuns: 2000, seed: 20_240_602},
		),
	);
});
