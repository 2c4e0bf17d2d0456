import type {CatalogSet} from './catalog/catalog.js';
import {runChecks} from './checks/index.js';
import {gatherEvidence, headerValue, pickReferenceTime} from './evidence.js';
import {explain} from './explain.js';
import {readError} from './formats/index.js';
import {collectJwts} from './jwt/decode.js';
import {splitParts} from './parts/index.js';
import {detectProvider} from './providers.js';
import type {Diagnosis, ErrorReading, Evidence, FormatId} from './types.js';

export type DiagnoseOptions = {
	readonly catalogs: CatalogSet;
	/** `--now`: the moment to judge token expiry against. */
	readonly now?: string | null;
	/** `--provider`: skip detection. */
	readonly provider?: string | null;
	readonly clock?: Date;
};

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	try {
		return JSON.stringify(body) ?? '';
	} catch {
		return '';
	}
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

/**
 * The whole pipeline: pasted text in, one Diagnosis out. Null when the text holds nothing errdoctor
 * recognises (no error body, no request, no response, no token).
 */
export function diagnose(text: string, options: DiagnoseOptions): Diagnosis | null {
	const parts = splitParts(text);
	if (parts.every((part) => part.kind === 'text')) return null;

	const gathered = gatherEvidence(parts);
	const contentType = gathered.response ? headerValue(gathered.response.headers, 'content-type') : null;
	const rawReading = readError(gathered.body, contentType);
	const referenceTime = pickReferenceTime({
		now: options.now ?? null,
		response: gathered.response,
		bodyTimestamp: rawReading.timestamp,
		clock: options.clock ?? new Date(),
	});
	const jwts = collectJwts(
		{request: gathered.request, response: gathered.response, body: gathered.body, bareToken: gathered.bareToken},
		referenceTime.iso,
	);
	const evidence: Evidence = {
		kinds: gathered.kinds,
		request: gathered.request,
		curl: gathered.curl,
		response: gathered.response,
		body: gathered.body,
		jwts,
		referenceTime,
		notes: gathered.notes,
	};

	const catalogs = options.catalogs;
	const provider = detectProvider(
		catalogs.providers,
		{request: gathered.request, response: gathered.response, reading: rawReading, bodyText: bodyText(gathered.body)},
		options.provider ?? null,
	);
	const reading = settleFormat(rawReading, provider?.id ?? null);
	const catalog = catalogs.providers.find((candidate) => candidate.id === provider?.id) ?? null;
	const {explanation, entry, status, statusSource} = explain({
		reading,
		responseStatus: gathered.response?.status ?? null,
		catalog,
		catalogs,
	});
	const checks = runChecks({evidence, catalog, status, code: reading.code, entry, format: reading.format});
	const statusTitle = catalogs.httpStatuses.find((entry) => entry.status === status)?.title ?? null;
	return {evidence, provider, reading, status, statusTitle, statusSource, explanation, checks};
}
