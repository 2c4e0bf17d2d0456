import type {Catalog, CatalogEntry, CatalogHeader, RequestMatcher} from '../catalog/catalog.js';
import type {CheckResult, Evidence, FormatId, Header, HttpRequest, ReferenceTimeSource} from '../types.js';

/** What every check sees: the evidence, the provider's catalog (null when unknown) and the error as read. */
export type CheckContext = {
	evidence: Evidence;
	catalog: Catalog | null;
	status: number | null;
	code: string | null;
	entry: CatalogEntry | null;
	format: FormatId;
};

export type Check = (context: CheckContext) => CheckResult[];

/** Untrusted text inside a one-line message: one line, bounded, in backticks. */
export function show(text: string, max = 60): string {
	const line = (text.length > max ? `${text.slice(0, max)}…` : text).replaceAll(/[\u0000-\u001F\u007F`]/g, ' ');
	return `\`${line}\``;
}

export function findHeader(headers: readonly Header[], name: string): Header | null {
	const wanted = name.toLowerCase();
	return headers.find(([key]) => key.toLowerCase() === wanted) ?? null;
}

export function headerValue(headers: readonly Header[], name: string): string | null {
	return findHeader(headers, name)?.[1] ?? null;
}

export type Target = {readonly host: string | null; readonly path: string};

/** Host (lowercase, no port) and path of a request; the Host header fills in for a relative URL. */
export function requestTarget(request: HttpRequest): Target {
	const hostHeader = headerValue(request.headers, 'host');
	try {
		const base = hostHeader ? `https://${hostHeader.trim()}` : 'https://unknown.invalid';
		const url = new URL(request.url.trim(), base);
		const host = url.hostname.toLowerCase();
		return {host: host === 'unknown.invalid' ? null : host.replace(/\.$/, ''), path: url.pathname};
	} catch {
		const path = request.url.split(/[?#]/, 1)[0] ?? '';
		return {host: null, path};
	}
}

function pathMatches(source: string, path: string): boolean {
	try {
		return new RegExp(source).test(path);
	} catch {
		return false;
	}
}

/** Every given field of the matcher must hold; a generation-specific matcher needs the generation decided. */
export function requestMatches(
	matcher: RequestMatcher,
	request: HttpRequest,
	target: Target,
	generation: string | null,
): boolean {
	if (matcher.methods && !matcher.methods.some((method) => method.toUpperCase() === request.method.toUpperCase())) {
		return false;
	}

	if (matcher.path !== undefined && matcher.path !== null && !pathMatches(matcher.path, target.path)) {
		return false;
	}

	return matcher.generation === undefined || matcher.generation === null || matcher.generation === generation;
}

// Headers only the older Dfns API used; the current API and SDKs never send them.
const legacyDfnsHeaders = new Set(['x-dfns-nonce', 'x-dfns-appid']);

/**
 * The API generation the evidence shows: a header that only one generation requires, or the body format.
 * Null when the evidence cannot tell, so generation-specific requirements are skipped rather than guessed.
 */
export function decideGeneration(context: CheckContext): string | null {
	if (context.format.endsWith('-legacy')) {
		return 'legacy';
	}

	const sent = new Set((context.evidence.request?.headers ?? []).map(([name]) => name.toLowerCase()));
	for (const header of context.catalog?.headers ?? []) {
		const generations = new Set((header.requiredWhen ?? []).map((matcher) => matcher.generation));
		const [only] = generations;
		if (generations.size === 1 && typeof only === 'string' && sent.has(header.name.toLowerCase())) {
			return only;
		}
	}

	if ([...sent].some((name) => legacyDfnsHeaders.has(name))) {
		return 'legacy';
	}

	return context.format === 'dfns' ? 'current' : null;
}

// Standard headers clients send all the time: never a misspelling of a provider's header.
const standardHeaders = new Set([
	'accept',
	'accept-encoding',
	'accept-language',
	'cache-control',
	'connection',
	'content-length',
	'content-type',
	'cookie',
	'expect',
	'host',
	'if-match',
	'if-none-match',
	'origin',
	'pragma',
	'referer',
	'te',
	'user-agent',
]);
const maxNameLength = 100;

export function normaliseName(name: string): string {
	return name.toLowerCase().replaceAll('_', '-');
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
		}

		previous = current;
	}

	return previous[b.length]!;
}

/** The header names a catalog documents for requests, with the idempotency header when it is not listed. */
export function documentedHeaders(catalog: Catalog): CatalogHeader[] {
	const headers = [...(catalog.headers ?? [])];
	const idempotency = catalog.idempotency?.header;
	if (idempotency && !headers.some((header) => header.name.toLowerCase() === idempotency.toLowerCase())) {
		headers.push({name: idempotency, purpose: 'idempotency key', doc: catalog.idempotency!.doc});
	}

	return headers;
}

/**
 * Whether `sent` is a misspelling of `documented`: a listed confusion, the same name with underscores, or an
 * edit distance of at most 2 that is also at most a quarter of the name, so short names do not collide.
 */
export function isNearMiss(sent: string, documented: CatalogHeader): boolean {
	const lower = sent.toLowerCase();
	const wanted = documented.name.toLowerCase();
	if (lower === wanted || standardHeaders.has(lower) || sent.length > maxNameLength) {
		return false;
	}

	if ((documented.confusions ?? []).some((confusion) => confusion.toLowerCase() === lower)) {
		return true;
	}

	const distance = editDistance(normaliseName(sent), normaliseName(documented.name));
	return distance <= 2 && distance <= Math.floor(wanted.length / 4);
}

export type NearMiss = {readonly sent: string; readonly documented: CatalogHeader};

/** Request headers that misspell a documented one, when the documented spelling itself is not also sent. */
export function nearMisses(request: HttpRequest, catalog: Catalog): NearMiss[] {
	const documented = documentedHeaders(catalog);
	const sentLower = new Set(request.headers.map(([name]) => name.toLowerCase()));
	const misses: NearMiss[] = [];
	for (const [name] of request.headers) {
		if (documented.some((header) => header.name.toLowerCase() === name.toLowerCase())) {
			continue;
		}

		const match = documented.find((header) => !sentLower.has(header.name.toLowerCase()) && isNearMiss(name, header));
		if (match && !misses.some((miss) => miss.sent === name)) {
			misses.push({sent: name, documented: match});
		}
	}

	return misses;
}

const referenceWords: Record<ReferenceTimeSource, string> = {
	flag: 'the reference time is --now',
	'date-header': "the reference time is the response's Date header",
	body: 'the reference time is a timestamp in the error body',
	clock: "the reference time is this machine's clock",
};

export function referenceSource(source: ReferenceTimeSource): string {
	return referenceWords[source] ?? "the reference time is this machine's clock";
}

/** Milliseconds since the epoch of the reference time, or null when it does not parse. */
export function referenceMilliseconds(context: CheckContext): number | null {
	const ms = Date.parse(context.evidence.referenceTime.iso);
	return Number.isNaN(ms) ? null : ms;
}

/** Where a request header holding a credential leaves the credential itself, after any scheme. */
export function stripScheme(value: string): string {
	const trimmed = value.trim();
	const scheme = /^[a-z][\w-]*\s+/i.exec(trimmed);
	return scheme ? trimmed.slice(scheme[0].length).trim() : trimmed;
}
