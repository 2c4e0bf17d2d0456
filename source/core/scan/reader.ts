import type {CatalogSet} from '../catalog/catalog.js';
import {Classifier, detached} from './groups.js';
import type {Census, ErrorKind} from './groups.js';
import type {ErrorContext} from '../identify.js';
import {headerValue, parseBody} from '../evidence.js';
import {unwrapErrorBody} from '../formats/index.js';
import {harEntries} from '../parts/har.js';
import {parseHeaderLine, parseStatusLine} from '../parts/http-response.js';
import {findJsonValues} from '../parts/json.js';
import {hostOf} from '../providers.js';
import type {HarEntry} from '../types.js';

/** How much parsing a scan did: the adversarial-input tests assert it grows linearly with the input. */
export type ScanStats = {parseAttempts: number; lines: number};

// An ISO 8601 time at the start of a line, optionally in brackets; zone-less times are read as UTC.
const leadingTime = /^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)/;
const zone = /(?:Z|[+-]\d\d:?\d\d)$/;
const statusHint = /\b(?:status|status_?code|http_status)[=:] ?"?([1-5]\d\d)\b/i;
// Combined log format: `"GET /v1/wallets HTTP/1.1" 401 123`.
const accessLogStatus = /HTTP\/\d(?:\.\d)?" ([1-5]\d\d) /;
const urlHost = /\bhttps?:\/\/([\w.-]+)/i;
const requestLine = /^[A-Z]+ \S+ HTTP\/\d/;
/**
 * Members whose values differ from one occurrence of an error to the next without changing what it is: request
 * ids, times, URLs and RFC 9457's `instance` (the occurrence itself). Their values are cut out of the text before it
 * is read, so repeated errors are read once.
 */
const volatileMember =
	/"(requestId|request_id|requestID|traceId|trace_id|correlationId|correlation_id|x-request-id|time|timestamp|ts|@timestamp|date|url|uri|host|instance)"\s*:\s*(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g;
/** A Dfns error id is read as one only with eight digits or more: its placeholder keeps that shape. */
const longId = /"id"\s*:\s*"\d{8,}"/g;
const timeMember = /"(?:time|timestamp|ts|@timestamp|date)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/;
const requestIdMember =
	/"(?:requestId|request_id|requestID|traceId|trace_id|correlationId|correlation_id|x-request-id)"\s*:\s*("(?:[^"\\]|\\.)*"|\d+)/;
const dfnsId = /"id"\s*:\s*"(\d{8,})"/;
const urlMember = /"(?:url|uri|host)"\s*:\s*"([^"\\]*)"/;
/**
 * Every error format errdoctor reads needs one of these in its member names (`error`, `errors`, `error_code`,
 * `Error`, `type`, `__type`, `title`, `status`, `statusCode`, `documentation_url`): a record without any is no error
 * unless its line gives a status, and is passed over without being parsed.
 */
const errorMarker = /rror|type|title|tatus|documentation_url/;
const requestIdHeaders = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-correlation-id'];

/** Bodies read and remembered; past either cap the memory is dropped and filled again. */
const MAX_MEMO_ENTRIES = 20_000;
const MAX_MEMO_BYTES = 16 * 1024 * 1024;
/** Longer texts are read every time instead of being remembered. */
const MAX_MEMO_KEY = 8192;
/**
 * Texts looked up last, compared before the memo is asked: telling a text equal to one of a few costs less than
 * hashing it, and a log repeats a handful of errors between other lines.
 */
const RECENT_KEYS = 16;
/** A JSON value spread over lines is collected up to these limits, then searched as it is. */
const MAX_BLOCK_LINES = 2000;
const MAX_BLOCK_BYTES = 1024 * 1024;
const MAX_TRANSCRIPT = 16 * 1024;
const MAX_PREFIX = 2048;
/** A line longer than this is read as it stands instead of waiting for its end. */
const MAX_LINE = 16 * 1024 * 1024;

type Remembered = {readonly kind: ErrorKind | null} | 'not-json';

/** A `curl -v` or `curl -i` exchange being read: its response head gives the body's status and host. */
type Exchange = {
	status: number | null;
	host: string | null;
	contentType: string | null;
	time: number | null;
	requestId: string | null;
	/** The body (or its absence) has been counted. */
	counted: boolean;
	/** Reading unprefixed `Name: value` lines after a bare status line (`curl -i`). */
	inHead: boolean;
	transcript: string;
};

type Block = {
	readonly lines: string[];
	bytes: number;
	depth: number;
	readonly time: number | null;
	readonly context: ErrorContext;
	readonly prefix: string;
};

const digit = (text: string, index: number): number => text.charCodeAt(index) - 0x30;

/** The start of the minute last parsed: a log's times come in order, so most share it. Each reader keeps its own. */
export type MinuteCache = {minute: string; ms: number};

export const newMinuteCache = (): MinuteCache => ({minute: '', ms: 0});

/** `2025-03-04T10:15:42Z` or `…42.123Z`, the shape most logs write, without `Date.parse` for every line. */
function utcTime(text: string, cache: MinuteCache): number | null {
	const length = text.length;
	if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 0x5a || text.charCodeAt(16) !== 0x3a)
		return null;
	if (length === 24 && text.charCodeAt(19) !== 0x2e) return null;
	const minute = text.slice(0, 16);
	if (minute !== cache.minute) {
		const parsed = Date.parse(`${minute}:00Z`);
		if (Number.isNaN(parsed)) return null;
		cache.minute = minute;
		cache.ms = parsed;
	}

	const seconds = digit(text, 17) * 10 + digit(text, 18);
	const millis = length === 24 ? digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22) : 0;
	return seconds >= 0 && seconds < 60 && millis >= 0 && millis < 1000 ? cache.ms + seconds * 1000 + millis : null;
}

/** Epoch milliseconds of an ISO 8601 time (zone-less read as UTC) or epoch seconds/milliseconds; null otherwise. */
export function logTime(value: string | number | null, cache: MinuteCache = newMinuteCache()): number | null {
	if (value === null) return null;
	if (typeof value === 'string') {
		const fast = utcTime(value, cache);
		if (fast !== null) return fast;
	}

	if (typeof value === 'number')
		return Number.isFinite(value) && value > 0 ? (value < 1e11 ? value * 1000 : value) : null;
	if (/^\d{10}(?:\.\d+)?$|^\d{13}$/.test(value)) return logTime(Number(value));
	if (value.length < 16 || value.length > 40) return null;
	let text = value.replace(',', '.');
	if (text.charCodeAt(10) === 0x20) text = `${text.slice(0, 10)}T${text.slice(11)}`;
	if (!zone.test(text)) text += 'Z';
	const time = Date.parse(text);
	return Number.isNaN(time) ? null : time;
}

/** The time a line of `text[start, end)` starts with, or null. */
function lineTime(text: string, start: number, end: number, cache: MinuteCache): number | null {
	const first = text.charCodeAt(start);
	if ((first < 0x30 || first > 0x39) && first !== 0x5b) return null;
	// The usual `2025-03-04T10:15:42.123Z ` first, without a regular expression.
	const zoneAt = text.charCodeAt(start + 19) === 0x2e ? start + 23 : start + 19;
	const time = text.charCodeAt(zoneAt) === 0x5a && zoneAt < end ? utcTime(text.slice(start, zoneAt + 1), cache) : null;
	if (time !== null) return time;
	const match = leadingTime.exec(text.slice(start, Math.min(end, start + 40)));
	return match ? logTime(match[1] ?? null, cache) : null;
}

/** Bytes enough to hold the 40 characters `lineTime` looks at, whatever their encoding. */
const TIME_BYTES = 160;

/**
 * Where a log may be cut for scanners that read its parts side by side: the offset in `bytes` of the first line
 * (one that starts after a line break in `bytes`) that starts with a time, or -1. A `LogScanner` ends a value left
 * open and an exchange at such a line, before anything else, so `finish` on the part before it and a fresh scanner
 * on the part from it count what one scanner reading both would.
 */
export function timedLineStart(bytes: Uint8Array): number {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let newline = buffer.indexOf(0x0a); newline !== -1; newline = buffer.indexOf(0x0a, newline + 1)) {
		const start = newline + 1;
		const lineEnd = buffer.indexOf(0x0a, start);
		if (lineEnd === -1) return -1;
		const line = buffer.toString('utf8', start, Math.min(lineEnd, start + TIME_BYTES));
		const end = lineEnd - start <= TIME_BYTES && line.endsWith('\r') ? line.length - 1 : line.length;
		if (lineTime(line, 0, end, newMinuteCache()) !== null) return start;
	}

	return -1;
}

const noContext: ErrorContext = {status: null, host: null, contentType: null};

/** What the text before a line's JSON says: a status (`status=429`, an access log's) and a URL's host. */
function lineContext(prefix: string): ErrorContext {
	const hint = prefix.includes('tatus') ? statusHint.exec(prefix) : null;
	const access = !hint && prefix.includes('HTTP/') ? accessLogStatus.exec(prefix) : null;
	const found = hint?.[1] ?? access?.[1];
	const host = prefix.includes('://') ? hostOf(urlHost.exec(prefix)?.[1] ?? '') : null;
	if (found === undefined && host === null) return noContext;
	return {status: found === undefined ? null : Number(found), host, contentType: null};
}

/** Net bracket depth of `text[start, end)`, outside double-quoted strings. */
function depthChange(text: string, start: number, end: number): number {
	let depth = 0;
	let inString = false;
	for (let index = start; index < end; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c) index++;
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) inString = true;
		else if (code === 0x7b || code === 0x5b) depth++;
		else if (code === 0x7d || code === 0x5d) depth--;
	}

	return depth;
}

/** A log record's own status (`{"level": "error", "status": 502, "body": {…}}`), when it wraps the body. */
function recordStatus(value: unknown): number | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || unwrapErrorBody(value) === value) {
		return null;
	}

	const record = value as Record<string, unknown>;
	for (const key of ['status', 'statusCode', 'status_code']) {
		const status = Object.hasOwn(record, key) ? record[key] : undefined;
		if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) return status;
	}

	return null;
}

/**
 * The text with the values of volatile members replaced by 0 (a loop of `exec` is faster here than `replace`), and
 * whether one of them was a URL or a host.
 */
function stripVolatile(json: string): {readonly text: string; readonly url: boolean} {
	volatileMember.lastIndex = 0;
	let out = '';
	let last = 0;
	let url = false;
	for (let match = volatileMember.exec(json); match !== null; match = volatileMember.exec(json)) {
		const name = match[1]!;
		url ||= name === 'url' || name === 'uri' || name === 'host';
		out += `${json.slice(last, match.index)}"${name}":0`;
		last = volatileMember.lastIndex;
	}

	return {text: last === 0 ? json : out + json.slice(last), url};
}

/** A JSON string or number literal's value. */
function literal(value: string | undefined): string | number | null {
	if (value === undefined) return null;
	return value.startsWith('"') ? value.slice(1, -1) : Number(value);
}

/**
 * Reads a log as lines and counts its errors into a census: JSON error bodies anywhere in a line (NDJSON, a
 * timestamped prefix, logger envelopes), JSON spread over lines, `curl -v` and `curl -i` captures (status, host and
 * `Date` from the response head), and lines that only say `status=503`. Feed it the log in pieces cut anywhere, in
 * order, then call `finish`; state (an open value, an exchange) carries over from one piece to the next. Work is
 * linear in the input: each line is parsed at most once whole and searched at most once by the linear JSON scanner.
 */
export class LogScanner {
	readonly stats: ScanStats = {parseAttempts: 0, lines: 0};
	private readonly memo = new Map<string, Remembered>();
	private memoBytes = 0;
	// Kept as looked up, slices of a read piece: they hold at most `RECENT_KEYS` pieces in memory.
	private readonly recentKeys: string[] = [];
	private readonly recentValues: Remembered[] = [];
	private recentNext = 0;
	private carry = '';
	private exchange: Exchange | null = null;
	private block: Block | null = null;
	private readonly classifier: Classifier;
	private readonly minutes = newMinuteCache();

	constructor(
		private readonly census: Census,
		catalogs: CatalogSet,
	) {
		this.classifier = new Classifier(catalogs);
	}

	/**
	 * The next piece of the log, cut anywhere (a read chunk): the part after its last line break waits for the rest
	 * of its line, up to `MAX_LINE` characters.
	 */
	push(piece: string): void {
		const last = piece.lastIndexOf('\n');
		if (last === -1) {
			this.carry += piece;
			if (this.carry.length >= MAX_LINE) this.finishLine();
			return;
		}

		// Only the line cut at the chunk's start is joined; the chunk itself is read in place, never copied.
		let start = 0;
		if (this.carry !== '') {
			start = piece.indexOf('\n') + 1;
			this.carry += piece.slice(0, start);
			this.finishLine();
		}

		this.lines(piece, start, last + 1);
		this.carry = piece.slice(last + 1);
	}

	/** Reads what is left: the last line, a value still open, an exchange without its body. */
	finish(): void {
		this.finishLine();
		this.flushBlock();
		this.closeExchange();
		this.census.crash ??= this.classifier.crash;
	}

	private finishLine(): void {
		const line = this.carry;
		this.carry = '';
		this.lines(line, 0, line.length);
	}

	/** The lines of `text[from, to)`; `to` is the end of the text or just after a line break. */
	private lines(text: string, from: number, to: number): void {
		let start = from;
		// The next `{` at or after `start`, found once and reused by the lines before it: linear in the text.
		let brace = -1;
		while (start < to) {
			const newline = text.indexOf('\n', start);
			const next = newline === -1 || newline >= to ? to : newline + 1;
			let end = newline === -1 || newline >= to ? to : newline;
			if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
			if (brace !== text.length && brace < start) {
				brace = text.indexOf('{', start);
				if (brace === -1) brace = text.length;
			}

			this.line(text, start, end, brace < end ? brace : -1);
			start = next;
		}
	}

	private line(text: string, start: number, end: number, jsonStart: number): void {
		this.stats.lines++;
		const first = text.charCodeAt(start);
		const time = lineTime(text, start, end, this.minutes);
		if (this.block) {
			// A new timestamped record ends a value that never closed: it was prose with a stray bracket.
			if (time === null) {
				this.blockLine(text.slice(start, end));
				return;
			}

			this.flushBlock();
		}

		if (time !== null) this.closeExchange();
		const second = text.charCodeAt(start + 1);
		if ((first === 0x3c || first === 0x3e) && (second === 0x20 || end === start + 1)) {
			this.verboseLine(first === 0x3e, text.slice(Math.min(start + 2, end), end));
			return;
		}

		const marker = (first === 0x7b || first === 0x7d) && text.startsWith(' [', start + 1);
		if ((first === 0x2a && (second === 0x20 || end === start + 1)) || marker) {
			// `*` notes and `{ [5 bytes data]` markers of a `curl -v` capture.
			return;
		}

		if (first === 0x48 && time === null) {
			const status = parseStatusLine(text.slice(start, end));
			if (status) {
				this.startResponse(status.status, text.slice(start, end), true);
				const exchange = this.exchange;
				if (exchange) exchange.inHead = true;
				return;
			}
		}

		const exchange = this.exchange;
		if (exchange?.inHead) {
			if (start === end) {
				exchange.inHead = false;
				return;
			}

			const header = parseHeaderLine(text.slice(start, end));
			if (header) {
				this.responseHeader(header[0], header[1], text.slice(start, end));
				return;
			}

			exchange.inHead = false;
		}

		this.contentLine(text, start, end, jsonStart, time);
	}

	/** A line that is neither a `curl -v` line nor a response head: a log record, a body, or prose. */
	private contentLine(text: string, start: number, end: number, jsonStart: number, time: number | null): void {
		const exchange = this.exchange && !this.exchange.counted ? this.exchange : null;
		const context = exchange
			? {status: exchange.status, host: exchange.host, contentType: exchange.contentType}
			: lineContext(text.slice(start, Math.min(jsonStart === -1 ? end : jsonStart, start + MAX_PREFIX)));
		const lineTime = time ?? exchange?.time ?? null;
		if (jsonStart === -1) {
			if (exchange) {
				// A body that is not JSON (an HTML error page): the exchange is counted by its status.
				if (start < end) {
					this.note(exchange, text.slice(start, end));
					this.closeExchange();
				}
			} else if (context.status !== null && context.status >= 400) {
				// Shown to `diagnose` as a response with that status whose body is the line.
				this.countStatus(context, lineTime, null, () => `HTTP/1.1 ${context.status}\n\n${text.slice(start, end)}`);
			}

			return;
		}

		let jsonEnd = end;
		while (jsonEnd > jsonStart && text.charCodeAt(jsonEnd - 1) <= 0x20) jsonEnd--;
		const example = (): string => (exchange ? exchange.transcript : '') + text.slice(start, end);
		if (
			text.charCodeAt(jsonEnd - 1) === 0x7d &&
			this.wholeValue(text.slice(jsonStart, jsonEnd), context, lineTime, exchange?.requestId ?? null, example)
		) {
			if (exchange) exchange.counted = true;
			return;
		}

		if (depthChange(text, jsonStart, end) > 0) {
			this.block = {
				lines: [text.slice(start, end)],
				bytes: end - start,
				depth: depthChange(text, jsonStart, end),
				time: lineTime,
				context,
				prefix: exchange ? exchange.transcript : '',
			};
			if (exchange) exchange.counted = true;
			return;
		}

		this.searchValues(text.slice(start, end), context, lineTime, exchange ? exchange.transcript : '');
		if (exchange) exchange.counted = true;
	}

	/** A response known only by its status (`status=503`, a `curl -v` head with an HTML body). */
	private countStatus(
		context: ErrorContext,
		time: number | null,
		requestId: string | null,
		example: () => string,
	): void {
		const key = `\u0001${context.status ?? ''}|${context.host ?? ''}|${context.contentType ?? ''}`;
		let remembered = this.memo.get(key);
		if (remembered === undefined) {
			remembered = {kind: this.classifier.classify(null, '', context).kind};
			this.memo.set(detached(key), remembered);
		}

		if (remembered !== 'not-json' && remembered.kind) this.census.add(remembered.kind, time, requestId, example);
	}

	/** One JSON value that fills the rest of the line: read once per distinct text, remembered after that. */
	private wholeValue(
		json: string,
		context: ErrorContext,
		time: number | null,
		headerId: string | null,
		example: () => string,
	): boolean {
		if (context.status === null && context.contentType === null && !errorMarker.test(json)) return true;
		const volatile = stripVolatile(json);
		// Searched for in the text read, not in the one just built: that would be copied whole first.
		const stripped = json.includes('"id"') ? volatile.text.replace(longId, '"id":"00000000"') : volatile.text;
		const host = context.host ?? (volatile.url ? hostOf(urlMember.exec(json)?.[1] ?? '') : null);
		// A stripped text starts with `{`: keys with context start otherwise and never collide with it.
		const key =
			context.status === null && host === null && context.contentType === null
				? stripped
				: `${context.status ?? ''}|${host ?? ''}|${context.contentType ?? ''}|${stripped}`;
		let remembered = this.recall(key);
		if (remembered === undefined) {
			remembered = this.read(stripped, {...context, host});
			if (key.length <= MAX_MEMO_KEY) {
				if (this.memo.size >= MAX_MEMO_ENTRIES || this.memoBytes >= MAX_MEMO_BYTES) {
					this.memo.clear();
					this.memoBytes = 0;
				}

				this.memo.set(detached(key), remembered);
				this.memoBytes += key.length;
			}
		}

		if (remembered === 'not-json') return false;
		const {kind} = remembered;
		if (kind) {
			const when = time ?? logTime(literal(timeMember.exec(json)?.[1]), this.minutes);
			// Ids are looked for only while the group still collects them.
			const id = this.census.wantsRequestId(kind)
				? (literal(requestIdMember.exec(json)?.[1]) ?? dfnsId.exec(json)?.[1] ?? headerId)
				: null;
			this.census.add(kind, when, id === null ? null : String(id), example);
		}

		return true;
	}

	/** What a text was read as, when it was read before and remembered. */
	private recall(key: string): Remembered | undefined {
		const keys = this.recentKeys;
		for (let index = 0; index < keys.length; index++) {
			const known = keys[index]!;
			if (known.length === key.length && known === key) return this.recentValues[index];
		}

		const remembered = this.memo.get(key);
		if (remembered !== undefined) {
			keys[this.recentNext] = key;
			this.recentValues[this.recentNext] = remembered;
			this.recentNext = (this.recentNext + 1) % RECENT_KEYS;
		}

		return remembered;
	}

	private read(json: string, context: ErrorContext): Remembered {
		let value: unknown;
		this.stats.parseAttempts++;
		try {
			value = JSON.parse(json);
		} catch {
			return 'not-json';
		}

		if (typeof value !== 'object' || value === null) return 'not-json';
		const status = context.status ?? recordStatus(value);
		return {kind: this.classifier.classify(value, json, {...context, status}).kind};
	}

	/** Every JSON value in a text that is not one clean value: several on a line, lenient JSON, JSON over lines. */
	private searchValues(text: string, context: ErrorContext, time: number | null, prefix: string): void {
		let previous = -1;
		for (const found of findJsonValues(text, {stats: this.stats})) {
			// Values found inside a string of another one carry its span: the outer value is read, and it unwraps them.
			if (found.start === previous) continue;
			previous = found.start;
			const status = context.status ?? recordStatus(found.value);
			const body = text.slice(found.start, found.end);
			this.count(found.value, body, {...context, status}, time, null, () => prefix + text);
		}
	}

	private count(
		body: unknown,
		bodyText: string,
		context: ErrorContext,
		time: number | null,
		requestId: string | null,
		example: () => string,
	): void {
		const {kind, reading} = this.classifier.classify(body, bodyText, context);
		if (!kind) return;
		this.census.add(kind, time ?? logTime(reading.timestamp, this.minutes), requestId ?? reading.requestId, example);
	}

	private blockLine(line: string): void {
		const block = this.block;
		if (!block) return;
		block.lines.push(line);
		block.bytes += line.length;
		block.depth += depthChange(line, 0, line.length);
		if (block.depth <= 0 || block.lines.length >= MAX_BLOCK_LINES || block.bytes >= MAX_BLOCK_BYTES) this.flushBlock();
	}

	private flushBlock(): void {
		const block = this.block;
		if (!block) return;
		this.block = null;
		this.searchValues(block.lines.join('\n'), block.context, block.time, block.prefix);
	}

	private verboseLine(sent: boolean, rest: string): void {
		if (sent) {
			if (requestLine.test(rest)) {
				this.closeExchange();
				this.exchange = this.newExchange(`> ${rest}\n`);
				return;
			}

			const exchange = this.exchange;
			if (!exchange) return;
			this.note(exchange, `> ${rest}\n`);
			const header = parseHeaderLine(rest);
			if (header && header[0].toLowerCase() === 'host') exchange.host = hostOf(header[1]);
			return;
		}

		const status = parseStatusLine(rest);
		if (status) {
			this.startResponse(status.status, `< ${rest}`);
			return;
		}

		const header = parseHeaderLine(rest);
		if (header) this.responseHeader(header[0], header[1], `< ${rest}`);
		else if (this.exchange) this.note(this.exchange, `< ${rest}\n`);
	}

	private newExchange(transcript: string): Exchange {
		return {
			status: null,
			host: null,
			contentType: null,
			time: null,
			requestId: null,
			counted: false,
			inHead: false,
			transcript,
		};
	}

	private note(exchange: Exchange, line: string): void {
		if (exchange.transcript.length < MAX_TRANSCRIPT) exchange.transcript += line;
	}

	/** A status line: the end of an earlier response in the same exchange (a redirect, `100 Continue`). */
	private startResponse(status: number, line: string, bare = false): void {
		const earlier = this.exchange;
		if (bare || earlier?.counted || (earlier?.status !== null && earlier?.status !== undefined)) {
			this.closeExchange();
			// A redirect or `100 Continue` before this response: the request and its host are the same.
			if (!bare && earlier && !earlier.counted) this.exchange = {...this.newExchange(''), host: earlier.host};
		}

		const exchange = (this.exchange ??= this.newExchange(''));
		exchange.status = status;
		this.note(exchange, `${line}\n`);
	}

	private responseHeader(name: string, value: string, line: string): void {
		const exchange = this.exchange;
		if (!exchange) return;
		this.note(exchange, `${line}\n`);
		const lower = name.toLowerCase();
		if (lower === 'content-type') exchange.contentType = value;
		else if (lower === 'date') exchange.time = Date.parse(value) || null;
		else if (requestIdHeaders.includes(lower)) exchange.requestId = value;
	}

	/** Ends an exchange; an error response whose body held no JSON (HTML, empty) is counted by its status. */
	private closeExchange(): void {
		const exchange = this.exchange;
		this.exchange = null;
		if (!exchange || exchange.counted || exchange.status === null || exchange.status < 400) return;
		const context = {status: exchange.status, host: exchange.host, contentType: exchange.contentType};
		this.countStatus(context, exchange.time, exchange.requestId, () => exchange.transcript);
	}
}

function harExample(entry: HarEntry): string {
	const pairs = (headers: HarEntry['request']['headers']) => headers.map(([name, value]) => ({name, value}));
	const {request, response} = entry;
	return JSON.stringify({
		log: {
			entries: [
				{
					startedDateTime: entry.startedDateTime,
					request: {
						method: request.method,
						url: request.url,
						headers: pairs(request.headers),
						...(request.body === null ? {} : {postData: {text: request.body}}),
					},
					response: {
						status: response.status,
						statusText: response.statusText,
						httpVersion: response.httpVersion,
						headers: pairs(response.headers),
						content: {text: response.body},
					},
				},
			],
		},
	});
}

/**
 * Counts the errors of a parsed HAR file: every entry with a status of 400 and above, and GraphQL or Slack errors
 * inside successful responses. The request (host and headers) and the response Content-Type help name the provider.
 */
export function scanHar(har: unknown, census: Census, catalogs: CatalogSet): void {
	const classifier = new Classifier(catalogs);
	for (const entry of harEntries(har)) {
		const {request, response} = entry;
		const failed = response.status >= 400;
		const trimmed = response.body.trimStart();
		if (response.status === 0 || (!failed && !trimmed.startsWith('{'))) continue;
		const contentType = headerValue(response.headers, 'content-type');
		const context = {status: response.status, host: hostOf(request.url), contentType, request};
		const {kind, reading} = classifier.classify(parseBody(response.body), response.body, context);
		if (!kind) continue;
		const headerId = requestIdHeaders.map((name) => headerValue(response.headers, name)).find(Boolean) ?? null;
		const time = entry.startedDateTime === null ? null : Date.parse(entry.startedDateTime);
		census.add(kind, Number.isNaN(time) ? null : time, reading.requestId ?? headerId, () => harExample(entry));
	}

	census.crash ??= classifier.crash;
}
