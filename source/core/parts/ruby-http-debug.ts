import type {HttpRequest, HttpResponse} from '../types.js';
import {lineAt, trimmedEnd} from './http-response.js';
import {requestFromWire, responseFromWire} from './wire.js';

// Net::HTTP#set_debug_output (Ruby lib/net/http.rb and net/protocol.rb) writes `opening connection to host:port...`,
// `starting SSL for host:port...`, each write as `<- "…"`, each read as `-> "…"` (String#dump), and
// `reading N bytes...` / `read N bytes` / `Conn keep-alive` / `Conn close` around them.
const wirePattern = /^(<-|->) (".*")$/;
const notePattern =
	/^(?:opening connection to |opened$|starting SSL for |SSL established|reading \d+ bytes|read \d+ bytes|Conn (?:keep-alive|close))/;
const sslPattern = /^starting SSL for /;

const simpleEscapes: Readonly<Record<string, string>> = {
	n: '\n',
	r: '\r',
	t: '\t',
	e: '\u001B',
	'\\': '\\',
	'"': '"',
	'#': '#',
};

/** The text of a Ruby `String#dump` / `inspect` literal (`"HTTP/1.1 403 Forbidden\r\n"`). */
export function decodeRubyLiteral(literal: string): string {
	const body = literal.slice(1, -1);
	let out = '';
	for (let index = 0; index < body.length; index++) {
		const c = body[index]!;
		if (c !== '\\') {
			out += c;
			continue;
		}

		const rest = body.slice(index + 1);
		const escape = /^x([\da-f]{2})|^u([\da-f]{4})|^u\{([\da-f]{1,6})\}/i.exec(rest);
		if (escape) {
			out += String.fromCodePoint(Number.parseInt(escape[1] ?? escape[2] ?? escape[3]!, 16));
			index += escape[0].length;
		} else {
			out += simpleEscapes[rest[0] ?? ''] ?? rest[0] ?? '';
			index++;
		}
	}

	return out;
}

/** A `Transfer-Encoding: chunked` body as read: chunk sizes in hex, each chunk, a final 0. */
function dechunk(body: string): string {
	let out = '';
	let pos = 0;
	for (;;) {
		const lineEnd = body.indexOf('\r\n', pos);
		if (lineEnd === -1) return out;
		const size = Number.parseInt(body.slice(pos, lineEnd), 16);
		if (!Number.isInteger(size) || size <= 0) return out;
		out += body.slice(lineEnd + 2, lineEnd + 2 + size);
		pos = lineEnd + 2 + size + 2;
	}
}

function toResponse(wire: string): HttpResponse | null {
	const response = responseFromWire(wire);
	if (!response) return null;
	const chunked = response.headers.some(
		([name, value]) => name.toLowerCase() === 'transfer-encoding' && value.toLowerCase().includes('chunked'),
	);
	const raw = wire.slice(wire.indexOf('\r\n\r\n') + 4);
	return chunked ? {...response, body: dechunk(raw)} : response;
}

/** Splits what was read into responses: each starts with a status line at the start of a read. */
function splitResponses(reads: readonly string[]): HttpResponse[] {
	const wires: string[] = [];
	for (const read of reads) {
		if (read.startsWith('HTTP/') || wires.length === 0) wires.push(read);
		else wires[wires.length - 1] += read;
	}

	return wires.map((wire) => toResponse(wire)).filter((response) => response !== null);
}

/**
 * Finds the first run of Ruby `Net::HTTP` debug output in a paste. The request is the last one written (its URL is
 * absolute when the trace shows the connection opening: https after `starting SSL`, else http); responses come in order, bodies included.
 */
export function findRubyHttpDebug(
	text: string,
): {start: number; end: number; request: HttpRequest | null; responses: HttpResponse[]} | null {
	let tls = false;
	let opened = false;
	const writes: string[] = [];
	const reads: string[] = [];
	let start = -1;
	let end = -1;
	for (let pos = 0; pos < text.length;) {
		const line = lineAt(text, pos);
		const content = text.slice(line.start, line.end).trim();
		const wire = wirePattern.exec(content);
		if (wire || notePattern.test(content)) {
			if (start === -1) start = line.start;
			end = trimmedEnd(text, line.start, line.end);
			if (sslPattern.test(content)) tls = true;
			if (content.startsWith('opening connection to ')) opened = true;
			if (wire?.[1] === '<-') {
				const data = decodeRubyLiteral(wire[2]!);
				// A request line starts a new request; later writes carry its body.
				if (/^[A-Z]+ \S+ HTTP\//.test(data) || writes.length === 0) writes.push(data);
				else writes[writes.length - 1] += data;
			} else if (wire) {
				reads.push(decodeRubyLiteral(wire[2]!));
			}
		} else if (start !== -1 && content !== '') {
			break;
		}

		pos = line.next;
	}

	if (writes.length === 0 && reads.length === 0) return null;
	const last = writes.at(-1);
	const request = last === undefined ? null : requestFromWire(last, opened ? (tls ? 'https' : 'http') : null);
	return {start, end, request, responses: splitResponses(reads)};
}
