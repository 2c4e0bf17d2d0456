import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import type {Stats} from 'node:fs';
import type * as Crypto from 'node:crypto';
import {createRequire} from 'node:module';
import {basename, dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import type * as Backtracking from '../core/catalog/backtracking.js';
import type {Catalog, CatalogSet, HttpStatusEntry, VocabularyEntry} from '../core/catalog/catalog.js';
import {mergeCatalog} from '../core/catalog/merge.js';
import {describeJsonError} from '../core/parts/json-errors.js';
import type {ErrorObject} from 'ajv';
import validate from './catalog-validator.generated.js';
import {readRegularFile} from './read-file.js';

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
	/** Every file that was loaded, in order, and what it holds (`errdoctor catalogs` lists them). */
	readonly files: readonly CatalogFile[];
};

export type CatalogFile = {
	readonly path: string;
	readonly kind: 'provider' | 'http-status' | 'vocabularies';
	/** The provider id, for a provider catalog. */
	readonly id: string | null;
};

const shownProblems = 10;
/** The largest bundled catalog is about 55 KiB; a catalog a hundred times that is no catalog. */
export const MAX_CATALOG_BYTES = 4 * 1024 * 1024;

/** Validates one parsed catalog file; returns the problems, each with its JSON path. */
export function catalogProblems(data: unknown): string[] {
	if (validate(data)) return [];
	// The if/then/else that picks the file kind only echoes the real errors; drop it.
	const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
	const choicePaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
	// Each alternative of an anyOf fails on its own ("must be integer", "must be null"); one line names them all.
	const isAlternative = (error: ErrorObject) =>
		choicePaths.has(error.instancePath) && (error.keyword === 'type' || error.schemaPath.includes('/anyOf/'));
	const lines = errors.flatMap((error) => {
		const where = error.instancePath === '' ? '(top level)' : error.instancePath;
		if (isAlternative(error)) return [];
		if (error.keyword === 'anyOf') {
			const options = errors
				.filter((other) => other.instancePath === error.instancePath && isAlternative(other))
				.map((other) => other.message ?? '');
			const types = options.length > 0 && options.every((option) => option.startsWith('must be '));
			const joined = types
				? `must be ${options.map((option) => option.slice('must be '.length)).join(' or ')}`
				: `needs one of: ${options.map((option) => option.replace(/^must have /, '')).join('; ')}`;
			return [`${where}: ${joined}`];
		}

		const extra =
			error.keyword === 'additionalProperties' && 'additionalProperty' in error.params
				? ` "${String(error.params.additionalProperty)}"`
				: '';
		return [`${where}: ${error.message ?? 'is invalid'}${extra}`];
	});
	return lines.length > shownProblems
		? [...lines.slice(0, shownProblems), `… and ${lines.length - shownProblems} more problems`]
		: lines;
}

type Loaded = {readonly file: string; readonly data: Record<string, unknown>};

/** What the build recorded of a bundled catalog it validated. */
type Validated = {readonly sha256: string; readonly size: number; readonly mtimeMs: number};

/** The bundled catalogs the build validated (`dist/catalog-manifest.json`); absent outside a build. */
const buildManifest: Readonly<Record<string, Validated>> = (() => {
	try {
		return JSON.parse(readFileSync(new URL('catalog-manifest.json', import.meta.url), 'utf8')) as Record<
			string,
			Validated
		>;
	} catch {
		return {};
	}
})();

/**
 * A bundled catalog whose bytes are the ones the build validated needs no second validation; validating all of
 * them costs more than the rest of a diagnosis. Like git's index, an unchanged size and modification time mean an
 * unchanged file, which spares loading node:crypto (a tenth of a start); a file that was touched is hashed, and
 * validated unless its hash still matches. An npm install resets modification times, so it takes the hash.
 */
function validatedAtBuild(path: string, text: string, stats: Stats): boolean {
	const expected = buildManifest[basename(path)];
	if (expected === undefined || dirname(resolve(path)) !== resolve(BUNDLED_CATALOG_DIR)) return false;
	if (stats.size === expected.size && stats.mtimeMs === expected.mtimeMs) return true;
	const {createHash} = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
	return createHash('sha256').update(text).digest('hex') === expected.sha256;
}

let backtracking: typeof Backtracking | undefined;

/**
 * The backtracking analyser (scslre and the automata library it builds on, about 1 MiB, a tenth of a second to
 * load) is a bundle of its own beside the others, required only for a user's catalog: the bundled ones were checked
 * when they were built. Run from source, it is the TypeScript module.
 */
function backtrackingAnalyser(): typeof Backtracking {
	if (!backtracking) {
		const require = createRequire(import.meta.url);
		const bundled = new URL('backtracking.cjs', import.meta.url);
		backtracking = require(
			existsSync(bundled) ? fileURLToPath(bundled) : '../core/catalog/backtracking.ts',
		) as typeof Backtracking;
	}

	return backtracking;
}

/**
 * The regular expressions of a provider catalog whose matching time grows faster than the text they are matched
 * against (`^(a+)+$`), each problem with its JSON path: one such pattern in a user's catalog would hang every
 * diagnosis that reaches it.
 */
export function regexProblems(catalog: Catalog): string[] {
	return backtrackingAnalyser().catalogBacktracking(catalog);
}

const isProviderCatalog = (data: Record<string, unknown>): boolean =>
	!Array.isArray(data['httpStatuses']) && !Array.isArray(data['vocabularies']);

function readCatalogFile(path: string, problems: string[]): Loaded | null {
	const read = readRegularFile(path, MAX_CATALOG_BYTES);
	if (!read.ok) {
		problems.push(`${path}: cannot be read: ${read.reason}`);
		return null;
	}

	const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		problems.push(`${path}: not valid JSON (${describeJsonError(text, error)})`);
		return null;
	}

	if (validatedAtBuild(path, text, read.stats)) return {file: path, data: data as Record<string, unknown>};
	const found = catalogProblems(data);
	const record = data as Record<string, unknown>;
	if (found.length === 0 && isProviderCatalog(record)) found.push(...regexProblems(record as unknown as Catalog));
	if (found.length > 0) {
		problems.push(...found.map((problem) => `${path}: ${problem}`));
		return null;
	}

	return {file: path, data: record};
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

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		// A missing path is reported by listJson, which names the error.
		return false;
	}
}

/**
 * Loads catalog directories and files in order; a later provider catalog with the id of an earlier one refines
 * it entry by entry (`mergeCatalog`), so a user's entry overrides a bundled one and the rest is kept. An invalid
 * file is skipped and named.
 */
export function loadCatalogs(sources: readonly string[]): LoadedCatalogs {
	const problems: string[] = [];
	const providers = new Map<string, Catalog>();
	const httpStatuses = new Map<number, HttpStatusEntry>();
	const vocabularies: VocabularyEntry[] = [];
	const loadedFiles: CatalogFile[] = [];
	for (const source of sources) {
		const files = isFile(source) ? [source] : listJson(source, problems);
		for (const file of files) {
			const loaded = readCatalogFile(file, problems);
			if (!loaded) continue;
			const {data} = loaded;
			if (Array.isArray(data['httpStatuses'])) {
				for (const entry of data['httpStatuses'] as HttpStatusEntry[]) httpStatuses.set(entry.status, entry);
				loadedFiles.push({path: file, kind: 'http-status', id: null});
			} else if (Array.isArray(data['vocabularies'])) {
				vocabularies.push(...(data['vocabularies'] as VocabularyEntry[]));
				loadedFiles.push({path: file, kind: 'vocabularies', id: null});
			} else {
				const catalog = data as unknown as Catalog;
				const earlier = providers.get(catalog.id);
				providers.set(catalog.id, earlier ? mergeCatalog(earlier, catalog) : catalog);
				loadedFiles.push({path: file, kind: 'provider', id: catalog.id});
			}
		}
	}

	return {
		set: {providers: [...providers.values()], httpStatuses: [...httpStatuses.values()], vocabularies},
		problems,
		files: loadedFiles,
	};
}
