import type {CatalogSet} from './catalog/catalog.js';
import {runChecks} from './checks/index.js';
import {gatherEvidence, headerValue, pickReferenceTime} from './evidence.js';
import {type ErrorContext, identify, readBody} from './identify.js';
import {collectJwts} from './jwt/decode.js';
import {settleRepaired, splitRecovering} from './parts/recover.js';
import type {Diagnosis, Evidence} from './types.js';

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

/**
 * The whole pipeline: pasted text in, one Diagnosis out. Null when the text holds nothing errdoctor
 * recognises (no error body, no request, no response, no token).
 */
export function diagnose(text: string, options: DiagnoseOptions): Diagnosis | null {
	const {parts, repairs: textRepairs} = splitRecovering(text);
	if (parts.every((part) => part.kind === 'text')) return null;

	const gathered = gatherEvidence(parts);
	const {request, response} = gathered;
	const context: ErrorContext = {
		status: response?.status ?? gathered.logStatus,
		statusSource: response ? 'response' : 'log',
		host: null,
		contentType: response ? headerValue(response.headers, 'content-type') : null,
		request,
		response,
	};
	const repairs = [...textRepairs, ...gathered.repairs];
	const rawReading = settleRepaired(gathered.reading ?? readBody(gathered.body, context), repairs);
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
		...(repairs.length > 0 && {repairs}),
	};

	const {provider, candidates, reading, catalog, explanation, entry, status, statusSource} = identify(
		{reading: rawReading, bodyText: bodyText(gathered.body), context, provider: options.provider},
		options.catalogs,
	);
	// A body with no error signal at all (`{"ok": true}`, GraphQL data without errors, a health check) and nothing
	// around it is not an error: there is nothing to diagnose.
	const signalless =
		reading.format === 'unknown' && reading.code === null && reading.message === null && status === null;
	if (signalless && !evidence.request && !evidence.response && jwts.length === 0) return null;
	const checks = runChecks({evidence, catalog, status, code: reading.code, entry, format: reading.format});
	const statusTitle = options.catalogs.httpStatuses.find((entry) => entry.status === status)?.title ?? null;
	return {
		evidence,
		provider,
		providerCandidates: candidates,
		reading,
		status,
		statusTitle,
		statusSource,
		explanation,
		checks,
	};
}
