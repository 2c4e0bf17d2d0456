import type {CatalogEntry, CatalogSet, DocRef} from '../core/catalog/catalog.js';
import {escapeForTerminal, escapeInline, toSafeJson} from '../core/escape.js';
import {describeDoc} from '../core/explain.js';
import {relatedEntries} from '../core/catalog/lookup.js';
import type {LookupHit, LookupResult, MatchedBy, Suggestion} from '../core/catalog/lookup.js';
import {createStyle} from './style.js';
import {wrap} from './wrap.js';

type Brief = {readonly code: string; readonly title: string; readonly status: number | null};

/** One hit as `lookup --json` prints it: the same fields whichever catalog it comes from. */
export type LookupMatch = {
	readonly kind: LookupHit['kind'];
	readonly matchedBy: MatchedBy;
	readonly provider: {readonly id: string; readonly name: string} | null;
	/** The generic format of a vocabulary entry (`oauth2`). */
	readonly format: string | null;
	readonly code: string | null;
	readonly status: number | null;
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	readonly docs: string;
	/** Entries the catalog marks as related, or for a status the provider's codes documented with it. */
	readonly related: readonly Brief[];
};

const brief = (entry: CatalogEntry): Brief => ({
	code: entry.code ?? entry.title,
	title: entry.title,
	status: entry.status,
});

function toMatch(hit: LookupHit, catalogs: CatalogSet): LookupMatch {
	const common = {kind: hit.kind, matchedBy: hit.by, format: null};
	const text = (source: {
		title: string;
		summary: string;
		causes: readonly string[];
		solutions: readonly string[];
		doc: DocRef;
	}) => ({
		title: source.title,
		summary: source.summary,
		causes: source.causes,
		solutions: source.solutions,
		docs: describeDoc(source.doc),
	});
	switch (hit.kind) {
		case 'entry': {
			const catalog = catalogs.providers.find((candidate) => candidate.id === hit.provider.id);
			const related = catalog ? relatedEntries(catalog, hit.entry).map(brief) : [];
			return {
				...common,
				provider: hit.provider,
				code: hit.entry.code ?? null,
				status: hit.entry.status,
				...text(hit.entry),
				related,
			};
		}

		case 'status': {
			return {
				...common,
				provider: hit.provider,
				code: null,
				status: hit.status.status,
				...text(hit.status),
				related: hit.codes.map(brief),
			};
		}

		case 'vocabulary': {
			return {
				...common,
				provider: null,
				format: hit.entry.format,
				code: hit.entry.code,
				status: hit.entry.status,
				...text(hit.entry),
				related: [],
			};
		}

		case 'http': {
			return {...common, provider: null, code: null, status: hit.status.status, ...text(hit.status), related: []};
		}
	}
}

export function lookupMatches(result: LookupResult, catalogs: CatalogSet): LookupMatch[] {
	return result.hits.map((hit) => toMatch(hit, catalogs));
}

/** `lookup --json`: the query, every match, and the suggestions when nothing matched. */
export function renderLookupJson(result: LookupResult, catalogs: CatalogSet, scope: string | null): string {
	return `${toSafeJson({query: result.query, scope, matches: lookupMatches(result, catalogs), suggestions: result.suggestions}, 2)}\n`;
}

function ownerOf(match: LookupMatch): string {
	return match.provider?.name ?? match.format ?? 'HTTP';
}

/**
 * `lookup` for a terminal, like `rustc --explain`: one match in full (causes, fixes, doc section, related codes);
 * several (an ambiguous code, a status every provider documents) each with its meaning and doc section.
 */
export function renderLookupText(
	result: LookupResult,
	catalogs: CatalogSet,
	options: {readonly color: boolean; readonly width: number},
): string {
	const style = createStyle(options.color);
	const {width} = options;
	const matches = lookupMatches(result, catalogs);
	const full = matches.length === 1;
	const lines: string[] = [];
	const add = (text: string, first = '', rest = first): void => {
		lines.push(...wrap(text, width, first, rest));
	};

	const prose = (text: string): string => escapeForTerminal(text).replaceAll('\t', '    ');
	if (!full) {
		add(style.bold(`"${escapeInline(result.query)}" has ${matches.length} meanings:`));
		lines.push('');
	}

	for (const [index, match] of matches.entries()) {
		if (index > 0) lines.push('');
		const status = match.status === null ? 'status varies' : `HTTP ${match.status}`;
		const head = [
			...(match.kind === 'http' ? [] : [style.bold(escapeInline(ownerOf(match)))]),
			...(match.code === null ? [] : [escapeInline(match.code)]),
			...(match.matchedBy === 'message' ? ['message'] : []),
			match.kind === 'http' ? style.bold(status) : status,
		];
		add(head.join(' · '));
		add(style.bold(prose(match.title)), '  ', '    ');
		add(prose(match.summary), '  ', '  ');
		if (full) {
			for (const [title, items] of [
				['Likely causes', match.causes],
				['What to do', match.solutions],
			] as const) {
				if (items.length === 0) continue;
				lines.push('', style.bold(title));
				for (const item of items) add(prose(item), '  • ', '    ');
			}
		}

		if (match.related.length > 0) {
			const label = match.kind === 'status' ? 'Codes with this status' : 'Related';
			if (full) {
				lines.push('', style.bold(label));
				for (const other of match.related) {
					const otherStatus = other.status === null ? '' : ` (${other.status})`;
					add(`${escapeInline(other.code)}${otherStatus}: ${prose(other.title)}`, '  ', '    ');
				}
			} else {
				add(`${label}: ${match.related.map((other) => escapeInline(other.code)).join(', ')}`, '  ', '    ');
			}
		}

		if (full) lines.push('', style.bold('Docs'));
		add(prose(match.docs), full ? '  ' : `  ${style.dim('Docs:')} `, '    ');
	}

	if (!full) {
		lines.push('');
		add(style.dim('For one of them in full: errdoctor lookup PROVIDER QUERY'));
	}

	return `${lines.join('\n')}\n`;
}

function quoted(suggestions: readonly Suggestion[]): string {
	const names = suggestions.map((suggestion) => `${suggestion.text} (${suggestion.owner})`);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : (names[0] ?? '');
}

/** The one stderr line when nothing matched, always with a way forward. */
export function notFoundLine(result: LookupResult, scopeName: string | null): string {
	const where = scopeName === null ? 'no catalog documents' : `${scopeName} does not document`;
	const head = `${where} "${result.query}"`;
	const line =
		result.suggestions.length > 0
			? `${head}; did you mean ${quoted(result.suggestions)}?`
			: `${head}; give the code as the error body spells it, see errdoctor catalogs for what is known, ` +
				'or paste the whole error into errdoctor explain';
	return escapeInline(line);
}
