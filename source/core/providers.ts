import type {Catalog} from './catalog/catalog.js';
import {headerValue} from './evidence.js';
import {hostKind} from './host-kind.js';
import type {
	Confidence,
	ErrorReading,
	FormatId,
	HttpRequest,
	HttpResponse,
	ProviderCandidate,
	ProviderMatch,
} from './types.js';

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

/**
 * How far a signal can be trusted on its own. A strong one (the provider's host, a header or identifier only it
 * uses, a link to its docs, a code no other catalog has) can name a provider alone; weak ones (a vocabulary code
 * other APIs share, a message, a shape other APIs copy) need a second of another kind; context (a generic format,
 * a content type) only adds weight.
 */
type Strength = 'strong' | 'weak' | 'context';
type Signal = {readonly points: number; readonly reason: string; readonly strength: Strength; readonly kind: string};

const signal = (points: number, reason: string, strength: Strength, kind: string): Signal => ({
	points,
	reason,
	strength,
	kind,
});

function hostSignals(catalog: Catalog, host: string | null, logged: boolean): Signal[] {
	if (!host) return [];
	const where = logged ? 'logged URL host' : 'host';
	if (catalog.hosts.some((known) => known.host === host)) return [signal(HIGH, `${where} ${host}`, 'strong', 'host')];
	const family = (catalog.hostPatterns ?? []).find((known) => safeRegExp(known.pattern)?.test(host));
	if (family) return [signal(HIGH, `${where} ${host} matches ${family.pattern}`, 'strong', 'host')];
	if (catalog.hosts.length === 0) return [];
	const domains = new Set(catalog.hosts.map((known) => baseDomain(known.host)));
	if (domains.has(baseDomain(host))) {
		return [signal(MEDIUM, `${where} ${host} is under ${baseDomain(host)}`, 'strong', 'host')];
	}

	// A local mock or a gateway on a private address says nothing about which API is behind it.
	if (hostKind(host) !== 'other' || !host.includes('.')) return [];
	// A request to some other public host weighs against a provider whose hosts are documented.
	return [signal(-LOW, `${where} ${host} is not one of ${catalog.name}'s`, 'context', 'host')];
}

function headerSignals(catalog: Catalog, request: HttpRequest | null, response: HttpResponse | null): Signal[] {
	const names = new Set(
		[...(request?.headers ?? []), ...(response?.headers ?? [])].map(([name]) => name.toLowerCase()),
	);
	return (catalog.detection.headerNames ?? [])
		.filter((name) => names.has(name.toLowerCase()))
		.map((name) => signal(MEDIUM, `${name} header`, 'strong', `header ${name.toLowerCase()}`));
}

function contentTypeSignals(catalog: Catalog, response: HttpResponse | null): Signal[] {
	const type = (response ? headerValue(response.headers, 'content-type') : null)?.toLowerCase() ?? '';
	const known = (catalog.detection.contentTypes ?? []).find((candidate) => type.includes(candidate.toLowerCase()));
	return known ? [signal(1, `${known} response`, 'context', 'content-type')] : [];
}

/** The base domains of a catalog's documentation and hosts: a link there in an error body points at the provider. */
function docDomains(catalog: Catalog): Set<string> {
	const urls = [
		catalog.homepage,
		...catalog.sources.map((source) => source.url),
		...catalog.entries.map((entry) => entry.doc.url),
	];
	const hosts = urls.flatMap((url) => (url ? [hostOf(url)] : [])).filter((host): host is string => host !== null);
	return new Set([...hosts, ...catalog.hosts.map((known) => known.host)].map((host) => baseDomain(host)));
}

function linkSignals(catalog: Catalog, links: readonly string[]): Signal[] {
	if (links.length === 0) return [];
	const domains = docDomains(catalog);
	const link = links.find((url) => {
		const host = hostOf(url);
		return host !== null && hostKind(host) === 'other' && domains.has(baseDomain(host));
	});
	return link ? [signal(MEDIUM, `link to ${hostOf(link)} in the body`, 'strong', 'link')] : [];
}

/**
 * Codes that name no one: HTTP reason phrases and the words every API uses. A code in one catalog's vocabulary and
 * not among these points at that provider; otherwise it is one weak signal among others.
 */
const genericCodes = new Set(
	[
		'bad request',
		'unauthorized',
		'unauthenticated',
		'authentication failed',
		'forbidden',
		'permission denied',
		'access denied',
		'not found',
		'conflict',
		'invalid request',
		'invalid argument',
		'invalid parameter',
		'validation error',
		'validation failed',
		'rate limited',
		'rate limit exceeded',
		'too many requests',
		'internal error',
		'internal server error',
		'server error',
		'service unavailable',
		'bad gateway',
		'gateway timeout',
		'timeout',
		'not implemented',
		'unknown error',
		'invalid token',
		'token expired',
		'expired token',
		'payload too large',
		'unprocessable entity',
		'method not allowed',
		'not authorized',
		'unauthorised',
		'error',
		'bad credentials',
	].map((words) => words.replaceAll(' ', '')),
);

const isGenericCode = (code: string): boolean => genericCodes.has(code.toLowerCase().replaceAll(/[\s_-]/g, ''));

function inVocabulary(catalog: Catalog, code: string): boolean {
	const pattern = catalog.detection.codePattern ? safeRegExp(catalog.detection.codePattern) : null;
	return pattern?.test(code) ?? false;
}

function withoutFinalStop(text: string): string {
	let end = text.length;
	while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end--;
	return text.slice(0, end);
}

function messageEntry(catalog: Catalog, message: string): Catalog['entries'][number] | undefined {
	return catalog.entries.find((candidate) => {
		const messagePattern = candidate.messagePattern ? safeRegExp(candidate.messagePattern, 'i') : null;
		return messagePattern?.test(message) ?? false;
	});
}

function codeSignals(catalog: Catalog, input: DetectionInput, owners: number): Signal[] {
	const {reading} = input;
	if (!reading.code || !inVocabulary(catalog, reading.code)) return [];
	// A problem type that is a URL of some other API only ends in a word of the vocabulary (`…/validation-error`).
	const type = reading.extra['type'];
	if (typeof type === 'string' && type !== reading.code) {
		return [signal(1, `code ${reading.code} is in ${catalog.name}'s vocabulary`, 'weak', 'code')];
	}

	// A bare number (Twilio's 20003) could be any API's code; a named one only this catalog has points at it.
	const distinctive = owners === 1 && !isGenericCode(reading.code) && !/^\d+$/.test(reading.code);
	return [
		signal(
			4,
			distinctive
				? `code ${reading.code} is ${catalog.name}'s own`
				: `code ${reading.code} is in ${catalog.name}'s vocabulary`,
			distinctive ? 'strong' : 'weak',
			'code',
		),
	];
}

function bodySignals(catalog: Catalog, input: DetectionInput, messageOwners: number): Signal[] {
	const {reading} = input;
	const signals: Signal[] = [];
	if (catalog.detection.formats.includes(reading.format)) {
		const points = FORMAT_POINTS[reading.format] ?? 1;
		signals.push(
			signal(
				points,
				`${reading.format} body shape`,
				points >= LOW ? 'strong' : points > 1 ? 'weak' : 'context',
				'shape',
			),
		);
	}

	if (
		reading.message &&
		!(reading.code && inVocabulary(catalog, reading.code)) &&
		messageEntry(catalog, reading.message)
	) {
		const entry = messageEntry(catalog, reading.message)!;
		// A message only this catalog documents, and no stock phrase, tells on a pasted body alone; behind a local or
		// unknown host it may be a compatible server copying the provider's words (OpenAI's are copied widely).
		const distinctive =
			input.request === null && messageOwners === 1 && !isGenericCode(withoutFinalStop(reading.message));
		signals.push(signal(5, `message matches "${entry.title}"`, distinctive ? 'strong' : 'weak', 'message'));
	}

	if (reading.format === 'problem-details' && /"request_id"\s*:/.test(input.bodyText)) {
		signals.push(signal(1, 'request_id extension member', 'weak', 'request-id member'));
	}

	for (const source of catalog.detection.idPatterns ?? []) {
		const id = safeRegExp(source.replace(/^\^/, '\\b').replace(/\$$/, '\\b'));
		const found = id?.exec(input.bodyText)?.[0];
		if (found) {
			signals.push(signal(4, `identifier ${found}`, 'strong', 'identifier'));
			break;
		}
	}

	return signals;
}

function confidenceOf(score: number): Confidence {
	if (score >= HIGH) return 'high';
	return score >= MEDIUM ? 'medium' : 'low';
}

/** A provider is named on one strong signal, or on two weak ones of different kinds, and enough weight. */
function names(signals: readonly Signal[], score: number): boolean {
	if (score < LOW) return false;
	if (signals.some((found) => found.strength === 'strong')) return true;
	return new Set(signals.filter((found) => found.strength === 'weak').map((found) => found.kind)).size >= 2;
}

// Links a person can follow from an error body, and the fields a log writes the request's URL into.
const linkMember =
	/"(?:doc_url|documentation_url|more_info|moreInfo|error_uri|help|helpUrl|help_url|type|href|link)"\s*:\s*"(https?:\/\/[^"\s]{1,500})"/g;
const loggedUrl =
	/"(?:url|uri|request_url|requestUrl|endpoint)"\s*:\s*"(https?:\/\/[^"\s]{1,500})"|\burl=(https?:\/\/[^\s"]{1,500})/;

/** The provider named by the evidence, and when none is, the ones some evidence points at. */
export type Detection = {
	readonly provider: ProviderMatch | null;
	/** Providers with some evidence but not enough, most likely first; empty when one is named. */
	readonly candidates: readonly ProviderCandidate[];
};

/**
 * Names the provider behind an error by scoring independent signals, keeping the reasons so the user can see why.
 * One weak signal never names a provider: generic formats and shared vocabularies stay provider-less, with the
 * providers they point at listed as candidates for `--provider`.
 */
export function detectProvider(
	catalogs: readonly Catalog[],
	input: DetectionInput,
	override: string | null = null,
): Detection {
	if (override) {
		const chosen = catalogs.find((catalog) => catalog.id === override);
		return {
			provider: chosen
				? {id: chosen.id, name: chosen.name, confidence: 'high', reasons: [`--provider ${override}`]}
				: null,
			candidates: [],
		};
	}

	const requestHost = input.request ? hostOf(input.request.url) : null;
	const logged = requestHost === null ? loggedUrl.exec(input.bodyText) : null;
	const host = requestHost ?? (logged ? hostOf(logged[1] ?? logged[2] ?? '') : null);
	const links = [...input.bodyText.matchAll(linkMember)].map((match) => match[1]!).slice(0, 20);
	const code = input.reading.code;
	const owners = code === null ? 0 : catalogs.filter((catalog) => inVocabulary(catalog, code)).length;
	const message = input.reading.message;
	const messageOwners = message === null ? 0 : catalogs.filter((catalog) => messageEntry(catalog, message)).length;
	const scored = catalogs.map((catalog) => {
		const signals = [
			...hostSignals(catalog, host, requestHost === null),
			...headerSignals(catalog, input.request, input.response),
			...contentTypeSignals(catalog, input.response),
			...linkSignals(catalog, links),
			...codeSignals(catalog, input, owners),
			...bodySignals(catalog, input, messageOwners),
		];
		const score = signals.reduce((sum, found) => sum + found.points, 0);
		const reasons = signals.filter((found) => found.points > 0).map((found) => found.reason);
		return {catalog, signals, score, reasons};
	});
	scored.sort((left, right) => right.score - left.score);
	const best = scored.find(({signals, score}) => names(signals, score));
	if (best) {
		const {catalog, score, reasons} = best;
		return {
			provider: {id: catalog.id, name: catalog.name, confidence: confidenceOf(score), reasons},
			candidates: [],
		};
	}

	const candidates = scored
		.filter(
			({signals, score}) => score > 0 && signals.some((found) => found.strength !== 'context' && found.points > 0),
		)
		.map(({catalog, reasons}) => ({id: catalog.id, reasons}));
	return {provider: null, candidates};
}
