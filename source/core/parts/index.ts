import {readError, unwrapErrorBody} from '../formats/index.js';
import type {Part} from '../types.js';
import {findCurlCommands} from './curl.js';
import {parseCurlVerbose} from './curl-verbose.js';
import {harEntries, isHar} from './har.js';
import {findHttpResponses} from './http-response.js';
import {findJsonValues, parseLenientJson} from './json.js';
import {findJwtTokens, isBareJwtPaste} from './jwt-token.js';

/** Pasted text as the parsers see it: no BOM, LF line endings, NUL-free. */
export function normaliseInput(raw: string): string {
	return raw.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
}

type Span = {readonly start: number; readonly end: number};

function overlaps(span: Span, taken: readonly Span[]): boolean {
	return taken.some((other) => span.start < other.end && other.start < span.end);
}

/** The amount of prose left once the recognised parts are cut out: a ticket's words. */
function leftoverText(text: string, taken: readonly Span[]): string {
	const sorted = [...taken].sort((a, b) => a.start - b.start);
	let cursor = 0;
	let rest = '';
	for (const span of sorted) {
		if (span.start > cursor) rest += text.slice(cursor, span.start) + '\n';
		cursor = Math.max(cursor, span.end);
	}

	rest += text.slice(cursor);
	return rest.trim();
}

/** A pasted error body, read here once: gathering the evidence picks among the bodies by these readings. */
function errorPart(
	{start, end}: Span,
	value: unknown,
	{lenient, repairs}: {readonly lenient: boolean; readonly repairs: readonly string[]},
): Extract<Part, {kind: 'error-json'}> {
	const body = unwrapErrorBody(value);
	return {start, end, kind: 'error-json', body, reading: readError(body), lenient, repairs};
}

function wholeJson(text: string): Part | null {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
	const parsed = parseLenientJson(trimmed);
	if (!parsed) return null;
	const span = {start: 0, end: text.length};
	if (isHar(parsed.value)) return {...span, kind: 'har', entries: harEntries(parsed.value)};
	return errorPart(span, parsed.value, parsed);
}

/**
 * Splits a paste into the things it holds, in the order found. A ticket may hold a curl command, the
 * response it got and prose around them; each becomes its own part so they can be diagnosed together.
 */
export function splitParts(input: string): Part[] {
	const text = normaliseInput(input);
	if (text.trim() === '') return [];

	const whole = wholeJson(text);
	if (whole) return [whole];

	const token = isBareJwtPaste(text);
	if (token) return [{start: 0, end: text.length, kind: 'jwt', token}];

	const parts: Part[] = [];
	const verbose = parseCurlVerbose(text);
	if (verbose && (verbose.request || verbose.responses.length > 0)) {
		parts.push({
			start: verbose.start,
			end: verbose.end,
			kind: 'curl-verbose',
			request: verbose.request,
			responses: verbose.responses,
		});
	}

	for (const found of findCurlCommands(text)) {
		if (!overlaps(found, parts))
			parts.push({start: found.start, end: found.end, kind: 'curl-command', command: found.command});
	}

	const responses = findHttpResponses(text);
	if (responses && responses.responses.length > 0 && !overlaps(responses, parts)) {
		parts.push({start: responses.start, end: responses.end, kind: 'http-response', responses: responses.responses});
	}

	// Compared against the other kinds only: the scanner also returns JSON found inside a JSON string, with
	// the span of the value that carried it.
	const notJson = [...parts];
	for (const found of findJsonValues(text)) {
		if (overlaps(found, notJson)) continue;
		if (isHar(found.value)) {
			parts.push({start: found.start, end: found.end, kind: 'har', entries: harEntries(found.value)});
		} else {
			parts.push(errorPart(found, found.value, found));
		}
	}

	for (const found of findJwtTokens(text)) {
		if (!overlaps(found, parts)) parts.push({start: found.start, end: found.end, kind: 'jwt', token: found.token});
	}

	// A body in a format that is not JSON (an AWS XML error, an HTML error page) is an error body too.
	if (parts.length === 0) {
		const whole = errorPart({start: 0, end: text.length}, text.trim(), {lenient: false, repairs: []});
		if (whole.reading.format !== 'unknown') return [whole];
	}

	if (parts.length > 0) {
		const prose = leftoverText(text, parts);
		if (prose !== '') parts.push({start: 0, end: 0, kind: 'text', text: prose});
	}

	return parts.sort((a, b) => a.start - b.start);
}
