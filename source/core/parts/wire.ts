import type {Header, HttpRequest, HttpResponse} from '../types.js';
import {parseHeaderLine, parseStatusLine} from './http-response.js';

const requestLinePattern = /^([!#$%&'*+.^`|~\w-]+) (\S+) HTTP\/\d(?:\.\d)?$/;

/** `METHOD target`, read from a request line (`POST /v1/charges HTTP/1.1`); null for anything else. */
export function parseRequestLine(line: string): {readonly method: string; readonly target: string} | null {
	const match = requestLinePattern.exec(line.trimEnd());
	return match ? {method: match[1] ?? '', target: match[2] ?? ''} : null;
}

/** The head (start line and header lines up to the first blank line) and the body of a message as sent on the wire. */
function splitMessage(wire: string): {readonly lines: string[]; readonly body: string} {
	const text = wire.replaceAll('\r\n', '\n');
	const blank = text.indexOf('\n\n');
	const head = blank === -1 ? text : text.slice(0, blank);
	return {lines: head.split('\n'), body: blank === -1 ? '' : text.slice(blank + 2)};
}

function readHeaders(lines: readonly string[]): Header[] {
	const headers: Header[] = [];
	for (const line of lines) {
		const header = line.trim() === '' ? null : parseHeaderLine(line);
		if (header) headers.push(header);
	}

	return headers;
}

/**
 * A request from the bytes a client sent: request line, headers, body. The URL is absolute only when the trace
 * shows the scheme; `scheme` null keeps the target as written.
 */
export function requestFromWire(wire: string, scheme: string | null): HttpRequest | null {
	const {lines, body} = splitMessage(wire);
	const start = parseRequestLine(lines[0] ?? '');
	if (!start) return null;
	const headers = readHeaders(lines.slice(1));
	const host = headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
	const url =
		start.target.startsWith('/') && host !== undefined && scheme !== null
			? `${scheme}://${host}${start.target}`
			: start.target;
	return {method: start.method, url, headers, body: body === '' ? null : body, unexpanded: []};
}

/** A response from the bytes a client received: status line, headers, body. */
export function responseFromWire(wire: string): HttpResponse | null {
	const {lines, body} = splitMessage(wire);
	const status = parseStatusLine(lines[0] ?? '');
	if (!status) return null;
	return {...status, headers: readHeaders(lines.slice(1)), body};
}
