import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Catalog, CatalogSet, HttpStatusEntry, VocabularyEntry} from '../core/catalog.js';
import validate from './catalog-validator.generated.js';

/**
 * The catalogs shipped with the package: `catalogs/` at the package root, one level above the bundle in `dist/`
 * and two above this file in `source/edge/` when run from a checkout.
 */
export const BUNDLED_CATALOG_DIR = fileURLToPath(
	new URL(existsSync(new URL('../catalogs/', import.meta.url)) ? '../catalogs/' : '../../catalogs/', import.meta.url),
);

export type LoadedCatalogs = {
	readonly set: CatalogSet;
	/** One line per file that was skipped, naming the file and the JSON path of the problem. */
	readonly problems: readonly string[];
};

/** Validates one parsed catalog file; returns the problems, each with its JSON path. */
export function catalogProblems(data: unknown): string[] {
	if (validate(data)) return [];
	return (validate.errors ?? []).slice(0, 10).map((error) => {
		const where = error.instancePath === '' ? '(top level)' : error.instancePath;
		const extra =
			error.keyword === 'additionalProperties' && 'additionalProperty' in error.params
				? ` "${String(error.params.additionalProperty)}"`
				: '';
		return `${where}: ${error.message ?? 'is invalid'}${extra}`;
	});
}

type Loaded = {readonly file: string; readonly data: Record<string, unknown>};

function readCatalogFile(path: string, problems: string[]): Loaded | null {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
	} catch (error) {
		problems.push(`${path}: not readable as JSON (${error instanceof Error ? error.message : String(error)})`);
		return null;
	}

	const found = catalogProblems(data);
	if (found.length > 0) {
		problems.push(...found.map((problem) => `${path}: ${problem}`));
		return null;
	}

	return {file: path, data: data as Record<string, unknown>};
}

function listJson(dir: string, problems: string[]): string[] {
	try {
		return readdirSync(dir)
			.filter((name) => name.endsWith('.json') && name !== 'schema.json')
			.sort()
			.map((name) => join(dir, name));
	} catch (error) {
		problems.push(`${dir}: cannot list catalogs (${error instanceof Error ? error.message : String(error)})`);
		return [];
	}
}

/**
 * Loads catalog directories and files in order; a later provider catalog with the same id replaces an
 * earlier one, so a user's catalog overrides a bundled one. An invalid file is skipped and named.
 */
export function loadCatalogs(sources: readonly string[]): LoadedCatalogs {
	const problems: string[] = [];
	const providers = new Map<string, Catalog>();
	const httpStatuses = new Map<number, HttpStatusEntry>();
	const vocabularies: VocabularyEntry[] = [];
	for (const source of sources) {
		const files = source.endsWith('.json') ? [source] : listJson(source, problems);
		for (const file of files) {
			const loaded = readCatalogFile(file, problems);
			if (!loaded) continue;
			const {data} = loaded;
			if (Array.isArray(data['httpStatuses'])) {
				for (const entry of data['httpStatuses'] as HttpStatusEntry[]) httpStatuses.set(entry.status, entry);
			} else if (Array.isArray(data['vocabularies'])) {
				vocabularies.push(...(data['vocabularies'] as VocabularyEntry[]));
			} else {
				const catalog = data as unknown as Catalog;
				providers.set(catalog.id, catalog);
			}
		}
	}

	return {
		set: {providers: [...providers.values()], httpStatuses: [...httpStatuses.values()], vocabularies},
		problems,
	};
}
