import type {Catalog, CatalogEntry, CatalogSet} from './catalog/catalog.js';
import {headerValue} from './evidence.js';
import {explain, type KnownStatusSource} from './explain.js';
import {readError} from './formats/index.js';
import {detectProvider} from './providers.js';
import type {
	ErrorReading,
	Explanation,
	FormatId,
	HttpRequest,
	HttpResponse,
	ProviderCandidate,
	ProviderMatch,
	StatusSource,
} from './types.js';

/** What surrounds an error body: a pasted request and response, a log line, a `curl -v` capture or a HAR entry. */
export type ErrorContext = {
	/** The response status: a status line, a `status=429` hint in a log line, or a HAR entry's. */
	readonly status: number | null;
	/** `log` when `status` comes from a client's error or log line rather than a status line; `response` if absent. */
	readonly statusSource?: KnownStatusSource;
	/** The request's host when the request itself is unknown (a URL in a log line). */
	readonly host: string | null;
	readonly contentType: string | null;
	/** The whole request, when the input has it. */
	readonly request?: HttpRequest | null;
	/** The whole response, when the input has it. */
	readonly response?: HttpResponse | null;
};

/** Who sent an error and what it means: the same for `explain` and `scan`. */
export type Identification = {
	/** The reading, with a provider's format kept only when that provider sent it. */
	readonly reading: ErrorReading;
	readonly provider: ProviderMatch | null;
	/** When no provider is named: the ones some evidence points at. */
	readonly candidates: readonly ProviderCandidate[];
	readonly catalog: Catalog | null;
	readonly explanation: Explanation;
	readonly entry: CatalogEntry | null;
	readonly status: number | null;
	readonly statusSource: StatusSource | null;
};

export type IdentifyInput = {
	readonly reading: ErrorReading;
	/** The raw text of the error body, for identifier shapes. */
	readonly bodyText: string;
	readonly context: ErrorContext;
	/** `--provider`: skip detection. */
	readonly provider?: string | null;
};

/** Reads a body in its context: the response's Content-Type decides some formats (RFC 9457, JSON:API). */
export function readBody(body: unknown, context: ErrorContext): ErrorReading {
	return readError(body, context.contentType);
}

/** Formats named after a provider; other APIs use the same shapes (`{"error": {"message": …}}`). */
const PROVIDER_FORMATS: Partial<Record<FormatId, string>> = {
	dfns: 'dfns',
	'dfns-legacy': 'dfns',
	dguard: 'dguard',
	'customer-verification': 'customer-verification',
};

/** A provider's format is reported only when the provider is that provider: a shape alone is no proof. */
function settleFormat(reading: ErrorReading, providerId: string | null): ErrorReading {
	const owner = PROVIDER_FORMATS[reading.format];
	return owner && owner !== providerId ? {...reading, format: 'unknown'} : reading;
}

/** A log line knows the response only by its content type; detection weighs that alone. */
function detectionResponse(context: ErrorContext): HttpResponse | null {
	if (context.response) return context.response;
	if (context.contentType === null) return null;
	return {
		status: context.status ?? 0,
		statusText: '',
		httpVersion: '',
		headers: [['content-type', context.contentType]],
		body: '',
	};
}

/** A log line knows the request only by its host; detection weighs that alone. */
function detectionRequest(context: ErrorContext): HttpRequest | null {
	if (context.request) return context.request;
	if (context.host === null) return null;
	return {method: '', url: `https://${context.host}/`, headers: [], body: null, unexpanded: []};
}

/** Request-id headers any API uses; a provider's own come first. */
const commonRequestIdHeaders = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id'];

/**
 * The request id a response header carries, when the body has none: the named provider's documented headers
 * first, then any catalogued provider's and the common ones.
 */
function headerRequestId(response: HttpResponse, catalog: Catalog | null, all: readonly Catalog[]): string | null {
	const names = [
		...(catalog?.requestIds?.headers ?? []),
		...all.flatMap((other) => other.requestIds?.headers ?? []),
		...commonRequestIdHeaders,
	];
	for (const name of names) {
		const value = headerValue(response.headers, name)?.trim();
		if (value) return value;
	}

	return null;
}

/** Names the provider of a read error body, settles its format and explains it from the catalogs. */
export function identify(input: IdentifyInput, catalogs: CatalogSet): Identification {
	const {context} = input;
	const {provider, candidates} = detectProvider(
		catalogs.providers,
		{
			request: detectionRequest(context),
			response: detectionResponse(context),
			reading: input.reading,
			bodyText: input.bodyText,
		},
		input.provider ?? null,
	);
	const catalog = catalogs.providers.find((candidate) => candidate.id === provider?.id) ?? null;
	const settled = settleFormat(input.reading, provider?.id ?? null);
	const reading =
		settled.requestId === null && context.response
			? {...settled, requestId: headerRequestId(context.response, catalog, catalogs.providers)}
			: settled;
	const explained = explain({
		reading,
		responseStatus: context.status,
		responseSource: context.statusSource,
		catalog,
		catalogs,
	});
	return {reading, provider, candidates, catalog, ...explained};
}
