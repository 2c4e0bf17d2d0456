import type {ErrorReading, FormatId, ReaderCrash} from '../types.js';
import {readAwsJson, readAwsXml} from './aws.js';
import {readGraphql, readJsonApi} from './error-lists.js';
import {readErrorObject} from './error-object.js';
import {type JsonRecord, isRecord, own, reading} from './fields.js';
import {hasProblemMember, isProblemContentType, looksLikeProblem, readProblemDetails} from './problem-details.js';
import {readDguard, readGithub, readOauth2, readSlack} from './top-level.js';
import {readUnknownObject, readUnknownText} from './unknown.js';

export {awsErrorName} from './aws.js';
export {problemTypeCode} from './problem-details.js';

/** Envelopes are rarely more than three deep; a cap keeps hostile nesting cheap. */
const maxUnwrapDepth = 8;

/** Reads a known format, most specific first; null when none fits. */
function readKnown(body: JsonRecord, contentType: string | null): ErrorReading | null {
	if (isProblemContentType(contentType) && hasProblemMember(body)) return readProblemDetails(body);
	return (
		readAwsJson(body) ??
		readSlack(body) ??
		readDguard(body) ??
		readGithub(body) ??
		readErrorObject(body) ??
		(looksLikeProblem(body) ? readProblemDetails(body) : null) ??
		readJsonApi(body, contentType) ??
		readGraphql(body) ??
		readOauth2(body)
	);
}

function parseJsonText(value: string): unknown {
	const trimmed = value.trimStart();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return undefined;
	}
}

/** What a value reads as on its own, one level deep: known formats only. */
function knownFormat(value: unknown): FormatId | null {
	let candidate = typeof value === 'string' ? (parseJsonText(value) ?? value) : value;
	if (Array.isArray(candidate) && candidate.length === 1) candidate = candidate[0];
	if (typeof candidate === 'string') return readAwsXml(candidate)?.format ?? null;
	return isRecord(candidate) ? (readKnown(candidate, null)?.format ?? null) : null;
}

function at(value: JsonRecord, path: readonly string[]): unknown {
	let current: unknown = value;
	for (const key of path) current = isRecord(current) ? own(current, key) : undefined;
	return current;
}

/** Where HTTP clients keep the response body of a failed request (axios, got, superagent), bare or logged. */
const clientEnvelopes = [
	['response', 'data'],
	['err', 'response', 'data'],
	['error', 'response', 'data'],
	['response', 'body'],
	['err', 'response', 'body'],
	['error', 'response', 'body'],
] as const;
/** Keys that hold a body in logging envelopes; taken when what they hold is an error body. */
const bodyKeys = ['body', 'responseBody', 'response_body', 'data', 'response', 'err', 'payload'] as const;

function unwrapOnce(value: unknown): unknown {
	if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
	if (!isRecord(value) || readKnown(value, null)) return undefined;
	for (const path of clientEnvelopes) {
		const inner = at(value, path);
		if (isRecord(inner) || Array.isArray(inner) || (typeof inner === 'string' && inner.trim() !== '')) {
			return typeof inner === 'string' ? (parseJsonText(inner) ?? inner) : inner;
		}
	}

	// A log line (`{"level": "error", "body": …}`) wraps whatever it carries; other objects only wrap error bodies.
	const logLine = own(value, 'level') !== undefined;
	for (const key of bodyKeys) {
		const inner = own(value, key);
		const parsed = typeof inner === 'string' ? parseJsonText(inner) : inner;
		if (knownFormat(inner) !== null || (logLine && isRecord(parsed))) return parsed ?? inner;
	}

	return undefined;
}

/**
 * Unwraps what people paste around a body: a top-level array of one error, logging/axios envelopes
 * (`{"level":"error","body":{...}}`, `{"response":{"data":{...}}}`, `{"err":{"response":{"data":{...}}}}`).
 * Returns the value itself when nothing wraps it. Bounded depth.
 */
export function unwrapErrorBody(value: unknown): unknown {
	let current = value;
	try {
		for (let depth = 0; depth < maxUnwrapDepth; depth++) {
			const next = unwrapOnce(current);
			if (next === undefined) return current;
			current = next;
		}
	} catch {
		// A hostile value (a throwing proxy or getter) stops the unwrapping where it stands.
	}

	return current;
}

function read(body: unknown, contentType: string | null): ErrorReading {
	let value = unwrapErrorBody(body);
	if (typeof value === 'string') {
		const parsed = parseJsonText(value);
		if (parsed !== undefined) value = unwrapErrorBody(parsed);
	}

	if (typeof value === 'string') return readAwsXml(value) ?? readUnknownText(value);
	if (!isRecord(value)) return reading('unknown', {});
	const known = readKnown(value, contentType);
	if (known) return known;
	return isProblemContentType(contentType) ? readProblemDetails(value) : readUnknownObject(value);
}

/** What was thrown, described without trusting it: a hostile value may throw again when turned into text. */
function crashOf(error: unknown): ReaderCrash {
	try {
		return error instanceof Error
			? {message: String(error.message), stack: typeof error.stack === 'string' ? error.stack : null}
			: {message: String(error), stack: null};
	} catch {
		return {message: 'a value that cannot be described', stack: null};
	}
}

/**
 * Reads an error body according to its format. `body` is parsed JSON (any value) or a string (raw text, e.g. AWS
 * XML or HTML); `contentType` is the response Content-Type when known. Never throws: a reader that crashes leaves
 * the body `unknown`, with the crash in the reading for `--debug` to show.
 */
export function readError(body: unknown, contentType?: string | null): ErrorReading {
	try {
		return read(body, typeof contentType === 'string' ? contentType : null);
	} catch (error) {
		return {...reading('unknown', {}), crash: crashOf(error)};
	}
}
