import type {HttpRequest, HttpResponse} from '../types.js';
import type {JsonCloseScan, StatusLine} from './http-response.js';
import {
	isBoundaryLine,
	lineAt,
	parseHeaderLine,
	parseStatusLine,
	readJsonClose,
	startJsonCloseScan,
	trimmedEnd,
} from './http-response.js';

const requestLinePattern = /^([!#$%&'*+.^`|~\w-]+) (\S+) HTTP\/\d(?:\.\d)?$/;
const dataMarkerPattern = /^[{}] \[(?:\d+ bytes data|data not shown)\]$/;
const connectedPattern = /^\* Connected to (\S+)(?: \([^)]*\))? port (\d+)/;
const tryingPattern = /^\*\s+Trying \S*:(\d+)/;
const tlsPattern = /\b(?:SSL|TLS|ALPN|schannel)/;
// curl 8 writes `* [HTTP/2] [1] [:scheme: https]`, curl 7 `* h2h3 [:scheme: https]`.
const pseudoHeaderPattern = /^\* (?:\[HTTP\/[23]\] \[\d+\]|h2h3) \[:(scheme|authority): (.*)\]$/;
const openedStreamPattern = /^\* \[HTTP\/[23]\] \[\d+\] OPENED stream for (https?):/;
// curl writes the body to stdout and its notes to stderr; a body without a final newline runs into the next note.
const infoAfterBodyPattern = /\* (?:Connection #\d|Closing connection|shutting down connection)/;
// The progress meter curl prints when stdout is not a terminal and -s is absent: two title lines, then rows that
// may run into the next line of verbose output.
const progressTitlePattern = /^[ \t]*(?:% Total[ \t]+% Received|Dload[ \t]+Upload[ \t]+Total)/;
const progressRowPattern =
	/^[ \t]*\d{1,3}[ \t]+[\d.]+[kMGTPE]?[ \t]+\d{1,3}[ \t]+[\d.]+[kMGTPE]?[ \t]+\d{1,3}[ \t]+[\d.]+[kMGTPE]?[ \t]+[\d.]+[kMGTPE]?[ \t]+[\d.]+[kMGTPE]?(?:[ \t]+(?:--:--:--|\d+:\d\d:\d\d|\d+[dh] \d\d[hm])){3}[ \t]+[\d.]+[kMGTPE]?/;

type Mode = 'idle' | 'request' | 'response' | 'stdout-headers';

type OpenRequest = {method: string; target: string; headers: Array<[string, string]>};
type OpenResponse = {status: StatusLine; headers: Array<[string, string]>; body: string[]; json: JsonCloseScan};

/** State of one pass over a transcript. */
type Reader = {
	mode: Mode;
	started: boolean;
	stopped: boolean;
	start: number;
	end: number;
	/** Start of the run of `*` lines just before the first request or response line. */
	runStart: number | null;
	tls: boolean;
	port: number | null;
	connectedHost: string | null;
	scheme: string | null;
	authority: string | null;
	request: OpenRequest | null;
	lastRequest: HttpRequest | null;
	responses: OpenResponse[];
	/** The response whose headers are complete: unprefixed lines (stdout) are its body. */
	bodyOwner: OpenResponse | null;
};

function newReader(): Reader {
	return {
		mode: 'idle',
		started: false,
		stopped: false,
		start: 0,
		end: 0,
		runStart: null,
		tls: false,
		port: null,
		connectedHost: null,
		scheme: null,
		authority: null,
		request: null,
		lastRequest: null,
		responses: [],
		bodyOwner: null,
	};
}

function resetConnection(reader: Reader, port: number | null): void {
	reader.tls = false;
	reader.port = port;
	reader.scheme = null;
	reader.authority = null;
}

function readInfo(reader: Reader, line: string): void {
	const connected = connectedPattern.exec(line);
	const trying = connected ? null : tryingPattern.exec(line);
	if (connected) {
		resetConnection(reader, Number(connected[2]));
		reader.connectedHost = connected[1] ?? null;
	} else if (trying) {
		resetConnection(reader, Number(trying[1]));
	}

	const pseudo = pseudoHeaderPattern.exec(line);
	if (pseudo?.[1] === 'scheme') reader.scheme = pseudo[2] ?? null;
	if (pseudo?.[1] === 'authority') reader.authority = pseudo[2] ?? null;
	const opened = openedStreamPattern.exec(line);
	if (opened) reader.scheme = opened[1] ?? null;
	if (tlsPattern.test(line)) reader.tls = true;
}

/** The URL curl requested: the scheme from what the transcript shows of TLS, the host from the Host header. */
function requestUrl(reader: Reader, request: OpenRequest): string {
	if (!request.target.startsWith('/')) return request.target;
	const scheme = reader.scheme ?? (reader.tls || reader.port === 443 ? 'https' : 'http');
	const hostHeader = request.headers.find(([name]) => name.toLowerCase() === 'host');
	const defaultPort = scheme === 'https' ? 443 : 80;
	const connected =
		reader.connectedHost === null
			? null
			: reader.port === null || reader.port === defaultPort
				? reader.connectedHost
				: `${reader.connectedHost}:${reader.port}`;
	const host = hostHeader?.[1] ?? reader.authority ?? connected;
	return host ? `${scheme}://${host}${request.target}` : request.target;
}

function finishRequest(reader: Reader): void {
	const request = reader.request;
	if (!request) return;
	reader.lastRequest = {
		method: request.method,
		url: requestUrl(reader, request),
		headers: request.headers,
		// curl -v never prints the request body, only its size.
		body: null,
		unexpanded: [],
	};
	reader.request = null;
	reader.scheme = null;
	reader.authority = null;
}

function begin(reader: Reader, start: number): void {
	if (reader.started) return;
	reader.started = true;
	reader.start = reader.runStart ?? start;
}

/** An unprefixed line: the body curl wrote to stdout, or the end of the transcript. */
function readStdout(reader: Reader, text: string, start: number, end: number): void {
	const content = text.slice(start, end);
	const owner = reader.bodyOwner;
	if (content.trim() === '') {
		if (owner && owner.body.length > 0 && owner.json.phase !== 'closed') owner.body.push('');
		return;
	}

	if (isBoundaryLine(content)) {
		reader.stopped = true;
		return;
	}

	if (parseStatusLine(content)) {
		// `curl -vi` also copies each response head to stdout: skip the copy.
		reader.mode = 'stdout-headers';
		reader.end = Math.max(reader.end, end);
		return;
	}

	if (!owner || owner.json.phase === 'closed') {
		reader.stopped = true;
		return;
	}

	const info = infoAfterBodyPattern.exec(content);
	const bodyEnd = info && info.index > 0 ? start + info.index : end;
	const close = readJsonClose(owner.json, text, start, bodyEnd);
	if (close !== -1 && trimmedEnd(text, close, bodyEnd) > close) {
		// Text after the closing bracket on the same line: not a JSON body after all, so keep every line.
		owner.json.phase = 'not-json';
	}

	owner.body.push(text.slice(start, bodyEnd));
	reader.end = Math.max(reader.end, trimmedEnd(text, start, bodyEnd));
	if (bodyEnd < end) readLine(reader, text, bodyEnd, end);
}

function readRequestSide(reader: Reader, rest: string, start: number): void {
	const requestLine = requestLinePattern.exec(rest.trimEnd());
	if (requestLine) {
		if (reader.mode === 'request') finishRequest(reader);
		begin(reader, start);
		reader.request = {method: requestLine[1] ?? '', target: requestLine[2] ?? '', headers: []};
		reader.mode = 'request';
		return;
	}

	const request = reader.request;
	if (reader.mode !== 'request' || !request) return;
	const last = request.headers.at(-1);
	if (rest.trim() === '') {
		finishRequest(reader);
		reader.mode = 'idle';
	} else if (last && (rest.startsWith(' ') || rest.startsWith('\t'))) {
		last[1] = `${last[1]} ${rest.trim()}`.trim();
	} else {
		const header = parseHeaderLine(rest);
		if (header) request.headers.push([header[0], header[1]]);
	}
}

function readResponseSide(reader: Reader, rest: string, start: number): void {
	const status = parseStatusLine(rest);
	if (status) {
		begin(reader, start);
		reader.responses.push({status, headers: [], body: [], json: startJsonCloseScan()});
		reader.mode = 'response';
		return;
	}

	const response = reader.responses.at(-1);
	if (reader.mode !== 'response' || !response) return;
	const last = response.headers.at(-1);
	if (rest.trim() === '') {
		reader.bodyOwner = response;
		reader.mode = 'idle';
	} else if (last && (rest.startsWith(' ') || rest.startsWith('\t'))) {
		last[1] = `${last[1]} ${rest.trim()}`.trim();
	} else {
		const header = parseHeaderLine(rest);
		if (header) response.headers.push([header[0], header[1]]);
	}
}

/** Ends a request or response head that was not closed by its blank line. */
function closeHead(reader: Reader): void {
	if (reader.mode === 'request') finishRequest(reader);
	if (reader.mode === 'response') reader.bodyOwner = reader.responses.at(-1) ?? null;
	reader.mode = 'idle';
}

/** Before the transcript starts: `*` notes are remembered as its possible beginning, anything else forgotten. */
function readBeforeStart(reader: Reader, content: string, start: number): void {
	if (content === '*' || content.startsWith('* ') || isNoise(content)) {
		reader.runStart ??= start;
		if (content.startsWith('*')) readInfo(reader, content);
	} else {
		reader.runStart = null;
		reader.connectedHost = null;
		resetConnection(reader, null);
	}
}

function isNoise(content: string): boolean {
	return dataMarkerPattern.test(content) || progressTitlePattern.test(content);
}

function startsTranscript(content: string): boolean {
	if (content.startsWith('> ')) return requestLinePattern.test(content.slice(2).trimEnd());
	return content.startsWith('< ') && parseStatusLine(content.slice(2)) !== null;
}

/** One line of the transcript, or a piece of one between carriage returns (the progress meter rewrites its row). */
function readLine(reader: Reader, text: string, lineStart: number, lineEnd: number): void {
	let start = lineStart;
	const progress = progressRowPattern.exec(text.slice(start, lineEnd));
	if (progress) {
		start += progress[0].length;
		if (reader.started) reader.end = Math.max(reader.end, start);
		else reader.runStart ??= lineStart;
		if (trimmedEnd(text, start, lineEnd) === start) return;
	}

	const content = text.slice(start, lineEnd);
	if (!reader.started && !startsTranscript(content)) {
		readBeforeStart(reader, content, progress ? lineStart : start);
		return;
	}

	if (reader.mode === 'stdout-headers') {
		if (content.trim() !== '' && !parseHeaderLine(content)) {
			reader.mode = 'idle';
		} else {
			if (content.trim() === '') reader.mode = 'idle';
			reader.end = Math.max(reader.end, trimmedEnd(text, start, lineEnd));
			return;
		}
	}

	if (content === '>' || content.startsWith('> ')) {
		if (reader.mode === 'response') closeHead(reader);
		readRequestSide(reader, content.slice(2), start);
	} else if (content === '<' || content.startsWith('< ')) {
		if (reader.mode === 'request') closeHead(reader);
		readResponseSide(reader, content.slice(2), start);
	} else if (content === '*' || content.startsWith('* ')) {
		// Notes can sit between header lines (`* HTTP 1.0, assume close after body`): the head stays open.
		readInfo(reader, content);
	} else if (!isNoise(content)) {
		closeHead(reader);
		readStdout(reader, text, start, lineEnd);
		return;
	}

	reader.end = Math.max(reader.end, trimmedEnd(text, start, lineEnd));
}

function bodyText(response: OpenResponse): string {
	const joined = response.body.join('\n');
	return joined.slice(0, trimmedEnd(joined, 0, joined.length));
}

/**
 * Reads a `curl -v` transcript (stderr merged into stdout with 2>&1) found anywhere in a paste: `*` notes, `>`
 * request lines, `<` response lines, `{ [n bytes data]` markers and the unprefixed body curl wrote to stdout.
 *
 * The transcript starts at its first request or response line, with the `*` notes right before it, and ends at the
 * end of the text, a Markdown fence, a shell prompt line, or prose after a JSON body. The request is the last one
 * sent (after redirects, the one the last response answers); its URL is `https://` + Host + path when the transcript
 * shows TLS or port 443, else `http://`. Responses come in order; stdout lines are the body of the latest response.
 */
export function parseCurlVerbose(
	text: string,
): {start: number; end: number; request: HttpRequest | null; responses: HttpResponse[]} | null {
	const reader = newReader();
	let pos = 0;
	while (pos < text.length && !reader.stopped) {
		const line = lineAt(text, pos);
		const content = text.slice(line.start, line.end);
		if (content.includes('\r')) {
			let pieceStart = line.start;
			for (const piece of content.split('\r')) {
				if (reader.stopped) break;
				if (piece !== '') readLine(reader, text, pieceStart, pieceStart + piece.length);
				pieceStart += piece.length + 1;
			}
		} else {
			readLine(reader, text, line.start, line.end);
		}

		pos = line.next;
	}

	if (!reader.started) return null;
	if (reader.mode === 'request') finishRequest(reader);
	const responses = reader.responses.map((response): HttpResponse => ({
		...response.status,
		headers: response.headers,
		body: bodyText(response),
	}));
	return {start: reader.start, end: Math.max(reader.end, reader.start), request: reader.lastRequest, responses};
}
