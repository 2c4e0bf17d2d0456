import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import type {Catalog} from '../core/catalog/catalog.js';
import {catalogLint} from '../core/catalog/lint.js';
import {escapeInline, toSafeJson} from '../core/escape.js';
import {describeJsonError} from '../core/parts/json-errors.js';
import {
	BUNDLED_CATALOG_DIR,
	MAX_CATALOG_BYTES,
	catalogProblems,
	loadCatalogs,
	regexProblems,
} from '../edge/catalogs.js';
import {loadConfig, saveConfig} from '../edge/config.js';
import {readRegularFile} from '../edge/read-file.js';
import {UsageError, warn, writeOut} from './shared.js';
import {parseCommandLine} from './flags.js';

const help = `
	Usage
	  $ errdoctor catalogs              List the providers errdoctor knows, with counts and files
	  $ errdoctor catalogs check FILE   Validate a catalog file; each problem names its JSON path
	  $ errdoctor catalogs add PATH     Load this catalog file or directory on every run (kept in the config)
	  $ errdoctor catalogs remove PATH  Stop loading it

	A user catalog with a bundled provider's id refines it: its entries replace the entries with
	the same code (or title), everything else is kept. A new id adds a provider.

	Options
	  --json             The list as JSON
	  --catalog PATH     Also load this catalog file or directory (repeatable)
`;

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** `66 entries, 10 statuses, 1 host`. */
function sizes(catalog: {entries: number; statuses: number; hosts: number}): string {
	return [
		counted(catalog.entries, 'entry', 'entries'),
		counted(catalog.statuses, 'status', 'statuses'),
		counted(catalog.hosts, 'host', 'hosts'),
	].join(', ');
}

type Checked = {
	readonly problems: readonly string[];
	readonly summary: string | null;
	/** The provider id, for a provider catalog. */
	readonly id?: string;
};

/**
 * Everything wrong with one catalog file, each problem prefixed by its JSON path (or line and column): the schema,
 * what the schema cannot see, and regular expressions that backtrack. The file must be a regular file.
 */
function checkFile(path: string): Checked {
	const read = readRegularFile(path, MAX_CATALOG_BYTES);
	if (!read.ok) throw new UsageError(`cannot read ${path}: ${read.reason}`);
	const {bytes} = read;

	let text: string;
	try {
		text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
	} catch {
		return {problems: ['(file): is not valid UTF-8'], summary: null};
	}

	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {problems: [describeJsonError(text, error)], summary: null};
	}

	const problems = catalogProblems(data);
	if (problems.length > 0) return {problems, summary: null};
	const record = data as Record<string, unknown>;
	if (Array.isArray(record['httpStatuses'])) {
		return {problems: [], summary: `an HTTP status catalog with ${record['httpStatuses'].length} statuses`};
	}

	if (Array.isArray(record['vocabularies'])) {
		return {problems: [], summary: `a vocabulary catalog with ${record['vocabularies'].length} codes`};
	}

	const catalog = data as Catalog;
	const lint = [...catalogLint(catalog), ...regexProblems(catalog)];
	return {
		problems: lint,
		id: catalog.id,
		summary: `provider "${catalog.id}" (${catalog.name}): ${sizes({
			entries: catalog.entries.length,
			statuses: catalog.statuses.length,
			hosts: catalog.hosts.length,
		})}`,
	};
}

function check(path: string | undefined): number {
	if (path === undefined) throw new UsageError('catalogs check needs a FILE');
	const {problems, summary, id} = checkFile(path);
	const shown = escapeInline(path);
	if (problems.length > 0) {
		writeOut(problems.map((problem) => `${shown}: ${escapeInline(problem)}`).join('\n'));
		return 2;
	}

	const bundled = loadCatalogs([BUNDLED_CATALOG_DIR]).set.providers;
	const refines = bundled.some((catalog) => catalog.id === id)
		? `; it refines the bundled ${id ?? ''} catalog (its entries replace those with the same code)`
		: '';
	writeOut(`${shown}: valid, ${escapeInline(summary ?? '')}${refines}`);
	return 0;
}

async function add(path: string | undefined): Promise<number> {
	if (path === undefined) throw new UsageError('catalogs add needs a catalog file or directory');
	const absolute = resolve(path);
	if (!existsSync(absolute)) throw new UsageError(`${path}: no such file or directory`);
	const {config, warnings} = await loadConfig();
	for (const line of warnings) warn(line);
	if (config.catalogPaths.includes(absolute)) {
		writeOut(`${escapeInline(absolute)} is already listed`);
		return 0;
	}

	for (const line of await saveConfig({catalogPaths: [...config.catalogPaths, absolute]})) warn(line);
	const loaded = loadCatalogs([absolute]);
	for (const problem of loaded.problems) warn(`skipped catalog ${escapeInline(problem)}`);
	writeOut(
		`added ${escapeInline(absolute)}: ${counted(loaded.files.length, 'catalog loads', 'catalogs load')} from it`,
	);
	return 0;
}

async function remove(path: string | undefined): Promise<number> {
	if (path === undefined) throw new UsageError('catalogs remove needs a path from errdoctor catalogs');
	const absolute = resolve(path);
	const {config, warnings} = await loadConfig();
	for (const line of warnings) warn(line);
	if (!config.catalogPaths.includes(absolute)) {
		const listed = config.catalogPaths.length > 0 ? config.catalogPaths.join(', ') : 'none';
		throw new UsageError(`${absolute} is not a configured catalog path; configured: ${listed}`);
	}

	for (const line of await saveConfig({catalogPaths: config.catalogPaths.filter((item) => item !== absolute)})) {
		warn(line);
	}

	writeOut(`removed ${escapeInline(absolute)}`);
	return 0;
}

async function list(flagged: readonly string[], json: boolean): Promise<number> {
	for (const path of flagged) {
		if (!existsSync(path)) throw new UsageError(`--catalog ${path}: no such file or directory`);
	}

	const {config, warnings, path: configFile} = await loadConfig();
	for (const line of warnings) warn(line);
	const {set, problems, files} = loadCatalogs([BUNDLED_CATALOG_DIR, ...config.catalogPaths, ...flagged]);
	for (const problem of problems) warn(`skipped catalog ${escapeInline(problem)}`);
	const filesOf = (kind: string, id: string | null = null) =>
		files.filter((file) => file.kind === kind && file.id === id).map((file) => file.path);
	const report = {
		providers: set.providers.map((catalog) => ({
			id: catalog.id,
			name: catalog.name,
			entries: catalog.entries.length,
			statuses: catalog.statuses.length,
			hosts: catalog.hosts.map((host) => host.host),
			sources: catalog.sources.map((source) => source.url ?? source.source),
			files: filesOf('provider', catalog.id),
		})),
		httpStatuses: {count: set.httpStatuses.length, files: filesOf('http-status')},
		vocabularies: {count: set.vocabularies.length, files: filesOf('vocabularies')},
		config: {path: configFile, catalogPaths: config.catalogPaths},
	};
	if (json) {
		writeOut(toSafeJson(report, 2));
		return 0;
	}

	const lines: string[] = ['Providers'];
	for (const provider of report.providers) {
		lines.push(
			`  ${provider.id} (${provider.name}): ${sizes({...provider, hosts: provider.hosts.length})}`,
			`    sources: ${provider.sources.join(', ')}`,
			...provider.files.map((file) => `    file: ${file}`),
		);
	}

	for (const [label, part] of [
		['HTTP statuses', report.httpStatuses],
		['Vocabulary codes', report.vocabularies],
	] as const) {
		lines.push(`${label}: ${part.count}${part.files.length > 0 ? ` from ${part.files.join(', ')}` : ' (none loaded)'}`);
	}

	lines.push(`Config: ${configFile}`);
	lines.push(
		config.catalogPaths.length > 0
			? `User catalog paths: ${config.catalogPaths.join(', ')}`
			: 'User catalog paths: none (errdoctor catalogs add PATH)',
	);
	writeOut(lines.map((line) => escapeInline(line)).join('\n'));
	return 0;
}

/** `errdoctor catalogs [check FILE | add PATH | remove PATH]`. */
export async function catalogsCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, help, {
		json: {type: 'boolean', default: false},
		catalog: {type: 'string', isMultiple: true},
	});
	const [action, target, ...extra] = cli.input;
	if (extra.length > 0) throw new UsageError(`catalogs ${action ?? ''} takes one path, got ${cli.input.length - 1}`);
	switch (action) {
		case undefined:
		case 'list': {
			return list(cli.flags.catalog ?? [], cli.flags.json);
		}

		case 'check': {
			return check(target);
		}

		case 'add': {
			return add(target);
		}

		case 'remove': {
			return remove(target);
		}

		default: {
			throw new UsageError(`unknown catalogs action "${action}"; use check, add or remove (see --help)`);
		}
	}
}
