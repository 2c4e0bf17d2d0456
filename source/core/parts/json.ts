import {MAX_JSON_DEPTH, parseLenientSpan, parseStrict, unescapeJsonText} from './lenient-json.js';
import type {SpanParse} from './lenient-json.js';

export {MAX_JSON_DEPTH, parseLenientJson} from './lenient-json.js';

/**
 * A JSON object or array found in text. `start`/`end` (exclusive) delimit it in the scanned text; a value found
 * inside a string of another one (JSON logged as a string field) carries the span of that outer value.
 */
export type JsonFind = {start: number; end: number; value: unknown; lenient: boolean; repairs: readonly string[]};

type Stats = {parseAttempts: number};

/** How many times JSON may be nested as a string inside JSON (a log line holding a response holding a body). */
const MAX_EMBEDDING = 3;

/** A growable list of 32-bit integers: plain arrays of a million numbers are several times slower to build. */
class IntList {
	values = new Int32Array(64);
	length = 0;

	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = new Int32Array(this.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}

	pop(): number {
		return this.values[--this.length]!;
	}

	get(index: number): number {
		return this.values[index]!;
	}

	set(index: number, value: number): void {
		this.values[index] = value;
	}
}

/** Bracket pairs in the order of their opening brackets; `ends` holds -1 for an opening bracket that never closes. */
type Brackets = {readonly starts: IntList; readonly ends: IntList; readonly heights: IntList};

function isLineBreak(code: number): boolean {
	return code === 0x0a || code === 0x0d;
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Quotes open a string only where a JSON, Python or JavaScript string can start, so an apostrophe in
 * `[user's request failed]` stays prose.
 */
function opensString(previous: number): boolean {
	return previous === 0x7b || previous === 0x5b || previous === 0x2c || previous === 0x3a;
}

/**
 * Index after the string whose content starts at `index`. A line break ends it: none of the pasted notations allows
 * a raw one, and a stray quote must not swallow the rest of the paste.
 */
function skipString(text: string, index: number, quote: number): number {
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code === quote) return index + 1;
		if (isLineBreak(code)) return index;
		index += code === 0x5c && !isLineBreak(text.charCodeAt(index + 1)) ? 2 : 1;
	}
	return text.length;
}

/**
 * Like `skipString` for a string of JSON that was itself escaped into a string (`{\"a\":\"b\"}`): `\"` ends it,
 * `\\\"` is an escaped quote inside it.
 */
function skipEscapedString(text: string, index: number): number {
	let escaped = false;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (isLineBreak(code) || code === 0x22) return index;
		if (code === 0x5c) {
			const next = text.charCodeAt(index + 1);
			if (isLineBreak(next)) return index + 1;
			if (next === 0x22 && !escaped) return index + 2;
			escaped = next === 0x5c ? !escaped : false;
			index += 2;
		} else {
			escaped = false;
			index++;
		}
	}
	return text.length;
}

/** One pass over the text pairing brackets outside strings, with each pair's nesting height. */
function matchBrackets(text: string): Brackets {
	const starts = new IntList();
	const ends = new IntList();
	const heights = new IntList();
	const open = new IntList();
	// For each open bracket, the height of the tallest pair closed inside it so far.
	const tallest = new IntList();
	let openCurly = 0;
	let openSquare = 0;
	let previous = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code === 0x7b || code === 0x5b) {
			open.push(starts.length);
			tallest.push(0);
			starts.push(index);
			ends.push(-1);
			heights.push(0);
			if (code === 0x7b) openCurly++;
			else openSquare++;
		} else if (code === 0x7d || code === 0x5d) {
			const opener = code === 0x7d ? 0x7b : 0x5b;
			// The counts make a close bracket with no opener of its kind cost nothing; one that skips unclosed openers
			// of the other kind leaves them unpaired, though pairs closed inside them still add to the height.
			if ((opener === 0x7b ? openCurly : openSquare) > 0) {
				let kind = 0;
				while (kind !== opener) {
					const pair = open.pop();
					const inner = tallest.pop();
					kind = text.charCodeAt(starts.get(pair));
					if (kind === 0x7b) openCurly--;
					else openSquare--;
					const height = kind === opener ? inner + 1 : inner;
					if (kind === opener) {
						ends.set(pair, index);
						heights.set(pair, height);
					}
					if (tallest.length > 0) tallest.set(tallest.length - 1, Math.max(tallest.get(tallest.length - 1), height));
				}
			}
		} else if (open.length === 0 || isSpace(code)) {
			index++;
			continue;
		} else if ((code === 0x22 || code === 0x27) && opensString(previous)) {
			index = skipString(text, index + 1, code);
			previous = code;
			continue;
		} else if (code === 0x5c && text.charCodeAt(index + 1) === 0x22 && opensString(previous)) {
			index = skipEscapedString(text, index + 2);
			previous = 0x22;
			continue;
		}
		previous = code;
		index++;
	}
	return {starts, ends, heights};
}

/** Whether the bracket at `start` begins JSON escaped into a string: `{\"error\"`. */
function isEscapedJson(text: string, start: number, close: number): boolean {
	let index = start + 1;
	while (index < close && isSpace(text.charCodeAt(index))) index++;
	return text.charCodeAt(index) === 0x5c && text.charCodeAt(index + 1) === 0x22;
}

/** What may follow `[` in JSON, and what may precede either closing bracket. */
const afterOpening = new Set([
	0x22, 0x2d, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x5b, 0x7b, 0x74, 0x66, 0x6e,
]);
const beforeClosing = new Set([
	0x22, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x5d, 0x7d, 0x65, 0x6c,
]);

/**
 * A cheap necessary condition for JSON.parse to accept the pair: a failed JSON.parse builds a SyntaxError, which
 * costs more than the lenient parse that follows, and prose in brackets (`[INFO]`, `{ [5 bytes data]`) always fails.
 */
function mayBeStrictJson(text: string, start: number, close: number): boolean {
	let first = start + 1;
	while (first < close && isSpace(text.charCodeAt(first))) first++;
	if (first === close) return true;
	let last = close - 1;
	while (isSpace(text.charCodeAt(last))) last--;
	const opening = text.charCodeAt(first);
	if (text.charCodeAt(start) === 0x7b ? opening !== 0x22 : !afterOpening.has(opening)) return false;
	return beforeClosing.has(text.charCodeAt(last));
}

function hasEntries(value: unknown): boolean {
	if (Array.isArray(value)) return value.length > 0;
	return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function keep(finds: JsonFind[], found: JsonFind): void {
	if (hasEntries(found.value)) finds.push(found);
}

/**
 * Below this size JSON.parse is not worth trying first: the lenient parser is fast enough and says itself whether the
 * text was strict JSON, while a JSON.parse that fails builds a SyntaxError, which costs more than a lenient parse.
 */
const STRICT_FIRST_SIZE = 4096;

/** JSON.parse when it may pay off, then the lenient parser: at most one attempt of each. */
function parseCandidate(
	text: string,
	start: number,
	end: number,
	strictFirst: boolean,
	maxDepth: number,
	stats: Stats,
): SpanParse {
	if (strictFirst && end - start >= STRICT_FIRST_SIZE && mayBeStrictJson(text, start, end - 1)) {
		stats.parseAttempts++;
		const strict = parseStrict(text.slice(start, end));
		if (strict) return {ok: true, value: strict.value, lenient: false, repairs: []};
	}
	stats.parseAttempts++;
	return parseLenientSpan(text, start, end, maxDepth);
}

/**
 * Top-level values in one text. Each pair is parsed at most once; a pair that fails is not reparsed: containers it
 * completed before the failure come back from the parse, the scan resumes at the failure point, and JSON.parse is not
 * tried again inside it, so every character is parsed a bounded number of times.
 */
function scan(text: string, maxDepth: number, stats: Stats): JsonFind[] {
	const {starts, ends, heights} = matchBrackets(text);
	const finds: JsonFind[] = [];
	let resume = 0;
	let failedUntil = 0;
	for (let pair = 0; pair < starts.length; pair++) {
		const start = starts.get(pair);
		const close = ends.get(pair);
		if (close < 0 || start < resume) continue;
		const end = close + 1;
		resume = end;
		if (close === start + 1 || heights.get(pair) > maxDepth) continue;
		if (isEscapedJson(text, start, close)) {
			const unescaped = unescapeJsonText(text, start, end);
			const parsed = parseCandidate(unescaped, 0, unescaped.length, true, maxDepth, stats);
			if (parsed.ok) keep(finds, {start, end, value: parsed.value, lenient: true, repairs: parsed.repairs});
			continue;
		}
		const parsed = parseCandidate(text, start, end, start >= failedUntil, maxDepth, stats);
		if (parsed.ok) {
			keep(finds, {start, end, value: parsed.value, lenient: parsed.lenient, repairs: parsed.repairs});
			continue;
		}
		for (const done of parsed.completed) keep(finds, done);
		resume = parsed.failedAt;
		failedUntil = end;
	}
	return finds;
}

/** String values (at any depth) that could hold JSON, in document order. */
function bracedStrings(value: unknown): string[] {
	const strings: string[] = [];
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'string') {
			if (next.includes('{')) strings.push(next);
		} else if (typeof next === 'object' && next !== null) {
			const children = Array.isArray(next) ? next : Object.values(next);
			for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
		}
	}
	return strings;
}

/** Every top-level JSON object/array embedded in arbitrary text (ticket prose, log lines), in order. */
export function findJsonValues(
	text: string,
	options: {maxDepth?: number; stats?: {parseAttempts: number}} = {},
): JsonFind[] {
	const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
	const stats = options.stats ?? {parseAttempts: 0};
	const finds: JsonFind[] = [];
	for (const outer of scan(text, maxDepth, stats)) {
		finds.push(outer);
		let level: unknown[] = [outer.value];
		for (let embedding = 0; embedding < MAX_EMBEDDING && level.length > 0; embedding++) {
			const next: unknown[] = [];
			for (const value of level) {
				for (const string of bracedStrings(value)) {
					for (const inner of scan(string, maxDepth, stats)) {
						finds.push({...inner, start: outer.start, end: outer.end});
						next.push(inner.value);
					}
				}
			}
			level = next;
		}
	}
	return finds;
}
