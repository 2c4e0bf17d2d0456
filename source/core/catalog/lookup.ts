import type {Catalog, CatalogEntry, CatalogSet, CatalogStatus, HttpStatusEntry, VocabularyEntry} from './catalog.js';

type ProviderRef = {readonly id: string; readonly name: string};

/** How a hit was found: its code, a message pattern of the catalog, or its title. */
export type MatchedBy = 'code' | 'message' | 'title' | 'status';

export type LookupHit =
	| {readonly kind: 'entry'; readonly provider: ProviderRef; readonly entry: CatalogEntry; readonly by: MatchedBy}
	| {
			readonly kind: 'status';
			readonly provider: ProviderRef;
			readonly status: CatalogStatus;
			/** The provider's codes documented with this status. */
			readonly codes: readonly CatalogEntry[];
			readonly by: MatchedBy;
	  }
	| {readonly kind: 'vocabulary'; readonly entry: VocabularyEntry; readonly by: MatchedBy}
	| {readonly kind: 'http'; readonly status: HttpStatusEntry; readonly by: MatchedBy};

/** A near miss for "did you mean": a code or title, and whose it is. */
export type Suggestion = {readonly text: string; readonly owner: string};

export type LookupResult = {
	readonly query: string;
	readonly hits: readonly LookupHit[];
	/** Only when nothing matched: the closest codes and titles. */
	readonly suggestions: readonly Suggestion[];
};

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
		}

		previous = current;
	}

	return previous[b.length] ?? 0;
}

/** Case, `-`, `_` and spaces do not matter: `validation_error`, `VALIDATION-ERROR` and `validation error` are one. */
function keyOf(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replaceAll(/[\s_-]+/g, '_');
}

function words(text: string): string {
	return text
		.toLowerCase()
		.replaceAll(/[^a-z\d]+/g, ' ')
		.trim();
}

function compile(source: string): RegExp | null {
	try {
		return new RegExp(source, 'i');
	} catch {
		return null;
	}
}

/** Scopes the first argument may name: a provider id, a generic format with a vocabulary, or `http`. */
export function lookupScopes(catalogs: CatalogSet): string[] {
	const formats = new Set(catalogs.vocabularies.map((entry) => entry.format));
	return [...catalogs.providers.map((catalog) => catalog.id), ...formats, 'http'];
}

function asStatus(query: string): number | null {
	if (!/^\d{3}$/.test(query.trim())) return null;
	const status = Number(query.trim());
	return status >= 100 && status <= 599 ? status : null;
}

function providerHits(catalog: Catalog, query: string, status: number | null): LookupHit[] {
	const provider = {id: catalog.id, name: catalog.name};
	const hits: LookupHit[] = [];
	const key = keyOf(query);
	const title = words(query);
	const statusHit = (found: CatalogStatus, by: MatchedBy): LookupHit => ({
		kind: 'status',
		provider,
		status: found,
		codes: catalog.entries.filter((entry) => entry.status === found.status),
		by,
	});
	if (status !== null) {
		const found = catalog.statuses.find((candidate) => candidate.status === status);
		return found ? [statusHit(found, 'status')] : [];
	}

	for (const entry of catalog.entries) {
		if (entry.code !== undefined && keyOf(entry.code) === key) hits.push({kind: 'entry', provider, entry, by: 'code'});
		else if (entry.messagePattern !== undefined && compile(entry.messagePattern)?.test(query)) {
			hits.push({kind: 'entry', provider, entry, by: 'message'});
		} else if (title !== '' && words(entry.title) === title) hits.push({kind: 'entry', provider, entry, by: 'title'});
	}

	for (const found of catalog.statuses) {
		if (title !== '' && words(found.title) === title) hits.push(statusHit(found, 'title'));
	}

	return hits;
}

function genericHits(catalogs: CatalogSet, query: string, status: number | null, scope: string | null): LookupHit[] {
	const key = keyOf(query);
	const title = words(query);
	const vocabularies: LookupHit[] =
		status === null
			? catalogs.vocabularies
					.filter((entry) => scope === null || scope === entry.format)
					.flatMap((entry): LookupHit[] => {
						if (keyOf(entry.code) === key) return [{kind: 'vocabulary', entry, by: 'code'}];
						return title !== '' && words(entry.title) === title ? [{kind: 'vocabulary', entry, by: 'title'}] : [];
					})
			: [];
	const http =
		scope === null || scope === 'http'
			? catalogs.httpStatuses.flatMap((entry): LookupHit[] => {
					if (status !== null) return entry.status === status ? [{kind: 'http', status: entry, by: 'status'}] : [];
					return title !== '' && words(entry.title) === title ? [{kind: 'http', status: entry, by: 'title'}] : [];
				})
			: [];
	return [...vocabularies, ...http];
}

type Candidate = Suggestion & {readonly isCode: boolean};

function candidatesFor(catalogs: CatalogSet, scope: string | null): Candidate[] {
	return [
		...catalogs.providers
			.filter((catalog) => scope === null || scope === catalog.id)
			.flatMap((catalog) => [
				...catalog.entries.map((entry) => ({
					text: entry.code ?? entry.title,
					owner: catalog.name,
					isCode: entry.code !== undefined,
				})),
				...catalog.statuses.map((status) => ({text: status.title, owner: catalog.name, isCode: false})),
			]),
		...catalogs.vocabularies
			.filter((entry) => scope === null || scope === entry.format)
			.map((entry) => ({text: entry.code, owner: entry.format, isCode: true})),
		...(scope === null || scope === 'http'
			? catalogs.httpStatuses.map((entry) => ({text: entry.title, owner: 'HTTP', isCode: false}))
			: []),
	];
}

function suggestionsFor(catalogs: CatalogSet, query: string, scope: string | null): Suggestion[] {
	const candidates = candidatesFor(catalogs, scope);
	// Long pastes are compared by their start only: a suggestion is for a typo, not for a paragraph.
	const key = keyOf(query).slice(0, 80);
	if (key.length < 2) return [];
	const budget = Math.min(3, Math.max(1, Math.floor(key.length / 4)));
	const scored = candidates
		.map((candidate) => ({candidate, distance: editDistance(key, keyOf(candidate.text))}))
		.filter(({distance}) => distance <= budget);
	const best = Math.min(...scored.map(({distance}) => distance));
	const closest = scored.filter(({distance}) => distance === best).map(({candidate}) => candidate);
	// A typo of a code is answered with codes; a title that reads the same would only repeat it.
	const close = closest.some((candidate) => candidate.isCode)
		? closest.filter((candidate) => candidate.isCode)
		: closest;
	// A bare prefix (`REFUND`) is not a typo of any one code: offer the codes that start with it.
	const found =
		close.length === 0 && key.length >= 3
			? candidates.filter((candidate) => candidate.isCode && keyOf(candidate.text).startsWith(key))
			: close;
	return found.slice(0, 12).map(({text, owner}) => ({text, owner}));
}

/**
 * Looks a code, problem type, status or message up in every catalog (or in the one `scope` names): codes
 * case-insensitively, messages against the catalogs' message patterns, titles when neither matches, and a status
 * number against each provider's meaning of it and the HTTP status catalog. Nothing found gives suggestions.
 */
export function lookup(catalogs: CatalogSet, query: string, scope: string | null = null): LookupResult {
	const status = asStatus(query);
	const all = [
		...catalogs.providers
			.filter((catalog) => scope === null || scope === catalog.id)
			.flatMap((catalog) => providerHits(catalog, query, status)),
		...genericHits(catalogs, query, status, scope),
	];
	// A code or message match is what the user asked for; a title that happens to read the same is only a fallback.
	const specific = all.filter((hit) => hit.by !== 'title');
	const hits = specific.length > 0 ? specific : all;
	return {query, hits, suggestions: hits.length > 0 ? [] : suggestionsFor(catalogs, query, scope)};
}

/** The entries an entry's `related` names, resolved in its own catalog. */
export function relatedEntries(catalog: Catalog, entry: CatalogEntry): CatalogEntry[] {
	return (entry.related ?? []).flatMap((name) => {
		const found = catalog.entries.find((candidate) => (candidate.code ?? candidate.title) === name);
		return found ? [found] : [];
	});
}
