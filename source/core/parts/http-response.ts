import type {Header, HttpResponse} from '../types.js';

/** One line of text: `end` excludes the line break (LF or CRLF), `next` is where the following line starts. */
export type TextLine = {readonly start: number; readonly end: number; readonly next: number};

export function lineAt(text: string, start: number): TextLine {
	const newline = text.indexOf('\n', start);
	const next = newline === -1 ? text.length : newline + 1;
	let end = newline === -1 ? text.length : newline;
	if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
	return {start, end, next};
}

const statusLinePattern = /^(HTTP\/\d(?:\.\d)?)[ \t]+([1-5]\d\d)(?!\S)/;
const headerLinePattern = /^([!#$%&'*+.^`|~\w-]+)[ \t]*:/;
// Lines that end a response pasted inside a ticket: a Markdown fence, or a shell prompt starting the next command.
const fenceLinePattern = /^[ \t]{0,3}(?:`{3}|~{3})/;
const promptLinePattern = /^[ \t]*(?:[$%❯][ \t]+\S|\S*[$%#❯>][ \t]+curl[ \t]|PS [^>]*>|curl[ \t])/;

export type StatusLine = {readonly httpVersion: string; readonly status: number; readonly statusText: string};

/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 429` (no reason phrase), `HTTP/1.0 …`, `HTTP/3 …`; null for anything else. */
export function parseStatusLine(line: string): StatusLine | null {
	const match = statusLinePattern.exec(line);
	if (!match) return null;
	return {httpVersion: match[1] ?? '', status: Number(match[2]), statusText: line.slice(match[0].length).trim()};
}

/** A `Name: value` line with the name as written and the value trimmed; null when the line is not one. */
export function parseHeaderLine(line: string): Header | null {
	const match = headerLinePattern.exec(line);
	if (!match) return null;
	return [match[1] ?? '', line.slice(match[0].length).trim()];
}

/** A line that starts something other than a response body: a Markdown fence or a shell prompt line. */
export function isBoundaryLine(line: string): boolean {
	return fenceLinePattern.test(line) || promptLinePattern.test(line);
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b;
}

/** The end of `text[from, to)` once trailing whitespace is dropped. */
export function trimmedEnd(text: string, from: number, to: number): number {
	let end = to;
	while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
	return end;
}

/**
 * Bracket depth through a body read in pieces, so that a body whose first character opens a JSON value can end
 * where that value closes instead of running into the prose after it. Only counts brackets outside strings: it
 * finds the end of well-formed JSON and never cuts earlier than that.
 */
export type JsonCloseScan = {
	phase: 'start' | 'inside' | 'closed' | 'not-json';
	depth: number;
	inString: boolean;
	escaped: boolean;
};

export function startJsonCloseScan(): JsonCloseScan {
	return {phase: 'start', depth: 0, inString: false, escaped: false};
}

/** Reads `text[from, to)`; returns the index just past the bracket that closes the value, or -1. */
export function readJsonClose(scan: JsonCloseScan, text: string, from: number, to: number): number {
	for (let index = from; index < to; index++) {
		const code = text.charCodeAt(index);
		if (scan.phase === 'start') {
			if (isSpace(code)) continue;
			scan.phase = code === 0x7b || code === 0x5b ? 'inside' : 'not-json';
			if (scan.phase === 'not-json') return -1;
			scan.depth = 1;
		} else if (scan.phase !== 'inside') {
			return -1;
		} else if (scan.inString) {
			if (scan.escaped) scan.escaped = false;
			else if (code === 0x5c) scan.escaped = true;
			else if (code === 0x22) scan.inString = false;
		} else if (code === 0x22) {
			scan.inString = true;
		} else if (code === 0x7b || code === 0x5b) {
			scan.depth++;
		} else if ((code === 0x7d || code === 0x5d) && --scan.depth === 0) {
			scan.phase = 'closed';
			return index + 1;
		}
	}

	return -1;
}

/**
 * Where the body's JSON value ends, when the body starts with one and the closing bracket ends its line
 * (`[2024-01-01] error …` is a text body, not an array); -1 otherwise.
 */
function jsonBodyEnd(text: string, from: number, to: number): number {
	const close = readJsonClose(startJsonCloseScan(), text, from, to);
	if (close === -1) return -1;
	const line = lineAt(text, close);
	return trimmedEnd(text, close, Math.min(line.end, to)) === close ? close : -1;
}

function responseOf(status: StatusLine, headers: Header[], body: string): HttpResponse {
	return {httpVersion: status.httpVersion, status: status.status, statusText: status.statusText, headers, body};
}

type ReadResponse = {readonly response: HttpResponse; readonly end: number; readonly next: number | null};

/** Reads the response whose status line starts at `at`; `next` is the status line of the one after it, if any. */
function readResponse(text: string, at: number, status: StatusLine): ReadResponse {
	const headers: Array<[string, string]> = [];
	const first = lineAt(text, at);
	let end = trimmedEnd(text, first.start, first.end);

	let bodyStart = text.length;
	let pos = first.next;
	while (pos < text.length) {
		const line = lineAt(text, pos);
		const content = text.slice(line.start, line.end);
		const last = headers.at(-1);
		if (content.trim() === '') {
			bodyStart = line.next;
			break;
		}

		if (last && (content.startsWith(' ') || content.startsWith('\t'))) {
			// Obsolete line folding (RFC 9112 §5.2): the value continues on this line.
			last[1] = `${last[1]} ${content.trim()}`.trim();
		} else if (parseStatusLine(content)) {
			return {response: responseOf(status, headers, ''), end, next: line.start};
		} else if (isBoundaryLine(content)) {
			return {response: responseOf(status, headers, ''), end, next: null};
		} else {
			const header = parseHeaderLine(content);
			if (!header) {
				// The blank line was lost in the paste: the body starts here.
				bodyStart = line.start;
				break;
			}

			headers.push([header[0], header[1]]);
		}

		end = trimmedEnd(text, line.start, line.end);
		pos = line.next;
	}

	let regionEnd = text.length;
	let next: number | null = null;
	pos = bodyStart;
	while (pos < text.length) {
		const line = lineAt(text, pos);
		const content = text.slice(line.start, line.end);
		if (parseStatusLine(content)) {
			regionEnd = line.start;
			next = line.start;
			break;
		}

		if (isBoundaryLine(content)) {
			regionEnd = line.start;
			break;
		}

		pos = line.next;
	}

	let bodyEnd = trimmedEnd(text, bodyStart, regionEnd);
	const jsonEnd = jsonBodyEnd(text, bodyStart, regionEnd);
	if (jsonEnd !== -1 && jsonEnd < bodyEnd) {
		// Something follows the JSON (the ticket's prose): the body and this run of responses stop at the JSON.
		bodyEnd = jsonEnd;
		next = null;
	}

	if (bodyEnd > bodyStart) end = bodyEnd;
	return {response: responseOf(status, headers, text.slice(bodyStart, bodyEnd)), end, next};
}

/**
 * Finds the first run of HTTP responses as `curl -i` / `curl -si` prints them, anywhere in a paste: a status line at
 * the start of a line, header lines (as written, in order) up to a blank line, then the body.
 *
 * Consecutive responses (`100 Continue` then the real one, a `-L` redirect chain, a proxy's `200 Connection
 * established`) are returned in order; the caller diagnoses the last. A body runs to the end of the text, the next
 * status line, a Markdown fence or a shell prompt line; a body that starts with JSON also stops where that JSON
 * closes when text follows it. Anything else is kept in the body: a little too much text is better than a cut JSON.
 */
export function findHttpResponses(text: string): {start: number; end: number; responses: HttpResponse[]} | null {
	let pos = 0;
	while (pos < text.length) {
		const line = lineAt(text, pos);
		const status = text.startsWith('HTTP/', pos) ? parseStatusLine(text.slice(line.start, line.end)) : null;
		if (status) return readRun(text, pos, status);
		pos = line.next;
	}

	return null;
}

function readRun(text: string, start: number, firstStatus: StatusLine) {
	const responses: HttpResponse[] = [];
	let at: number | null = start;
	let status: StatusLine | null = firstStatus;
	let end = start;
	while (at !== null && status) {
		const read = readResponse(text, at, status);
		responses.push(read.response);
		end = read.end;
		at = read.next;
		status = at === null ? null : parseStatusLine(text.slice(at, lineAt(text, at).end));
	}

	return {start, end, responses};
}
