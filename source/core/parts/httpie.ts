import type {HttpRequest, HttpResponse} from '../types.js';
import {findHttpResponses, lineAt, parseHeaderLine, parseStatusLine, trimmedEnd} from './http-response.js';
import {parseRequestLine} from './wire.js';

// HTTPie's `http -v` (httpie.io/docs/cli/verbose-output) prints the request as sent (request line, headers, body),
// then the response (status line, headers, body). Its User-Agent is `HTTPie/<version>` unless overridden.
const commandPattern = /^(?:\S*[$%#>❯] +)?(https?) (.+)$/;
const userAgentPattern = /^HTTPie\//;

/** The scheme the `http` / `https` command line used: the URL's own, else the command's default. */
function commandScheme(line: string): string | null {
	const command = commandPattern.exec(line.trim());
	if (!command) return null;
	const words = command[2]!.split(/\s+/).filter((word) => !word.startsWith('-'));
	const url = /^[A-Z]+$/.test(words[0] ?? '') ? words[1] : words[0];
	const scheme = /^(https?):\/\//i.exec(url ?? '');
	return scheme ? scheme[1]!.toLowerCase() : command[1]!;
}

/** The last non-blank line before `at`, found by walking back, so that each request line costs its own length. */
function lineBefore(text: string, at: number): string {
	let end = at;
	while (end > 0 && /\s/.test(text[end - 1]!)) end--;
	const start = text.lastIndexOf('\n', end - 1) + 1;
	return text.slice(start, end);
}

type Head = {method: string; target: string; headers: Array<[string, string]>; bodyStart: number};

function readHead(text: string, at: number, method: string, target: string): Head {
	const headers: Array<[string, string]> = [];
	let pos = lineAt(text, at).next;
	while (pos < text.length) {
		const line = lineAt(text, pos);
		const header = parseHeaderLine(text.slice(line.start, line.end));
		pos = line.next;
		if (!header) break;
		headers.push([header[0], header[1]]);
	}

	return {method, target, headers, bodyStart: pos};
}

/** Where the response starts: the next status line at the start of a line after `from`, or -1. */
function nextStatusLine(text: string, from: number): number {
	for (let pos = from; pos < text.length;) {
		const line = lineAt(text, pos);
		if (text.startsWith('HTTP/', pos) && parseStatusLine(text.slice(line.start, line.end))) return pos;
		pos = line.next;
	}

	return -1;
}

function toRequest(head: Head, body: string, scheme: string | null): HttpRequest {
	const host = head.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
	const url =
		scheme !== null && host !== undefined && head.target.startsWith('/')
			? `${scheme}://${host}${head.target}`
			: head.target;
	return {method: head.method, url, headers: head.headers, body: body === '' ? null : body, unexpanded: []};
}

/**
 * Finds an `http -v` exchange in a paste: a request line at the start of a line, its headers (one of them HTTPie's
 * User-Agent, or the `http` / `https` command right above), its body, then the responses. The URL is absolute when the
 * command is in the paste (its scheme, the Host header, the request target), else the target as sent.
 */
export function findHttpieExchange(
	text: string,
): {start: number; end: number; request: HttpRequest; responses: HttpResponse[]} | null {
	for (let pos = 0; pos < text.length;) {
		const line = lineAt(text, pos);
		const start = parseRequestLine(text.slice(line.start, line.end));
		if (start) {
			const head = readHead(text, line.start, start.method, start.target);
			const command = commandScheme(lineBefore(text, line.start));
			const agent = head.headers.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '';
			if (command !== null || userAgentPattern.test(agent)) {
				const statusAt = nextStatusLine(text, head.bodyStart);
				const bodyEnd = statusAt === -1 ? text.length : statusAt;
				const body = text.slice(head.bodyStart, trimmedEnd(text, head.bodyStart, bodyEnd)).trim();
				const found = statusAt === -1 ? null : findHttpResponses(text.slice(statusAt));
				return {
					start: line.start,
					end: found ? statusAt + found.end : trimmedEnd(text, line.start, bodyEnd),
					request: toRequest(head, body, command),
					responses: found?.responses ?? [],
				};
			}
		}

		pos = line.next;
	}

	return null;
}
