import type {Catalog, RateLimit} from '../catalog/catalog.js';
import {looksLikeJwt} from '../parts/jwt-token.js';
import {durationInWords} from '../time-words.js';
import type {CheckResult, HttpRequest} from '../types.js';
import {headerValue, referenceMilliseconds, referenceSource, show, stripScheme, type CheckContext} from './context.js';

// Below this a "reset" value cannot be a Unix time (it would be before 2001): it is seconds to wait.
const epochFloor = 1e9;
// Above this an epoch value counts milliseconds (1e11 seconds is the year 5138).
const millisecondsFloor = 1e11;
const maxDateMilliseconds = 8.64e15;

type Timing = {readonly at: number; readonly from: string} | {readonly invalid: string};

function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

/** A `retryAfter` in the error body, at the top or inside an `error` object (Customer Verification). */
function bodyRetryAfter(body: unknown): unknown {
	const top = record(body);
	const nested = record(top?.['error']);
	for (const holder of [top, nested]) {
		const value = holder?.['retryAfter'] ?? holder?.['retry_after'];
		if (value !== undefined && value !== null) {
			return value;
		}
	}

	return undefined;
}

function fromSeconds(seconds: number, reference: number, from: string): Timing {
	return {at: reference + seconds * 1000, from};
}

function fromRetryAfter(value: string, reference: number): Timing {
	const trimmed = value.trim();
	const from = `Retry-After: ${trimmed.slice(0, 40)}`;
	if (/^\d{1,12}$/.test(trimmed)) {
		return fromSeconds(Number(trimmed), reference, from);
	}

	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? {invalid: from} : {at: date, from};
}

function fromReset(value: string, reference: number): Timing {
	const trimmed = value.trim();
	const from = `X-RateLimit-Reset: ${trimmed.slice(0, 40)}`;
	if (!/^\d{1,16}(?:\.\d{1,6})?$/.test(trimmed)) {
		return {invalid: from};
	}

	const number = Number(trimmed);
	if (number < epochFloor) {
		return fromSeconds(number, reference, `${from}, read as seconds to wait`);
	}

	return {at: number > millisecondsFloor ? number : number * 1000, from};
}

function fromBody(value: unknown, reference: number): Timing {
	const from = `retryAfter ${JSON.stringify(value)?.slice(0, 40) ?? ''} in the body`;
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
		return fromSeconds(value, reference, from);
	}

	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (/^\d{1,12}(?:\.\d{1,6})?$/.test(trimmed)) {
			return fromSeconds(Number(trimmed), reference, from);
		}

		const date = Date.parse(trimmed);
		if (!Number.isNaN(date)) {
			return {at: date, from};
		}
	}

	return {invalid: from};
}

function windowWords(seconds: number): string {
	const named: Record<number, string> = {1: 'second', 60: 'minute', 3600: 'hour', 86_400: 'day'};
	return named[seconds] ? `per ${named[seconds]}` : `per ${durationInWords(seconds * 1000)}`;
}

function limitWords(limit: RateLimit): string {
	return `${limit.limit} requests ${windowWords(limit.windowSeconds)}`;
}

/** Which documented limit applies, from the credential the request carries; null when the request does not tell. */
function applicableLimit(
	catalog: Catalog,
	limits: readonly RateLimit[],
	request: HttpRequest,
): [RateLimit, string] | null {
	const find = (pattern: RegExp): RateLimit | undefined => limits.find((limit) => pattern.test(limit.authentication));
	for (const header of catalog.headers ?? []) {
		const value = header.credential ? headerValue(request.headers, header.name) : null;
		if (value === null) {
			continue;
		}

		const sent = `${show(header.name)} is sent`;
		if (!header.scheme) {
			const limit = find(/key/i);
			if (limit) {
				return [limit, sent];
			}
		} else {
			const jwt = looksLikeJwt(stripScheme(value));
			const limit = jwt ? find(/jwt/i) : find(/token/i);
			if (limit) {
				return [limit, `${sent} with ${jwt ? 'a JWT' : 'a token'}`];
			}
		}
	}

	const anyCredential = (catalog.headers ?? []).some(
		(header) => header.credential && headerValue(request.headers, header.name) !== null,
	);
	const unauthenticated = anyCredential ? undefined : find(/unauth/i);
	return unauthenticated ? [unauthenticated, 'no credential header is sent'] : null;
}

function limitsSentence(context: CheckContext): string {
	const {catalog} = context;
	const limits = catalog?.rateLimits ?? [];
	if (!catalog || limits.length === 0) {
		return '';
	}

	const request = context.evidence.request;
	const applicable = request ? applicableLimit(catalog, limits, request) : null;
	if (applicable) {
		const [limit, why] = applicable;
		return `; ${catalog.name} allows ${limitWords(limit)} (${limit.authentication}: ${why})`;
	}

	return `; ${catalog.name} allows ${limits.map((limit) => `${limitWords(limit)} (${limit.authentication})`).join(', ')}`;
}

/** `ratelimit.retry`: when the request may be sent again, and which documented limit was hit. */
export function checkRateLimit(context: CheckContext): CheckResult[] {
	if (context.entry?.suppressChecks?.includes('ratelimit.retry')) {
		return [];
	}

	const headers = context.evidence.response?.headers ?? [];
	const retryAfter = headerValue(headers, 'retry-after');
	const reset = headerValue(headers, 'x-ratelimit-reset');
	const remaining = headerValue(headers, 'x-ratelimit-remaining');
	const inBody = bodyRetryAfter(context.evidence.body);
	const {status} = context;
	const exhausted = status === 403 && remaining?.trim() === '0';
	if (status !== 429 && status !== 503 && !exhausted && inBody === undefined) {
		return [];
	}

	const reference = referenceMilliseconds(context);
	const limits = limitsSentence(context);
	const why = exhausted ? 'a 403 with X-RateLimit-Remaining: 0 is a rate limit, not a permission problem; ' : '';
	const timings: Timing[] = [];
	if (reference !== null) {
		if (retryAfter !== null) timings.push(fromRetryAfter(retryAfter, reference));
		if (reset !== null) timings.push(fromReset(reset, reference));
		if (inBody !== undefined) timings.push(fromBody(inBody, reference));
	}

	const timing = timings.find((candidate) => 'at' in candidate && Math.abs(candidate.at) <= maxDateMilliseconds);
	if (reference === null || timing === undefined || !('at' in timing)) {
		const unreadable = timings
			.map((candidate) => ('invalid' in candidate ? show(candidate.invalid) : null))
			.filter(Boolean);
		const note = unreadable.length > 0 ? ` (unreadable: ${unreadable.join(', ')})` : '';
		return [
			{
				id: 'ratelimit.retry',
				result: 'manual',
				message: `${why}the response says nothing usable about when to retry${note}: back off exponentially (1 s, 2 s, 4 s…)${limits}`,
			},
		];
	}

	const at = new Date(timing.at).toISOString();
	const source = referenceSource(context.evidence.referenceTime.source);
	const wait =
		timing.at <= reference
			? `a time already past at the reference time ${context.evidence.referenceTime.iso}, so retry now`
			: `${durationInWords(timing.at - reference)} after the reference time`;
	return [
		{
			id: 'ratelimit.retry',
			result: 'warn',
			message: `${why}retry at ${at}, ${wait} (${show(timing.from)}; ${source})${limits}`,
		},
	];
}
