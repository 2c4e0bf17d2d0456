import type {Catalog, RequestMatcher} from './catalog.js';

/** One regular expression a catalog holds, with the JSON path it sits at (`/entries/3/messagePattern`). */
export type CatalogRegex = {readonly path: string; readonly source: string};

function matcherRegexes(where: string, matchers: readonly RequestMatcher[] | undefined): CatalogRegex[] {
	return (matchers ?? []).flatMap((matcher, index) =>
		matcher.path === undefined ? [] : [{path: `${where}/${index}/path`, source: matcher.path}],
	);
}

function patterns(where: string, items: ReadonlyArray<{readonly pattern?: string}> | undefined): CatalogRegex[] {
	return (items ?? []).flatMap((item, index) =>
		item.pattern === undefined ? [] : [{path: `${where}/${index}/pattern`, source: item.pattern}],
	);
}

/** Every regular expression source of a provider catalog (each `RegexSource` of catalogs/schema.json). */
export function catalogRegexes(catalog: Catalog): CatalogRegex[] {
	return [
		...catalog.entries.flatMap((entry, index) =>
			entry.messagePattern === undefined
				? []
				: [{path: `/entries/${index}/messagePattern`, source: entry.messagePattern}],
		),
		...(catalog.detection.codePattern === undefined
			? []
			: [{path: '/detection/codePattern', source: catalog.detection.codePattern}]),
		...(catalog.detection.idPatterns ?? []).map((source, index) => ({path: `/detection/idPatterns/${index}`, source})),
		...patterns('/credentialEnvironments', catalog.credentialEnvironments),
		...patterns('/credentialFormats', catalog.credentialFormats),
		...patterns('/hostPatterns', catalog.hostPatterns),
		...patterns('/requestIds/bodyFields', catalog.requestIds?.bodyFields),
		...catalog.headers.flatMap((header, index) =>
			matcherRegexes(`/headers/${index}/requiredWhen`, header.requiredWhen),
		),
		...matcherRegexes('/idempotency/required', catalog.idempotency?.required),
		...matcherRegexes('/idempotency/recommended', catalog.idempotency?.recommended),
	];
}

function compileProblems({path, source}: CatalogRegex): string[] {
	try {
		new RegExp(source, 'i');
		return [];
	} catch (error) {
		return [`${path}: is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`];
	}
}

function duplicates<T>(
	items: readonly T[],
	where: (index: number) => string,
	label: (item: T) => string | null,
): string[] {
	const first = new Map<string, number>();
	const problems: string[] = [];
	for (const [index, item] of items.entries()) {
		const key = label(item);
		if (key === null) continue;
		const earlier = first.get(key);
		if (earlier === undefined) first.set(key, index);
		else problems.push(`${where(index)}: ${key} is already documented at ${where(earlier)}`);
	}

	return problems;
}

/**
 * What the schema cannot see in a provider catalog that validates: regular expressions that do not compile,
 * codes or statuses listed twice, and `related` names no entry carries. Each problem starts with its JSON path.
 * Backtracking is checked apart (backtracking.ts): its analyser is too large to load with every catalog.
 */
export function catalogLint(catalog: Catalog): string[] {
	const names = new Set(catalog.entries.map((entry) => entry.code ?? entry.title));
	return [
		...catalogRegexes(catalog).flatMap(compileProblems),
		...duplicates(
			catalog.entries,
			(index) => `/entries/${index}/code`,
			(entry) => entry.code ?? null,
		),
		...duplicates(
			catalog.statuses,
			(index) => `/statuses/${index}/status`,
			(status) => String(status.status),
		),
		...catalog.entries.flatMap((entry, index) =>
			(entry.related ?? []).flatMap((name, position) =>
				names.has(name) ? [] : [`/entries/${index}/related/${position}: "${name}" is no code or title in this catalog`],
			),
		),
	];
}
