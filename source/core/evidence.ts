import {readError} from './formats/index.js';
import {findJsonValues, parseLenientJson} from './parts/json.js';
import type {
	CurlCommand,
	ErrorReading,
	HarEntry,
	HttpRequest,
	HttpResponse,
	Part,
	PartKind,
	ReferenceTime,
} from './types.js';

/** What the parts of one paste say together, before provider and catalog are known. */
export type Gathered = {
	readonly kinds: readonly PartKind[];
	readonly request: HttpRequest | null;
	readonly curl: CurlCommand | null;
	readonly response: HttpResponse | null;
	/** The status a client's error or log line names (`status=401`), for when no response was pasted. */
	readonly logStatus: number | null;
	readonly body: unknown;
	/**
	 * The body's reading when its part made it and no content type would change it; null when the body must be read
	 * in its context (a response's body, with the response's Content-Type).
	 */
	readonly reading: ErrorReading | null;
	readonly bareToken: string | null;
	readonly notes: readonly string[];
	/** What the lenient reader repaired in the chosen body. */
	readonly repairs: readonly string[];
};

export function headerValue(headers: readonly (readonly [string, string])[], name: string): string | null {
	const wanted = name.toLowerCase();
	for (const [key, value] of headers) if (key.toLowerCase() === wanted) return value;
	return null;
}

/** A response body as data, with what was repaired to read it. */
function readBodyText(text: string): {readonly value: unknown; readonly repairs: readonly string[]} {
	const trimmed = text.trim();
	if (trimmed === '') return {value: null, repairs: []};
	const whole = parseLenientJson(trimmed);
	if (whole) return whole;
	const embedded = findJsonValues(trimmed)[0];
	return embedded ?? {value: trimmed, repairs: []};
}

/** A response body as data: JSON when it is JSON (however sloppy), else the raw text (AWS XML, HTML). */
export function parseBody(text: string): unknown {
	return readBodyText(text).value;
}

type PastedBody = {readonly body: unknown; readonly reading: ErrorReading; readonly repairs: readonly string[]};

/** Of several bodies in a paste, the first a format recognises as an error body; else the last. */
function pickErrorBody(bodies: readonly PastedBody[]): PastedBody | null {
	return bodies.find(({reading}) => reading.format !== 'unknown') ?? bodies.at(-1) ?? null;
}

function pickHarEntry(entries: readonly HarEntry[], notes: string[]): HarEntry | null {
	const failed = entries.filter((entry) => entry.response.status >= 400);
	const chosen = failed.at(-1) ?? entries.at(-1) ?? null;
	if (entries.length > 1 && chosen) {
		notes.push(
			`The HAR file has ${entries.length} entries, ${failed.length} of them failed; this report diagnoses ` +
				`the last ${failed.length > 0 ? 'failed ' : ''}one (${chosen.request.method} ${chosen.request.url}).`,
		);
	}

	return chosen;
}

/** Puts a paste's parts together: a request and a response found in one paste are one case. */
export function gatherEvidence(parts: readonly Part[]): Gathered {
	const kinds: PartKind[] = [];
	const notes: string[] = [];
	const pasted: PastedBody[] = [];
	let request: HttpRequest | null = null;
	let curl: CurlCommand | null = null;
	let response: HttpResponse | null = null;
	let bareToken: string | null = null;
	let logStatus: number | null = null;

	for (const part of parts) {
		if (!kinds.includes(part.kind)) kinds.push(part.kind);
		switch (part.kind) {
			case 'curl-command': {
				curl ??= part.command;
				request = curl.request;
				break;
			}

			case 'python-http-debug':
			case 'httpie':
			case 'ruby-http-debug':
			case 'curl-verbose': {
				request ??= part.request;
				response = part.responses.at(-1) ?? response;
				break;
			}

			case 'powershell-command': {
				request ??= part.request;
				break;
			}

			case 'axios-error':
			case 'status-log': {
				request ??= part.request;
				logStatus ??= part.status;
				if (part.body !== null) pasted.push({body: part.body, reading: readError(part.body), repairs: []});
				break;
			}

			case 'http-response': {
				response = part.responses.at(-1) ?? response;
				break;
			}

			case 'har': {
				const entry = pickHarEntry(part.entries, notes);
				if (entry) {
					request ??= entry.request;
					response = entry.response;
				}

				break;
			}

			case 'error-json': {
				pasted.push(part);
				break;
			}

			case 'jwt': {
				bareToken ??= part.token;
				break;
			}

			case 'text': {
				break;
			}
		}
	}

	const responseBody = response ? readBodyText(response.body) : null;
	const picked = (responseBody?.value ?? null) === null ? pickErrorBody(pasted) : null;
	const body = responseBody?.value ?? picked?.body ?? null;
	const repairs = picked?.repairs ?? responseBody?.repairs ?? [];
	const contentType = response ? headerValue(response.headers, 'content-type') : null;
	const reading = picked && contentType === null ? picked.reading : null;

	if (!response && pasted.length > 0) {
		notes.push(
			'Only a body was pasted, so the status line and headers are missing. To capture them, run curl with ' +
				'-si (curl -si … | errdoctor), or add 2>&1 to a curl -v command: -v writes to stderr, which a pipe does not carry.',
		);
	}

	return {kinds, request, curl, response, logStatus, body, reading, bareToken, notes, repairs};
}

function parseTime(value: string | number | null | undefined): Date | null {
	if (value === null || value === undefined) return null;
	const date = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : new Date(value);
	return Number.isFinite(date.getTime()) ? date : null;
}

/**
 * The moment the request was made, as well as the input can tell: a ticket is often triaged days later, and
 * "was the token expired when the call was made" is the question.
 */
export function pickReferenceTime(input: {
	now: string | null;
	response: HttpResponse | null;
	bodyTimestamp: string | null;
	clock: Date;
}): ReferenceTime {
	const flag = parseTime(input.now);
	if (flag) return {iso: flag.toISOString(), source: 'flag'};
	const date = parseTime(input.response ? headerValue(input.response.headers, 'date') : null);
	if (date) return {iso: date.toISOString(), source: 'date-header'};
	const body = parseTime(input.bodyTimestamp);
	if (body) return {iso: body.toISOString(), source: 'body'};
	return {iso: input.clock.toISOString(), source: 'clock'};
}
