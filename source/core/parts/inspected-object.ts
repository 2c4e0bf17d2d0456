import {parseLenientJson} from './lenient-json.js';

/**
 * Reading Node's `util.inspect` output (what `console.log(error)` prints): `{ key: 'value', nested: Object [Tag] {
 * … }, list: [Array], fn: [Function: f] }`. Only what a diagnosis needs: the members of one object, and string values.
 */

const opens = '{[(';
const closes = '}])';

/** Index just past the quoted string that starts at `at` (', " or `), backslash escapes honoured. */
function skipString(text: string, at: number, end: number): number {
	const quote = text[at];
	for (let index = at + 1; index < end; index++) {
		if (text[index] === '\\') index++;
		else if (text[index] === quote) return index + 1;
	}

	return end;
}

/** Index just past the bracket that closes the one at `open`, or -1 when it does not close before `end`. */
export function closingBracket(text: string, open: number, end = text.length): number {
	let depth = 0;
	for (let index = open; index < end; index++) {
		const c = text[index]!;
		if (c === "'" || c === '"' || c === '`') {
			index = skipString(text, index, end) - 1;
		} else if (opens.includes(c)) {
			depth++;
		} else if (closes.includes(c) && --depth === 0) {
			return index + 1;
		}
	}

	return -1;
}

export type Span = {readonly start: number; readonly end: number};

/** The members of the object whose `{` is at `open`: each key (unquoted) with the span of its value text. */
export function objectMembers(text: string, open: number): Map<string, Span> {
	const members = new Map<string, Span>();
	const close = closingBracket(text, open);
	if (close === -1) return members;
	const end = close - 1;
	let pos = open + 1;
	while (pos < end) {
		while (pos < end && /[\s,]/.test(text[pos]!)) pos++;
		if (pos >= end) break;
		const keyStart = pos;
		const quoted = text[pos] === "'" || text[pos] === '"';
		const keyEnd = quoted ? skipString(text, pos, end) : text.indexOf(':', pos);
		if (keyEnd === -1 || keyEnd > end) break;
		const key = quoted ? text.slice(keyStart + 1, keyEnd - 1) : text.slice(keyStart, keyEnd).trim();
		let valueStart = text.indexOf(':', keyEnd) + 1;
		while (text[valueStart] === ' ') valueStart++;
		let valueEnd = valueStart;
		while (valueEnd < end && text[valueEnd] !== ',') {
			const c = text[valueEnd]!;
			if (c === "'" || c === '"' || c === '`') valueEnd = skipString(text, valueEnd, end);
			else if (opens.includes(c)) valueEnd = closingBracket(text, valueEnd, end);
			else valueEnd++;
			if (valueEnd === -1) return members;
		}

		members.set(key, {start: valueStart, end: valueEnd});
		pos = valueEnd + 1;
	}

	return members;
}

const escapes: Readonly<Record<string, string>> = {n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '`': '`'};

/** The value of a quoted JavaScript string as inspect prints it; null when `literal` is not one. */
export function stringValue(literal: string): string | null {
	const trimmed = literal.trim();
	const quote = trimmed[0];
	if ((quote !== "'" && quote !== '"' && quote !== '`') || trimmed.at(-1) !== quote || trimmed.length < 2) return null;
	return trimmed
		.slice(1, -1)
		.replaceAll(/\\(u[\da-fA-F]{4}|x[\da-fA-F]{2}|.)/g, (_, escape: string) =>
			escape.length > 1 ? String.fromCharCode(Number.parseInt(escape.slice(1), 16)) : (escapes[escape] ?? escape),
		);
}

// What inspect writes before an object's brace: a reference mark, a class name, a tag (`<ref *1> ClientRequest {`,
// `Object [AxiosHeaders] {`).
const objectPrefix = /^(?:<ref \*\d+> )?(?:[\w$]+ )?(?:\[[\w$: ]+\] )?$/;

/** A member's value as data: a string's text, an object literal parsed leniently, else the text as printed. */
export function memberValue(text: string, span: Span): unknown {
	const raw = text.slice(span.start, span.end);
	return stringValue(raw) ?? parseLenientJson(raw)?.value ?? raw;
}

/** The index of the `{` that opens a member's object value, or -1 when the value is not an object. */
export function objectStart(text: string, span: Span): number {
	const brace = text.indexOf('{', span.start);
	return brace !== -1 && brace < span.end && objectPrefix.test(text.slice(span.start, brace)) ? brace : -1;
}
