import type {Header, HttpRequest} from '../types.js';
import {closingBracket, memberValue, objectMembers, objectStart, type Span, stringValue} from './inspected-object.js';

// axios rejects with `AxiosError: Request failed with status code 401` (lib/core/settle.js; before axios 1.0 the name
// was `Error`); `console.log(error)` prints its stack, then the error's members: `config` (method, url, headers,
// data as sent) and `response` (status, headers, data as received).
const messagePattern = /\b(?:AxiosError|Error): Request failed with status code ([1-5]\d\d)\b/;

function text(source: string, span: Span | undefined): string | null {
	return span ? stringValue(source.slice(span.start, span.end)) : null;
}

function headersOf(source: string, span: Span | undefined): Header[] {
	const open = span ? objectStart(source, span) : -1;
	if (open === -1) return [];
	const headers: Header[] = [];
	for (const [name, value] of objectMembers(source, open)) {
		const written = stringValue(source.slice(value.start, value.end));
		if (written !== null) headers.push([name, written]);
	}

	return headers;
}

function requestOf(source: string, config: Span | undefined): HttpRequest | null {
	const open = config ? objectStart(source, config) : -1;
	if (open === -1) return null;
	const members = objectMembers(source, open);
	const url = text(source, members.get('url'));
	if (url === null) return null;
	const base = text(source, members.get('baseURL'));
	const absolute =
		base !== null && !/^[a-z][a-z\d+.-]*:/i.test(url) ? base.replace(/\/$/, '') + '/' + url.replace(/^\//, '') : url;
	return {
		method: (text(source, members.get('method')) ?? 'get').toUpperCase(),
		url: absolute,
		headers: headersOf(source, members.get('headers')),
		body: text(source, members.get('data')),
		unexpanded: [],
	};
}

/** `response.data`: a string as received, an object literal as data (the text itself when inspect cut it short). */
function dataOf(source: string, response: Span | undefined): unknown {
	const open = response ? objectStart(source, response) : -1;
	const data = open === -1 ? undefined : objectMembers(source, open).get('data');
	return data ? memberValue(source, data) : null;
}

/**
 * Finds an axios error in a paste: its message line, and the inspected object after the stack when there is one. The
 * status is the one axios names; the request comes from `config`, the body from `response.data`.
 */
export function findAxiosError(
	source: string,
): {start: number; end: number; status: number; request: HttpRequest | null; body: unknown} | null {
	const message = messagePattern.exec(source);
	if (!message) return null;
	const lineStart = source.lastIndexOf('\n', message.index) + 1;
	const lineEnd = source.indexOf('\n', message.index);
	const status = Number(message[1]);
	// The inspected members open on the last line of the stack (`    at … {`) or right after the message.
	const stack = /^(?:\s+at .*\n)*/.exec(source.slice(lineEnd === -1 ? source.length : lineEnd + 1))?.[0] ?? '';
	const searchEnd = (lineEnd === -1 ? source.length : lineEnd + 1) + stack.length;
	const open = source.lastIndexOf('{', searchEnd);
	const close = open > message.index ? closingBracket(source, open) : -1;
	if (close === -1) {
		const end = lineEnd === -1 ? source.length : lineEnd;
		return {start: lineStart, end: Math.max(end, searchEnd - 1), status, request: null, body: null};
	}

	const members = objectMembers(source, open);
	return {
		start: lineStart,
		end: close,
		status,
		request: requestOf(source, members.get('config')),
		body: dataOf(source, members.get('response')),
	};
}
