import type {Catalog} from './catalog.js';

/** Override items first (they win, and a user's message pattern is tried before a bundled one), then the rest. */
function mergeBy<T>(base: readonly T[], override: readonly T[], key: (item: T) => string): T[] {
	const overridden = new Set(override.map(key));
	return [...override, ...base.filter((item) => !overridden.has(key(item)))];
}

/** The same for optional lists: absent stays absent when neither catalog has the list. */
function mergeOptional<T>(
	base: readonly T[] | undefined,
	override: readonly T[] | undefined,
	key: (item: T) => string,
): T[] | undefined {
	return base === undefined && override === undefined ? undefined : mergeBy(base ?? [], override ?? [], key);
}

const itself = (item: string): string => item;
const lowerCase = (item: string): string => item.toLowerCase();

/**
 * A user catalog with the id of a loaded one refines it instead of replacing it: each user entry replaces the
 * entry with the same code (message entries: the same title), each status, host or header the one with the same
 * status, host or name; everything else the base documents is kept. Scalars and single objects come from the user.
 */
export function mergeCatalog(base: Catalog, override: Catalog): Catalog {
	const {detection} = override;
	return {
		...base,
		...override,
		sources: mergeBy(base.sources, override.sources, (ref) => ref.source),
		detection: {
			...base.detection,
			...detection,
			formats: mergeBy(base.detection.formats, detection.formats, itself),
			headerNames: mergeOptional(base.detection.headerNames, detection.headerNames, lowerCase),
			idPatterns: mergeOptional(base.detection.idPatterns, detection.idPatterns, itself),
			contentTypes: mergeOptional(base.detection.contentTypes, detection.contentTypes, lowerCase),
		},
		hosts: mergeBy(base.hosts, override.hosts, (host) => host.host),
		headers: mergeBy(base.headers, override.headers, (header) => header.name.toLowerCase()),
		statuses: mergeBy(base.statuses, override.statuses, (status) => String(status.status)),
		entries: mergeBy(base.entries, override.entries, (entry) => entry.code ?? `title:${entry.title}`),
		credentialEnvironments: mergeOptional(
			base.credentialEnvironments,
			override.credentialEnvironments,
			(item) => item.pattern,
		),
		checklists: mergeOptional(base.checklists, override.checklists, (checklist) => checklist.title),
		rateLimits: mergeOptional(base.rateLimits, override.rateLimits, (limit) => limit.authentication),
		rateLimitHeaders: mergeOptional(base.rateLimitHeaders, override.rateLimitHeaders, lowerCase),
		contradictions: mergeOptional(base.contradictions, override.contradictions, itself),
		bestPractices: mergeOptional(base.bestPractices, override.bestPractices, itself),
	};
}
