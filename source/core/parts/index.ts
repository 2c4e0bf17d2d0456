import {readError, unwrapErrorBody} from '../formats/index.js';
import type {Part} from '../types.js';
import {findClientParts, findStatusLogParts} from './client-forms.js';
import {findCurlCommands} from './curl.js';
import {parseCurlVerbose} from './curl-verbose.js';
import {harEntries, isHar} from './har.js';
import {findHttpResponses} from './http-response.js';
import {findJsonValues, parseLenientJson} from './json.js';
import {findJwtTokens, isBareJwtPaste} from './jwt-token.js';
import {byStart, clearOf, mergeTaken, type Span, type SplitStats} from './spans.js';

export type {SplitStats} from './spans.js';

/** Pasted text as the parsers see it: no BOM, LF line endings, NUL-free. */
export function normaliseInput(raw: string): string {
	return raw.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
}

/** The amount of prose left once the recognised parts are cut out: a ticket's words. */
function leftoverText(text: string, taken: readonly Span[]): string {
	let cursor = 0;
	let rest = '';
	for (const span of taken) {
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
 * Each kind only takes text no earlier kind took; `stats` counts the span comparisons this costs (linear).
 */
export function splitParts(input: string, stats: SplitStats = {comparisons: 0}): Part[] {
	const text = normaliseInput(input);
	if (text.trim() === '') return [];

	const whole = wholeJson(text);
	if (whole) return [whole];

	const token = isBareJwtPaste(text);
	if (token) return [{start: 0, end: text.length, kind: 'jwt', token}];

	const parts: Part[] = [];
	let taken: Span[] = [];
	const take = (found: readonly Part[]): void => {
		for (const part of found) parts.push(part);
		taken = mergeTaken(taken, found, stats);
	};

	const verbose = parseCurlVerbose(text);
	if (verbose && (verbose.request || verbose.responses.length > 0)) {
		take([
			{
				start: verbose.start,
				end: verbose.end,
				kind: 'curl-verbose',
				request: verbose.request,
				responses: verbose.responses,
			},
		]);
	}

	take(clearOf(byStart(findClientParts(text), stats), taken, {apart: true, stats}));

	const commands = clearOf(byStart(findCurlCommands(text), stats), taken, {apart: true, stats});
	take(commands.map(({start, end, command}) => ({start, end, kind: 'curl-command', command})));

	const responses = findHttpResponses(text);
	if (responses && responses.responses.length > 0) {
		const found: Part = {
			start: responses.start,
			end: responses.end,
			kind: 'http-response',
			responses: responses.responses,
		};
		take(clearOf([found], taken, {apart: false, stats}));
	}

	// Not kept apart from one another: the scanner also returns JSON found inside a JSON string, with the span of
	// the value that carried it.
	const values = clearOf(byStart(findJsonValues(text), stats), taken, {apart: false, stats});
	take(
		values.map((found): Part =>
			isHar(found.value)
				? {start: found.start, end: found.end, kind: 'har', entries: harEntries(found.value)}
				: errorPart(found, found.value, found),
		),
	);

	take(clearOf(byStart(findStatusLogParts(text), stats), taken, {apart: true, stats}));

	const tokens = clearOf(byStart(findJwtTokens(text), stats), taken, {apart: true, stats});
	take(tokens.map(({start, end, token: found}) => ({start, end, kind: 'jwt', token: found})));

	// A body in a format that is not JSON (an AWS XML error, an HTML error page) is an error body too.
	if (parts.length === 0) {
		const whole = errorPart({start: 0, end: text.length}, text.trim(), {lenient: false, repairs: []});
		if (whole.reading.format !== 'unknown') return [whole];
	}

	const ordered = byStart(parts, stats);
	const prose = ordered.length > 0 ? leftoverText(text, taken) : '';
	if (prose !== '') {
		// After the parts that also start at 0, where a stable sort by start would put it.
		const after = ordered.findIndex((part) => part.start > 0);
		ordered.splice(after === -1 ? ordered.length : after, 0, {start: 0, end: 0, kind: 'text', text: prose});
	}

	return ordered;
}
