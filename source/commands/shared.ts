import {existsSync} from 'node:fs';
import process from 'node:process';
import type {CatalogSet} from '../core/catalog/catalog.js';
import {escapeForTerminal} from '../core/escape.js';
import type {Diagnosis, ReaderCrash} from '../core/types.js';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from '../edge/catalogs.js';
import {colorFor} from '../edge/color.js';
import {loadConfig} from '../edge/config.js';
import {writeStdout} from '../edge/stdout.js';
import {showDiagnosis, shownText} from '../render/shown.js';
import {UsageError, warn} from './errors.js';

export {UsageError, warn} from './errors.js';

/** Colour on stdout, by the one colour decision. */
export function wantsColor(): boolean {
	return colorFor(process.stdout);
}

export function terminalWidth(): number {
	const columns = process.stdout.columns ?? Number(process.env['COLUMNS']);
	return Number.isFinite(columns) && columns >= 40 ? Math.min(columns, 120) : 80;
}

export function writeOut(text: string): void {
	writeStdout(text.endsWith('\n') ? text : `${text}\n`);
}

/** The bundled catalogs plus any extra catalog files or directories; a bad file is skipped with a warning. */
export function catalogsFrom(extra: readonly string[] = []): CatalogSet {
	const {set, problems} = loadCatalogs([BUNDLED_CATALOG_DIR, ...extra]);
	for (const problem of problems) warn(`skipped catalog ${problem}`);
	return set;
}

/**
 * The bundled catalogs' provider ids for a help text, wrapped under the description column of an option
 * (`--provider ID      Skip detection: …`); read only when the help is shown.
 */
export function providerIdsForHelp(): string {
	const ids = catalogsFrom().providers.map((catalog) => catalog.id);
	const lines: string[] = [];
	for (const id of [...ids].sort()) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + id.length + 2 <= 48) lines[lines.length - 1] = `${last}, ${id}`;
		else lines.push(id);
	}

	return lines.join(',\n\t                     ');
}

export function checkNow(now: string | undefined): void {
	if (now !== undefined && !Number.isFinite(Date.parse(now))) {
		throw new UsageError(`--now needs an ISO 8601 time such as 2025-03-04T11:00:00Z, got "${now}"`);
	}
}

export function checkProvider(set: CatalogSet, provider: string | undefined): void {
	if (provider !== undefined && !set.providers.some((catalog) => catalog.id === provider)) {
		const known = set.providers.map((catalog) => catalog.id).join(', ');
		throw new UsageError(`unknown provider "${provider}"; known providers: ${known}`);
	}
}

/**
 * The user's catalogs a run loads after the bundled ones: the config's `catalogPaths`, then each `--catalog` (later
 * ones refine earlier ones). A bad config file gives one warning and the defaults; a `--catalog` that does not exist
 * is a usage error, because the user just typed it.
 */
export async function userCatalogPaths(flagged: readonly string[] = []): Promise<string[]> {
	for (const path of flagged) {
		if (!existsSync(path)) throw new UsageError(`--catalog ${path}: no such file or directory`);
	}

	const {config, warnings} = await loadConfig();
	for (const line of warnings) warn(line);
	return [...config.catalogPaths, ...flagged];
}

/** The catalogs a run uses: bundled, then the user's (`userCatalogPaths`). */
export async function runCatalogs(flagged: readonly string[] = []): Promise<CatalogSet> {
	return catalogsFrom(await userCatalogPaths(flagged));
}

/** `--debug`: a format reader that crashed on the body, once on stderr; without the flag the body just reads as unknown. */
export function showReaderCrash(crash: ReaderCrash | null | undefined): void {
	if (!crash) return;
	warn(`debug: a format reader crashed, so the error body was read as format unknown: ${crash.message}`);
	if (crash.stack !== null) process.stderr.write(`${escapeForTerminal(shownText(crash.stack))}\n`);
}

/** The flags of every command that prints a diagnosis (`explain`, `run`). */
export const REPORT_FLAGS = {
	json: {type: 'boolean', default: false},
	markdown: {type: 'boolean', default: false},
	now: {type: 'string'},
	provider: {type: 'string'},
	showSecrets: {type: 'boolean', default: false},
	catalog: {type: 'string', isMultiple: true},
} as const;

export type ReportFlags = {
	readonly json: boolean;
	readonly markdown: boolean;
	readonly now: string | undefined;
	readonly showSecrets: boolean;
};

export function checkReportFlags(flags: ReportFlags): void {
	if (flags.json && flags.markdown) throw new UsageError('choose one of --json and --markdown');
	checkNow(flags.now);
}

/** Prints a diagnosis as the flags ask; secrets are shown only in text printed to a terminal. */
export async function writeReport(diagnosis: Diagnosis, flags: ReportFlags): Promise<void> {
	const showSecrets = !flags.json && !flags.markdown && flags.showSecrets && process.stdout.isTTY === true;
	const shown = showDiagnosis(diagnosis, {showSecrets});
	if (flags.json) {
		writeOut((await import('../render/json.js')).renderJson(shown));
	} else if (flags.markdown) {
		writeOut((await import('../render/markdown.js')).renderMarkdown(shown));
	} else {
		const {renderText} = await import('../render/text.js');
		writeOut(renderText(shown, {color: wantsColor(), width: terminalWidth()}));
	}
}
