import {constants} from 'node:fs';
import {mkdir, open, rename, stat, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
// The very function conf uses for its default directory, so the config stays where earlier versions kept it.
import envPaths from 'env-paths';
import {configProblems, withDefaults} from '../core/config/config.js';
import type {Config} from '../core/config/config.js';
import {escapeInline} from '../core/escape.js';
import {describeJsonError} from '../core/parts/json-errors.js';
import {readRegularFile} from './read-file.js';

export type {Config} from '../core/config/config.js';
export {CLIPBOARD_MODES, DEFAULT_CONFIG, SECTIONS} from '../core/config/config.js';

export type ConfigOptions = {
	/** The directory holding `config.json`; default `ERRDOCTOR_CONFIG_DIR`, else env-paths' config directory. */
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
/** A config of a few settings and catalog paths is a few hundred bytes; more is not errdoctor's file. */
export const MAX_CONFIG_BYTES = 64 * 1024;

function readConfigFile(path: string): FileRead {
	const read = readRegularFile(path, MAX_CONFIG_BYTES);
	if (!read.ok) return read.problem === 'missing' ? {data: null} : {problem: `cannot be read: ${read.reason}`};
	const {bytes} = read;

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
	const read = readConfigFile(path);
	if ('data' in read) return {data: read.data ?? {}, warnings: []};
	const moved = await moveAside(path);
	return {data: {}, warnings: [escapeInline(`config file ${path} ${read.problem}; ${moved}; using the defaults`)]};
}

/**
 * Anyone who can write to the config folder can replace the config, and with it the catalogs errdoctor loads and
 * the clipboard it writes to. Windows has no such mode bits.
 */
async function folderWarning(directory: string): Promise<string[]> {
	if (process.platform === 'win32') return [];
	try {
		if (((await stat(directory)).mode & 0o002) === 0) return [];
	} catch {
		// A folder that does not exist yet is created with mode 0700 on the first save.
		return [];
	}

	return [
		escapeInline(
			`config folder ${directory} is writable by every user, who could change errdoctor's settings and catalogs; ` +
				`run chmod o-w on it`,
		),
	];
}

/**
 * Reads the config. Never throws for a bad file: a truncated, empty, non-UTF-8, BOM-prefixed, schema-violating,
 * oversized or unreadable file, or a directory, FIFO or device in its place, gives one warning line, is moved aside,
 * and the defaults apply. A config folder every user can write to gives one warning too.
 */
export async function loadConfig(options: ConfigOptions = {}): Promise<LoadedConfig> {
	const path = configPath(options);
	const {data, warnings} = await readStored(path);
	return {
		config: withDefaults(data),
		warnings: [...(await folderWarning(configDirectory(options))), ...warnings],
		path,
	};
}

/**
 * Writes a new file beside `config.json` and renames it over: a `config.json` that is a symbolic link is replaced,
 * never followed, so neither its target's content nor its mode changes, and a reader never sees half a file.
 * O_EXCL and O_NOFOLLOW keep the new file from being one somebody placed there first: a name taken fails the save.
 */
async function writeConfigFile(directory: string, data: Partial<Config>): Promise<void> {
	const temporary = join(directory, `.config.json.${process.pid}.${process.hrtime.bigint()}.tmp`);
	const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
	const file = await open(temporary, flags, 0o600);
	try {
		try {
			await file.writeFile(`${JSON.stringify(data, null, '\t')}\n`);
			await file.sync();
		} finally {
			await file.close();
		}

		await rename(temporary, join(directory, 'config.json'));
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
}

/**
 * Merges `patch` into the stored config and writes it with mode 0600, atomically. Returns the warnings of reading
 * the old file, which is moved aside if it was bad. Throws when the patch breaks the schema.
 */
export async function saveConfig(patch: Partial<Config>, options: ConfigOptions = {}): Promise<readonly string[]> {
	const directory = configDirectory(options);
	const {data, warnings} = await readStored(join(directory, 'config.json'));
	const next = {...data, ...patch};
	const problems = configProblems(next);
	if (problems.length > 0) throw new Error(`refusing to save an invalid config: ${problems.join('; ')}`);
	await mkdir(directory, {recursive: true, mode: 0o700});
	await writeConfigFile(directory, next);
	return warnings;
}
