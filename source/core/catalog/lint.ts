import type {Catalog, RequestMatcher} from './catalog.js';

function regexProblem(where: string, source: string): string[] {
	try {
		new RegExp(source, 'i');
		return [];
	} catch (error) {
		return [`${where}: is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`];
	}
}

function matcherProblems(where: string, matchers: readonly RequestMatcher[] | undefined): string[] {
	return (matchers ?? []).flatMap((matcher, index) =>
		matcher.path === undefined ? [] : regexProblem(`${where}/${index}/path`, matcher.path),
	);
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
 */
export function catalogLint(catalog: Catalog): string[] {
	const names = new Set(catalog.entries.map((entry) => entry.code ?? entry.title));
	return [
		...catalog.entries.flatMap((entry, index) =>
			entry.messagePattern === undefined ? [] : regexProblem(`/entries/${index}/messagePattern`, entry.messagePattern),
		),
		...(catalog.detection.codePattern === undefined
			? []
			: regexProblem('/detection/codePattern', catalog.detection.codePattern)),
		...(catalog.detection.idPatterns ?? []).flatMap((source, index) =>
			regexProblem(`/detection/idPatterns/${index}`, source),
		),
		...(catalog.credentialEnvironments ?? []).flatMap((item, index) =>
			regexProblem(`/credentialEnvironments/${index}/pattern`, item.pattern),
		),
		...catalog.headers.flatMap((header, index) =>
			matcherProblems(`/headers/${index}/requiredWhen`, header.requiredWhen),
		),
		...matcherProblems('/idempotency/required', catalog.idempotency?.required),
		...matcherProblems('/idempotency/recommended', catalog.idempotency?.recommended),
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
