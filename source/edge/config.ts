import {mkdir, readFile, rename} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
// The very function conf uses for its default directory: reading the config needs the path, and loading conf
// itself (tens of milliseconds) is kept for the rare write.
import envPaths from 'env-paths';
import {configProblems, withDefaults} from '../core/config/config.js';
import type {Config} from '../core/config/config.js';
import {escapeInline} from '../core/escape.js';
import {describeJsonError} from '../core/parts/json-errors.js';

export type {Config} from '../core/config/config.js';
export {CLIPBOARD_MODES, DEFAULT_CONFIG, SECTIONS} from '../core/config/config.js';

export type ConfigOptions = {
	/** The directory holding `config.json`; default `ERRDOCTOR_CONFIG_DIR`, else conf's directory for errdoctor. */
	readonly cwd?: string;
};

export type LoadedConfig = {
	readonly config: Config;
	/** One line per problem, ready for stderr: a bad config file is moved aside and the defaults are used. */
	readonly warnings: readonly string[];
	readonly path: string;
};

export function configDirectory(options: ConfigOptions = {}): string {
	return options.cwd ?? (process.env['ERRDOCTOR_CONFIG_DIR'] || envPaths('errdoctor').config);
}

export function configPath(options: ConfigOptions = {}): string {
	return join(configDirectory(options), 'config.json');
}

type FileRead = {readonly data: Partial<Config> | null} | {readonly problem: string};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function readConfigFile(path: string): Promise<FileRead> {
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {data: null};
		if (code === 'EISDIR') return {problem: 'is a directory, not a file'};
		return {problem: `cannot be read (${code ?? String(error)})`};
	}

	// errdoctor never writes a BOM: one means another program wrote the file, and JSON does not allow it.
	if (bytes.subarray(0, 3).equals(BOM)) return {problem: 'starts with a byte order mark, which JSON does not allow'};
	let text: string;
	try {
		text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		return {problem: 'is not valid UTF-8'};
	}

	if (text.trim() === '') return {problem: 'is empty'};
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {problem: `is not valid JSON (${describeJsonError(text, error)})`};
	}

	const problems = configProblems(data);
	return problems.length > 0
		? {problem: `does not match the config schema (${problems.join('; ')})`}
		: {data: data as Partial<Config>};
}

/** Moves a bad config file (or directory) aside as `config.json.bad-<time>` so the user can still inspect it. */
async function moveAside(path: string): Promise<string> {
	const target = `${path}.bad-${new Date().toISOString().replaceAll(/[:.]/g, '-')}`;
	try {
		await rename(path, target);
		return `kept it as ${target}`;
	} catch (error) {
		return `could not move it aside (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
	}
}

async function readStored(path: string): Promise<{data: Partial<Config>; warnings: string[]}> {
	const read = await readConfigFile(path);
	if ('data' in read) return {data: read.data ?? {}, warnings: []};
	const moved = await moveAside(path);
	return {data: {}, warnings: [escapeInline(`config file ${path} ${read.problem}; ${moved}; using the defaults`)]};
}

/**
 * Reads the config. Never throws for a bad file: a truncated, empty, non-UTF-8, BOM-prefixed, schema-violating or
 * unreadable file, or a directory in its place, gives one warning line, is moved aside, and the defaults apply.
 */
export async function loadConfig(options: ConfigOptions = {}): Promise<LoadedConfig> {
	const path = configPath(options);
	const {data, warnings} = await readStored(path);
	return {config: withDefaults(data), warnings, path};
}

/**
 * Merges `patch` into the stored config and writes it with mode 0600 (through conf, atomically). Returns the
 * warnings of reading the old file, which is moved aside if it was bad. Throws when the patch breaks the schema.
 */
export async function saveConfig(patch: Partial<Config>, options: ConfigOptions = {}): Promise<readonly string[]> {
	const directory = configDirectory(options);
	const {data, warnings} = await readStored(join(directory, 'config.json'));
	const next = {...data, ...patch};
	const problems = configProblems(next);
	if (problems.length > 0) throw new Error(`refusing to save an invalid config: ${problems.join('; ')}`);
	await mkdir(directory, {recursive: true, mode: 0o700});
	const {default: Conf} = await import('conf');
	const store = new Conf<Record<string, unknown>>({projectName: 'errdoctor', cwd: directory, configFileMode: 0o600});
	store.store = next;
	return warnings;
}
