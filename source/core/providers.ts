import type {Catalog} from './catalog/catalog.js';
import {headerValue} from './evidence.js';
import {hostKind} from './host-kind.js';
import type {Confidence, ErrorReading, FormatId, HttpRequest, HttpResponse, ProviderMatch} from './types.js';

/**
 * How much a body shape alone says. Dfns's `{"error": {"id", "status", "message"}}` with a numeric id is its own;
 * DGuard's top-level `error_code` and Customer Verification's `{"error": {"code"}}` are shapes other APIs use too,
 * so they name the provider only together with a code from its vocabulary.
 */
const FORMAT_POINTS: Partial<Record<FormatId, number>> = {dfns: 5, dguard: 2, 'customer-verification': 2};

const HIGH = 10;
const MEDIUM = 6;
/** Below this a provider is not named: a generic body from an unknown API must not get a wrong guess. */
const LOW = 4;

export type DetectionInput = {
	readonly request: HttpRequest | null;
	readonly response: HttpResponse | null;
	readonly reading: ErrorReading;
	/** The raw text of the error body, for identifier shapes. */
	readonly bodyText: string;
};

export function hostOf(url: string): string | null {
	const match = /^(?:[a-z][\w+.-]*:\/\/)?(?:[^@/?#\s]*@)?(\[[^\]]*\]|[^:/?#\s]+)/i.exec(url.trim());
	return match?.[1] ? match[1].toLowerCase() : null;
}

/** `api.uae.dfns.io` → `dfns.io`: good enough for the provider hosts we know, which have no multi-part suffix. */
function baseDomain(host: string): string {
	return host.split('.').slice(-2).join('.');
}

function safeRegExp(source: string, flags = ''): RegExp | null {
	try {
		return new RegExp(source, flags);
	} catch {
		return null;
	}
}

type Signal = {readonly points: number; readonly reason: string};

function hostSignals(catalog: Catalog, host: string | null): Signal[] {
	if (!host || catalog.hosts.length === 0) return [];
	if (catalog.hosts.some((known) => known.host === host)) return [{points: HIGH, reason: `host ${host}`}];
	const domains = new Set(catalog.hosts.map((known) => baseDomain(known.host)));
	if (domains.has(baseDomain(host))) return [{points: MEDIUM, reason: `host ${host} is under ${baseDomain(host)}`}];
	// A local mock or a gateway on a private address says nothing about which API is behind it.
	if (hostKind(host) !== 'other' || !host.includes('.')) return [];
	// A request to some other public host weighs against a provider whose hosts are documented.
	return [{points: -LOW, reason: `host ${host} is not one of ${catalog.name}'s`}];
}

function headerSignals(catalog: Catalog, request: HttpRequest | null): Signal[] {
	const names = new Set((request?.headers ?? []).map(([name]) => name.toLowerCase()));
	return (catalog.detection.headerNames ?? [])
		.filter((name) => names.has(name.toLowerCase()))
		.map((name) => ({points: MEDIUM, reason: `${name} header`}));
}

function contentTypeSignals(catalog: Catalog, response: HttpResponse | null): Signal[] {
	const type = (response ? headerValue(response.headers, 'content-type') : null)?.toLowerCase() ?? '';
	const known = (catalog.detection.contentTypes ?? []).find((candidate) => type.includes(candidate.toLowerCase()));
	return known ? [{points: 1, reason: `${known} response`}] : [];
}

function bodySignals(catalog: Catalog, input: DetectionInput): Signal[] {
	const {reading} = input;
	const signals: Signal[] = [];
	if (catalog.detection.formats.includes(reading.format)) {
		signals.push({points: FORMAT_POINTS[reading.format] ?? 1, reason: `${reading.format} body shape`});
	}

	const pattern = catalog.detection.codePattern ? safeRegExp(catalog.detection.codePattern) : null;
	if (reading.code && pattern?.test(reading.code)) {
		// A problem type that is a URL of some other API only ends in a word of the vocabulary (`…/validation-error`).
		const type = reading.extra['type'];
		const fromUrl = typeof type === 'string' && type !== reading.code;
		signals.push({
			points: fromUrl ? 1 : 4,
			reason: `code ${reading.code} is in ${catalog.name}'s vocabulary`,
		});
	}

	if (reading.message && !reading.code) {
		const entry = catalog.entries.find((candidate) => {
			const messagePattern = candidate.messagePattern ? safeRegExp(candidate.messagePattern, 'i') : null;
			return messagePattern?.test(reading.message ?? '') ?? false;
		});
		if (entry) signals.push({points: 5, reason: `message matches "${entry.title}"`});
	}

	if (reading.format === 'problem-details' && /"request_id"\s*:/.test(input.bodyText)) {
		signals.push({points: 1, reason: 'request_id extension member'});
	}

	for (const source of catalog.detection.idPatterns ?? []) {
		const id = safeRegExp(source.replace(/^\^/, '\\b').replace(/\$$/, '\\b'));
		const found = id?.exec(input.bodyText)?.[0];
		if (found) {
			signals.push({points: 4, reason: `identifier ${found}`});
			break;
		}
	}

	return signals;
}

function confidenceOf(score: number): Confidence {
	if (score >= HIGH) return 'high';
	return score >= MEDIUM ? 'medium' : 'low';
}

/**
 * Names the provider behind an error by scoring independent signals, keeping the reasons so the user can
 * see why. Returns null when no provider reaches a low bar: generic formats stay provider-less.
 */
export function detectProvider(
	catalogs: readonly Catalog[],
	input: DetectionInput,
	override: string | null = null,
): ProviderMatch | null {
	if (override) {
		const chosen = catalogs.find((catalog) => catalog.id === override);
		return chosen ? {id: chosen.id, name: chosen.name, confidence: 'high', reasons: [`--provider ${override}`]} : null;
	}

	const host = input.request ? hostOf(input.request.url) : null;
	let best: ProviderMatch | null = null;
	let bestScore = 0;
	for (const catalog of catalogs) {
		const signals = [
			...hostSignals(catalog, host),
			...headerSignals(catalog, input.request),
			...contentTypeSignals(catalog, input.response),
			...bodySignals(catalog, input),
		];
		const score = signals.reduce((sum, signal) => sum + signal.points, 0);
		if (score >= LOW && score > bestScore) {
			bestScore = score;
			best = {
				id: catalog.id,
				name: catalog.name,
				confidence: confidenceOf(score),
				reasons: signals.filter((signal) => signal.points > 0).map((signal) => signal.reason),
			};
		}
	}

	return best;
}
