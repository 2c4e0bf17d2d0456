import type {Catalog, CatalogEntry, CatalogSet, DocRef} from './catalog/catalog.js';
import type {ErrorReading, Explanation, StatusSource} from './types.js';

/** The text of an explanation, whichever catalog it comes from. */
type Source = {
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	readonly doc: DocRef;
};

export type ExplainResult = {
	readonly explanation: Explanation;
	readonly entry: CatalogEntry | null;
	readonly status: number | null;
	readonly statusSource: StatusSource | null;
};

function compile(source: string): RegExp | null {
	try {
		return new RegExp(source, 'i');
	} catch {
		return null;
	}
}

/** The catalog entry for a reading: by code, then case-insensitively, then by message pattern. */
export function findEntry(
	catalog: Catalog,
	reading: ErrorReading,
): {entry: CatalogEntry; capture: string | null} | null {
	const {code, message} = reading;
	if (code) {
		const exact = catalog.entries.find((entry) => entry.code === code);
		const loose = exact ?? catalog.entries.find((entry) => entry.code?.toLowerCase() === code.toLowerCase());
		if (loose) return {entry: loose, capture: null};
	}

	if (message) {
		for (const entry of catalog.entries) {
			const match = entry.messagePattern ? compile(entry.messagePattern)?.exec(message) : null;
			if (match) return {entry, capture: match[1] ?? null};
		}
	}

	return null;
}

export function describeDoc(doc: DocRef): string {
	return doc.url ?? `${doc.source} › ${doc.section}`;
}

function sameWords(a: string, b: string): boolean {
	const norm = (text: string) =>
		text
			.toLowerCase()
			.replaceAll(/[^a-z\d]+/g, ' ')
			.trim();
	return norm(a) === norm(b);
}

/** Notes where the input and the docs disagree, or the docs disagree with themselves. */
function notesFor(
	catalog: Catalog,
	found: {entry: CatalogEntry; capture: string | null} | null,
	reading: ErrorReading,
	status: number | null,
): string[] {
	const notes: string[] = [];
	if (!found) {
		if (reading.code) notes.push(`${reading.code} is not in ${catalog.name}'s documented codes.`);
		return notes;
	}

	const {entry, capture} = found;
	if (capture) notes.push(`The message names ${capture}.`);
	if (entry.status !== null && status !== null && entry.status !== status) {
		notes.push(`${catalog.name}'s docs give this error status ${entry.status}; this one came with ${status}.`);
	}

	const {message} = reading;
	if (message && entry.code && !sameWords(message, entry.title)) {
		const other = catalog.entries.find((candidate) => candidate !== entry && sameWords(candidate.title, message));
		if (other?.code) {
			notes.push(
				`The message "${message}" is what ${catalog.name}'s table calls ${other.code} (${other.title}); ` +
					`${entry.code} is documented as "${entry.title}". Check which one your call hit.`,
			);
		}
	}

	notes.push(...(entry.contradictions ?? []));
	return notes;
}

/** Where a status the input itself holds was read. */
export type KnownStatusSource = Extract<StatusSource, 'response' | 'log'>;

function statusFrom(
	responseStatus: number | null,
	responseSource: KnownStatusSource,
	reading: ErrorReading,
	entry: CatalogEntry | null,
): {status: number | null; statusSource: StatusSource | null} {
	if (responseStatus !== null) return {status: responseStatus, statusSource: responseSource};
	if (reading.status !== null) return {status: reading.status, statusSource: 'body'};
	if (entry && entry.status !== null) return {status: entry.status, statusSource: 'catalog'};
	return {status: null, statusSource: null};
}

function fromSources(primary: Source, fallbacks: ReadonlyArray<Source | undefined>, notes: string[]): Explanation {
	const pick = (field: 'causes' | 'solutions') =>
		primary[field].length > 0
			? primary[field]
			: (fallbacks.find((source) => source && source[field].length > 0)?.[field] ?? []);
	return {
		title: primary.title,
		summary: primary.summary,
		causes: pick('causes'),
		solutions: pick('solutions'),
		docs: describeDoc(primary.doc),
		notes,
	};
}

/**
 * Explains a reading from the most specific knowledge available: the provider's entry for the code or
 * message, the provider's meaning of the status, a generic format's vocabulary, then the HTTP status.
 */
export function explain(input: {
	reading: ErrorReading;
	responseStatus: number | null;
	/** Whether `responseStatus` was read from a status line or from a client's error or log line; `response` if absent. */
	responseSource?: KnownStatusSource;
	catalog: Catalog | null;
	catalogs: CatalogSet;
}): ExplainResult {
	const {reading, catalog, catalogs} = input;
	const found = catalog ? findEntry(catalog, reading) : null;
	const entry = found?.entry ?? null;
	const {status, statusSource} = statusFrom(input.responseStatus, input.responseSource ?? 'response', reading, entry);
	const providerStatus = catalog?.statuses.find((candidate) => candidate.status === status);
	const vocabulary = catalogs.vocabularies.find(
		(candidate) => candidate.format === reading.format && candidate.code === reading.code,
	);
	const http = catalogs.httpStatuses.find((candidate) => candidate.status === status);
	const notes = catalog ? notesFor(catalog, found, reading, status) : [];
	if (catalog && !found)
		notes.push(...(catalog.contradictions ?? []).filter((note) => reading.code && note.includes(reading.code)));

	const primary: Source | undefined = entry ?? vocabulary ?? providerStatus ?? http;
	const explanation = primary
		? fromSources(primary, [providerStatus, http], notes)
		: {
				title: status === null ? 'Unrecognised error' : `HTTP ${status}`,
				summary:
					status === null
						? 'errdoctor found no status and no documented code to explain. The checks below still look at the request.'
						: `HTTP status ${status} is not a registered status code; the server chose it itself.`,
				causes: [],
				solutions: [],
				docs: null,
				notes,
			};
	return {explanation, entry, status, statusSource};
}
