/**
 * How deep arrays and objects may nest. Error bodies are a few levels deep; deeper input is broken or hostile, and
 * every later stage walks the parsed value, so a parse gives up here instead of handing on a value nobody can walk.
 */
export const MAX_JSON_DEPTH = 512;

/** What the parser repaired to read a span, in the report's words (`input.repairs`). */
export const repairs = {
	unescapedQuote: 'an unescaped quote inside a string',
	missingComma: 'a missing comma',
	extraComma: 'an extra comma',
	lineBreak: 'a line break inside a string',
	splitString: "a string split over lines with '+'",
	collapsed: 'collapsed console members ({…}, […], Array(n))',
} as const;

/** A container that parsed completely inside a span whose parse failed later on. */
export type CompletedValue = {
	readonly start: number;
	/** Exclusive. */
	readonly end: number;
	readonly value: unknown;
	readonly lenient: boolean;
	readonly repairs: readonly string[];
};

/** The result of parsing one span of text leniently. */
export type SpanParse =
	| {readonly ok: true; readonly value: unknown; readonly lenient: boolean; readonly repairs: readonly string[]}
	| {
			readonly ok: false;
			/** Where the text stopped making sense; the parse read nothing beyond it. */
			readonly failedAt: number;
			/** The outermost containers that completed before the failure, in order, so a scanner need not reparse them. */
			readonly completed: readonly CompletedValue[];
	  };

const states = {
	arrayFirst: 0,
	arrayAfterComma: 1,
	objectFirst: 2,
	objectAfterComma: 3,
	colon: 4,
	objectValue: 5,
	afterValue: 6,
} as const;
type State = (typeof states)[keyof typeof states];

type Frame = {
	readonly start: number;
	readonly array: unknown[] | null;
	readonly object: Record<string, unknown> | null;
	key: string;
	state: State;
	lenient: boolean;
	completed: Done[] | null;
};

/** A completed container before the parse knows what it repaired overall. */
type Done = Omit<CompletedValue, 'repairs'>;

const fail: unique symbol = Symbol('fail');
type Fail = typeof fail;

const literals = new Map<string, {value: unknown; strict: boolean}>([
	['true', {value: true, strict: true}],
	['false', {value: false, strict: true}],
	['null', {value: null, strict: true}],
	['True', {value: true, strict: false}],
	['False', {value: false, strict: false}],
	['None', {value: null, strict: false}],
	['undefined', {value: null, strict: false}],
	['NaN', {value: null, strict: false}],
	['Infinity', {value: null, strict: false}],
]);

const simpleEscapes = new Map<number, string>([
	[0x22, '"'],
	[0x5c, '\\'],
	[0x2f, '/'],
	[0x62, '\b'],
	[0x66, '\f'],
	[0x6e, '\n'],
	[0x72, '\r'],
	[0x74, '\t'],
]);

/** Escapes that Python `repr` and JavaScript literals write but JSON does not have. */
const extraEscapes = new Map<number, string>([
	[0x27, "'"],
	[0x30, '\0'],
	[0x76, '\v'],
]);

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
	if (isDigit(code)) return code - 0x30;
	const lower = code | 0x20;
	return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function isIdentifierStart(code: number): boolean {
	const lower = code | 0x20;
	return (lower >= 0x61 && lower <= 0x7a) || code === 0x5f || code === 0x24;
}

function isIdentifierPart(code: number): boolean {
	return isIdentifierStart(code) || isDigit(code);
}

function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d;
}

function isQuote(code: number): boolean {
	return code === 0x22 || code === 0x27;
}

const ellipsis = 0x2026;

/**
 * What may follow a quote that really closes a string, after spaces: a separator, a closing bracket, a line
 * break, a comment, `+` (a JavaScript string continued on the next line) or, after a space, the next quoted key
 * (a missing comma). Anything else means the quote was part of the text (`"the "id" field"`).
 */
const afterClosingQuote = new Set([0x2c, 0x7d, 0x5d, 0x3a, 0x2b, 0x2f, 0x0a, 0x0d, ellipsis]);

/** Spaces looked past to decide whether a quote closes its string: a bound keeps the parse linear. */
const QUOTE_LOOKAHEAD = 16;
/** Whitespace JSON does not allow but pastes carry: no-break spaces from chat apps, a BOM, Unicode spaces. */
function isExtraSpace(code: number): boolean {
	return (
		code === 0x0b ||
		code === 0x0c ||
		code === 0xa0 ||
		code === 0xfeff ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000
	);
}

function readHex(text: string, start: number, end: number, count: number): number {
	if (start + count > end) return -1;
	let value = 0;
	for (let index = start; index < start + count; index++) {
		const digit = hexValue(text.charCodeAt(index));
		if (digit < 0) return -1;
		value = value * 16 + digit;
	}
	return value;
}

type Escape = {readonly text: string; readonly next: number; readonly strict: boolean};

/** Decodes the escape whose backslash is at `at`; null when it runs into a line break or the end. */
function decodeEscape(text: string, at: number, end: number): Escape | null {
	if (at + 1 >= end) return null;
	const code = text.charCodeAt(at + 1);
	const simple = simpleEscapes.get(code);
	if (simple !== undefined) return {text: simple, next: at + 2, strict: true};
	if (code === 0x75 && text.charCodeAt(at + 2) === 0x7b) {
		let close = at + 3;
		while (close < end && close < at + 10 && hexValue(text.charCodeAt(close)) >= 0) close++;
		const value =
			close > at + 3 && close < end && text.charCodeAt(close) === 0x7d
				? readHex(text, at + 3, end, close - at - 3)
				: -1;
		if (value >= 0 && value <= 0x10ffff) return {text: String.fromCodePoint(value), next: close + 1, strict: false};
	} else if (code === 0x75 || code === 0x78 || code === 0x55) {
		const count = code === 0x75 ? 4 : code === 0x78 ? 2 : 8;
		const value = readHex(text, at + 2, end, count);
		// \uXXXX goes through fromCharCode so that a surrogate pair written as two escapes joins into one character.
		if (value >= 0 && value <= 0x10ffff) {
			const decoded = code === 0x55 ? String.fromCodePoint(value) : String.fromCharCode(value);
			return {text: decoded, next: at + 2 + count, strict: code === 0x75};
		}
	} else {
		const extra = extraEscapes.get(code);
		if (extra !== undefined) return {text: extra, next: at + 2, strict: false};
	}
	if (isLineBreak(code)) return null;
	// An escape nobody defines: keep it as written rather than guess what the writer meant.
	return {text: text.slice(at, at + 2), next: at + 2, strict: false};
}

/**
 * The text a JSON string literal's content stands for (`{\"a\":1}` → `{"a":1}`), for JSON that was escaped into a
 * log field. Malformed escapes are kept as written.
 */
export function unescapeJsonText(text: string, start: number, end: number): string {
	let out = '';
	let chunk = start;
	let index = start;
	while (index < end) {
		const escape = text.charCodeAt(index) === 0x5c ? decodeEscape(text, index, end) : null;
		if (escape === null) {
			index++;
			continue;
		}
		out += text.slice(chunk, index) + escape.text;
		chunk = escape.next;
		index = chunk;
	}
	return out + text.slice(chunk, end);
}

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
	// Plain assignment to `__proto__` would replace the prototype; JSON.parse makes it an ordinary own property.
	if (key === '__proto__') {
		Object.defineProperty(object, key, {value, writable: true, enumerable: true, configurable: true});
	} else {
		object[key] = value;
	}
}

function isContainer(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

class SpanParser {
	private pos: number;
	private readonly stack: Frame[] = [];
	private rootLenient = false;
	private readonly repaired = new Set<string>();

	constructor(
		private readonly text: string,
		start: number,
		private readonly end: number,
		private readonly maxDepth: number,
	) {
		this.pos = start;
	}

	run(): SpanParse {
		if (!this.skipSpace()) return this.failure();
		const first = this.text.charCodeAt(this.pos);
		if (this.pos >= this.end || (first !== 0x7b && first !== 0x5b)) return this.failure();
		this.open(first);
		for (;;) {
			if (!this.skipSpace() || this.pos >= this.end) return this.failure();
			const frame = this.stack.at(-1)!;
			const code = this.text.charCodeAt(this.pos);
			let done: SpanParse | null = null;
			switch (frame.state) {
				case states.objectFirst:
				case states.objectAfterComma: {
					if (code === 0x7d) {
						if (frame.state === states.objectAfterComma) this.repair(repairs.extraComma);
						done = this.close();
						break;
					}
					if (code === 0x2c) {
						this.repair(repairs.extraComma);
						this.pos++;
						break;
					}
					if (code === ellipsis) {
						// Chrome ends an object preview it shortened with `…`: `{code: 401, …}`.
						this.repair(repairs.collapsed);
						this.pos++;
						frame.state = states.afterValue;
						break;
					}
					const key = this.readKey(code);
					if (key === fail) return this.failure();
					frame.key = key;
					frame.state = states.colon;
					break;
				}
				case states.colon: {
					if (code !== 0x3a) return this.failure();
					this.pos++;
					frame.state = states.objectValue;
					break;
				}
				case states.afterValue: {
					if (code === 0x2c) {
						this.pos++;
						frame.state = frame.array ? states.arrayAfterComma : states.objectAfterComma;
					} else if (code === (frame.array ? 0x5d : 0x7d)) {
						done = this.close();
					} else if (isBlank(this.text.charCodeAt(this.pos - 1)) && startsMember(frame, code)) {
						this.repair(repairs.missingComma);
						frame.state = frame.array ? states.arrayAfterComma : states.objectAfterComma;
					} else {
						return this.failure();
					}
					break;
				}
				default: {
					const inArray = frame.state !== states.objectValue;
					if (code === 0x5d && inArray) {
						if (frame.state === states.arrayAfterComma) this.repair(repairs.extraComma);
						done = this.close();
					} else if (code === 0x2c && inArray) {
						this.repair(repairs.extraComma);
						this.pos++;
					} else if (code === ellipsis && frame.state === states.arrayAfterComma) {
						this.repair(repairs.collapsed);
						this.pos++;
						frame.state = states.afterValue;
					} else if (this.collapsedAt(code)) {
						this.repair(repairs.collapsed);
						this.pos += 3;
						this.add(frame, code === 0x7b ? {} : []);
					} else if (code === 0x7b || code === 0x5b) {
						if (this.stack.length >= this.maxDepth) return this.failure();
						this.open(code);
					} else {
						const value = this.readScalar(code);
						if (value === fail) return this.failure();
						this.add(frame, value);
					}
				}
			}
			if (done) return done;
		}
	}

	private failure(): SpanParse {
		const completed: CompletedValue[] = [];
		const repairs = [...this.repaired];
		for (const frame of this.stack) {
			// A loop, not push(...list): a list of a million values would overflow the call stack as arguments.
			for (const value of frame.completed ?? []) completed.push({...value, repairs});
		}
		return {ok: false, failedAt: Math.min(this.pos, this.end), completed};
	}

	private repair(repair: string): void {
		this.repaired.add(repair);
		this.lenientHere();
	}

	/** Chrome's console shows a member it did not expand as `{…}` or `[…]`: read as empty. */
	private collapsedAt(code: number): boolean {
		if (code !== 0x7b && code !== 0x5b) return false;
		const {text, pos} = this;
		return text.charCodeAt(pos + 1) === ellipsis && text.charCodeAt(pos + 2) === code + 2 && pos + 2 < this.end;
	}

	private lenientHere(): void {
		const frame = this.stack.at(-1);
		if (frame) frame.lenient = true;
		else this.rootLenient = true;
	}

	private open(code: number): void {
		const isArray = code === 0x5b;
		this.stack.push({
			start: this.pos,
			array: isArray ? [] : null,
			object: isArray ? null : {},
			key: '',
			state: isArray ? states.arrayFirst : states.objectFirst,
			lenient: false,
			completed: null,
		});
		this.pos++;
	}

	private add(frame: Frame, value: unknown): void {
		if (frame.array) frame.array.push(value);
		else setKey(frame.object!, frame.key, value);
		frame.state = states.afterValue;
	}

	/** Consumes the closing bracket of the innermost frame; returns the result once the outermost one closes. */
	private close(): SpanParse | null {
		const frame = this.stack.pop()!;
		this.pos++;
		const value = frame.array ?? frame.object;
		const parent = this.stack.at(-1);
		if (parent) {
			parent.lenient ||= frame.lenient;
			(parent.completed ??= []).push({start: frame.start, end: this.pos, value, lenient: frame.lenient});
			this.add(parent, value);
			return null;
		}
		this.rootLenient ||= frame.lenient;
		const valueEnd = this.pos;
		let trailing = this.skipSpace();
		// zsh prints `%` after output that lacks a final newline, and it gets copied with the body.
		if (trailing && this.pos < this.end && this.text.charCodeAt(this.pos) === 0x25) {
			this.rootLenient = true;
			this.pos++;
			trailing = this.skipSpace();
		}
		const repairs = [...this.repaired];
		if (trailing && this.pos >= this.end) return {ok: true, value, lenient: this.rootLenient, repairs};
		const completed = {start: frame.start, end: valueEnd, value, lenient: this.rootLenient, repairs};
		return {ok: false, failedAt: Math.min(this.pos, this.end), completed: [completed]};
	}

	/** Skips whitespace and comments; false on an unterminated block comment. */
	private skipSpace(): boolean {
		const {text, end} = this;
		while (this.pos < end) {
			const code = text.charCodeAt(this.pos);
			if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
				this.pos++;
			} else if (code === 0x2f && text.charCodeAt(this.pos + 1) === 0x2f && this.pos + 1 < end) {
				this.lenientHere();
				this.pos += 2;
				while (this.pos < end && !isLineBreak(text.charCodeAt(this.pos))) this.pos++;
			} else if (code === 0x2f && text.charCodeAt(this.pos + 1) === 0x2a && this.pos + 1 < end) {
				this.lenientHere();
				let index = this.pos + 2;
				while (index + 1 < end && !(text.charCodeAt(index) === 0x2a && text.charCodeAt(index + 1) === 0x2f)) index++;
				if (index + 1 >= end) return false;
				this.pos = index + 2;
			} else if (isExtraSpace(code)) {
				this.lenientHere();
				this.pos++;
			} else {
				return true;
			}
		}
		return true;
	}

	private readKey(code: number): string | Fail {
		if (code === 0x22 || code === 0x27) return this.readString(code);
		this.lenientHere();
		const start = this.pos;
		if (isIdentifierStart(code)) {
			while (this.pos < this.end && isIdentifierPart(this.text.charCodeAt(this.pos))) this.pos++;
			return this.text.slice(start, this.pos);
		}
		return this.readNumber(code) === fail ? fail : this.text.slice(start, this.pos);
	}

	private readScalar(code: number): unknown {
		if (isQuote(code)) return this.readJoinedString(code);
		if (isIdentifierStart(code)) {
			const start = this.pos;
			while (this.pos < this.end && isIdentifierPart(this.text.charCodeAt(this.pos))) this.pos++;
			const word = this.text.slice(start, this.pos);
			if (word === 'Array' && this.skipArrayLength()) {
				this.repair(repairs.collapsed);
				return [];
			}
			const literal = literals.get(word);
			if (!literal) {
				this.pos = start;
				return fail;
			}
			if (!literal.strict) this.lenientHere();
			return literal.value;
		}
		return this.readNumber(code);
	}

	/** A string value, joined with the strings Node's `util.inspect` continues it with (`'abc' +\n  'def'`). */
	private readJoinedString(quote: number): string | Fail {
		let value = this.readString(quote);
		while (value !== fail) {
			const after = this.pos;
			let index = this.skipBlank(after);
			if (this.text.charCodeAt(index) !== 0x2b) break;
			index = this.skipBlank(index + 1);
			const next = this.text.charCodeAt(index);
			if (index >= this.end || !isQuote(next)) break;
			this.pos = index;
			const more = this.readString(next);
			if (more === fail) return fail;
			this.repair(repairs.splitString);
			value += more;
		}
		return value;
	}

	/** Chrome's preview of an array it did not expand: `Array(3)` (the word is read); skips `(3)`. */
	private skipArrayLength(): boolean {
		const {text, end} = this;
		let index = this.pos + 1;
		if (text.charCodeAt(this.pos) !== 0x28) return false;
		while (index < end && isDigit(text.charCodeAt(index))) index++;
		if (index === this.pos + 1 || index >= end || text.charCodeAt(index) !== 0x29) return false;
		this.pos = index + 1;
		return true;
	}

	private skipBlank(index: number): number {
		while (index < this.end && isBlank(this.text.charCodeAt(index))) index++;
		return index;
	}

	/** Whether the quote before `index` ends its string; see `afterClosingQuote`. */
	private closesString(index: number): boolean {
		const limit = Math.min(this.end, index + QUOTE_LOOKAHEAD);
		let next = index;
		while (next < limit && (this.text.charCodeAt(next) === 0x20 || this.text.charCodeAt(next) === 0x09)) next++;
		if (next >= limit) return true;
		const code = this.text.charCodeAt(next);
		return afterClosingQuote.has(code) || (next > index && isQuote(code));
	}

	private readString(quote: number): string | Fail {
		const {text, end} = this;
		if (quote !== 0x22) this.lenientHere();
		let out = '';
		let chunk = this.pos + 1;
		for (let index = chunk; index < end;) {
			const code = text.charCodeAt(index);
			if (code === quote) {
				if (this.closesString(index + 1)) {
					this.pos = index + 1;
					return out + text.slice(chunk, index);
				}
				this.repair(repairs.unescapedQuote);
				index++;
				continue;
			}
			if (code === 0x5c) {
				const escape = decodeEscape(text, index, end);
				if (escape === null) {
					this.pos = index;
					return fail;
				}
				if (!escape.strict) this.lenientHere();
				out += text.slice(chunk, index) + escape.text;
				index = escape.next;
				chunk = index;
				continue;
			}
			if (isLineBreak(code)) {
				// A terminal or PowerShell hard wrap, or a CRLF log line: the break is not part of the text.
				out += text.slice(chunk, index);
				while (index < end && isLineBreak(text.charCodeAt(index))) index++;
				chunk = index;
				this.repair(repairs.lineBreak);
				continue;
			}
			if (code < 0x20) this.lenientHere();
			index++;
		}
		this.pos = end;
		return fail;
	}

	private readNumber(code: number): number | null | Fail {
		const {text, end} = this;
		const start = this.pos;
		let index = start;
		let strict = code !== 0x2b;
		if (code === 0x2d || code === 0x2b) index++;
		if (text.startsWith('Infinity', index) && index + 8 <= end) {
			this.pos = index + 8;
			this.lenientHere();
			return null;
		}
		if (text.charCodeAt(index) === 0x30 && (text.charCodeAt(index + 1) | 0x20) === 0x78) {
			const digitsStart = index + 2;
			index = digitsStart;
			while (index < end && hexValue(text.charCodeAt(index)) >= 0) index++;
			if (index === digitsStart) return fail;
			this.pos = index;
			this.lenientHere();
			const magnitude = Number.parseInt(text.slice(digitsStart, index), 16);
			return code === 0x2d ? -magnitude : magnitude;
		}
		const intStart = index;
		while (index < end && isDigit(text.charCodeAt(index))) index++;
		const intDigits = index - intStart;
		if (intDigits > 1 && text.charCodeAt(intStart) === 0x30) strict = false;
		let fractionDigits = 0;
		if (index < end && text.charCodeAt(index) === 0x2e) {
			index++;
			const fractionStart = index;
			while (index < end && isDigit(text.charCodeAt(index))) index++;
			fractionDigits = index - fractionStart;
			if (fractionDigits === 0 || intDigits === 0) strict = false;
		}
		if (intDigits + fractionDigits === 0) return fail;
		if (index < end && (text.charCodeAt(index) | 0x20) === 0x65) {
			let exponent = index + 1;
			const sign = text.charCodeAt(exponent);
			if (sign === 0x2b || sign === 0x2d) exponent++;
			const exponentStart = exponent;
			while (exponent < end && isDigit(text.charCodeAt(exponent))) exponent++;
			if (exponent > exponentStart) index = exponent;
		}
		this.pos = index;
		if (!strict) this.lenientHere();
		return Number(text.slice(start, index));
	}
}

function isBlank(code: number): boolean {
	return code === 0x20 || code === 0x09 || isLineBreak(code);
}

/**
 * Whether `code` can start the next member of `frame` where a comma was left out. Only after a space or line
 * break: `[2025-03-04]` is a log tag, not three numbers.
 */
function startsMember(frame: Frame, code: number): boolean {
	if (isQuote(code) || isIdentifierStart(code)) return true;
	return frame.array !== null && (code === 0x7b || code === 0x5b || code === 0x2d || isDigit(code));
}

/**
 * Parses `text.slice(start, end)` as one object or array in the forms people paste: JSON plus trailing commas,
 * single-quoted strings, Python `repr` literals (`True`, `None`), bare keys, comments, `undefined`/`NaN` (as null).
 * Iterative: nesting beyond `maxDepth` fails instead of exhausting the stack.
 */
export function parseLenientSpan(text: string, start: number, end: number, maxDepth: number): SpanParse {
	return new SpanParser(text, start, end, maxDepth).run();
}

/** Whether brackets outside JSON strings nest deeper than `maxDepth` (JSON.parse would accept any depth). */
function nestsDeeperThan(text: string, start: number, maxDepth: number): boolean {
	let depth = 0;
	let index = start;
	while (index < text.length) {
		const code = text.charCodeAt(index++);
		if (code === 0x22) {
			while (index < text.length) {
				const inner = text.charCodeAt(index++);
				if (inner === 0x5c) index++;
				else if (inner === 0x22) break;
			}
		} else if (code === 0x7b || code === 0x5b) {
			if (++depth > maxDepth) return true;
		} else if (code === 0x7d || code === 0x5d) {
			depth--;
		}
	}
	return false;
}

/** JSON.parse without the throw; null when the text is not JSON. */
export function parseStrict(text: string): {readonly value: unknown} | null {
	try {
		return {value: JSON.parse(text) as unknown};
	} catch {
		// SyntaxError, or RangeError on input too large for the engine.
		return null;
	}
}

/** Strict JSON.parse first; else a lenient parse. null when neither yields an object or array. */
export function parseLenientJson(text: string): {value: unknown; lenient: boolean; repairs: readonly string[]} | null {
	const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	if (!nestsDeeperThan(text, start, MAX_JSON_DEPTH)) {
		const strict = parseStrict(start === 0 ? text : text.slice(start));
		if (strict) return isContainer(strict.value) ? {value: strict.value, lenient: false, repairs: []} : null;
	}
	const result = parseLenientSpan(text, start, text.length, MAX_JSON_DEPTH);
	return result.ok ? {value: result.value, lenient: result.lenient, repairs: result.repairs} : null;
}
