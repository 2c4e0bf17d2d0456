import type {HttpRequest, HttpResponse} from '../types.js';
import {lineAt, parseHeaderLine, parseStatusLine, trimmedEnd} from './http-response.js';
import {parseRequestLine, requestFromWire} from './wire.js';

// http.client prints what it sends and receives when `HTTPConnection.debuglevel` is 1 (CPython Lib/http/client.py:
// `print("send:", repr(data))`, `print("reply:", repr(line))`, `print("header:", hdr + ":", val)`); requests users
// turn it on together with urllib3's DEBUG log, whose connection lines show the scheme.
const sendPattern = /^send: (b?(['"]).*\2)$/;
const replyPattern = /^reply: ((['"]).*\2)$/;
const headerPrefix = 'header: ';
const connectionPattern = /Starting new (HTTPS?) connection \(\d+\): /;

const simpleEscapes: Readonly<Record<string, string>> = {n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"'};

/** The text of a Python `repr()` of str or bytes (`b'GET / HTTP/1.1\r\n'`); bytes above 0x7f become Latin-1. */
export function decodePythonLiteral(literal: string): string {
	const body = literal.slice(literal.startsWith('b') ? 2 : 1, -1);
	let out = '';
	for (let index = 0; index < body.length; index++) {
		const c = body[index]!;
		if (c !== '\\') {
			out += c;
			continue;
		}

		const e = body[index + 1] ?? '';
		const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
		const hex = body.slice(index + 2, index + 2 + width);
		if (width > 0 && /^[\da-f]+$/i.test(hex) && hex.length === width) {
			out += String.fromCodePoint(Number.parseInt(hex, 16));
			index += 1 + width;
		} else {
			out += simpleEscapes[e] ?? `\\${e}`;
			index++;
		}
	}

	return out;
}

type Trace = {
	scheme: string | null;
	sent: string[];
	replies: Array<{status: string; headers: Array<[string, string]>}>;
};

/** Reads one line of the trace; false when the line is not part of one. */
function readTraceLine(trace: Trace, line: string): boolean {
	const send = sendPattern.exec(line);
	if (send) {
		const data = decodePythonLiteral(send[1]!);
		// A request line starts a new request; other sends carry the body of the last one.
		if (parseRequestLine(data.split('\r\n', 1)[0] ?? '') || trace.sent.length === 0) trace.sent.push(data);
		else trace.sent[trace.sent.length - 1] += data;
		return true;
	}

	const reply = replyPattern.exec(line);
	if (reply) {
		trace.replies.push({status: decodePythonLiteral(reply[1]!).trimEnd(), headers: []});
		return true;
	}

	if (line.startsWith(headerPrefix)) {
		const header = parseHeaderLine(line.slice(headerPrefix.length));
		if (header) trace.replies.at(-1)?.headers.push([header[0], header[1]]);
		return header !== null;
	}

	const connection = connectionPattern.exec(line);
	if (connection) trace.scheme = connection[1]!.toLowerCase();
	return connection !== null || line.includes(':urllib3.connectionpool:');
}

function toResponses(trace: Trace): HttpResponse[] {
	const responses: HttpResponse[] = [];
	for (const reply of trace.replies) {
		const status = parseStatusLine(reply.status);
		// http.client never prints the response body: the caller finds it elsewhere in the paste.
		if (status) responses.push({...status, headers: reply.headers, body: ''});
	}

	return responses;
}

/**
 * Finds the first run of Python `http.client` debug output (`send:`, `reply:`, `header:` lines, with urllib3's DEBUG
 * lines among them) in a paste. The request is the last one sent; its URL is absolute when urllib3's log names the
 * scheme, else the target as sent.
 */
export function findPythonHttpDebug(
	text: string,
): {start: number; end: number; request: HttpRequest | null; responses: HttpResponse[]} | null {
	const trace: Trace = {scheme: null, sent: [], replies: []};
	let start = -1;
	let end = -1;
	for (let pos = 0; pos < text.length;) {
		const line = lineAt(text, pos);
		const content = text.slice(line.start, line.end);
		const isTrace = readTraceLine(trace, content);
		if (isTrace) {
			if (start === -1) start = line.start;
			end = trimmedEnd(text, line.start, line.end);
		} else if (start !== -1 && content.trim() !== '') {
			break;
		}

		pos = line.next;
	}

	if (start === -1 || (trace.sent.length === 0 && trace.replies.length === 0)) return null;
	const last = trace.sent.at(-1);
	const request = last === undefined ? null : requestFromWire(last, trace.scheme);
	return {start, end, request, responses: toResponses(trace)};
}
