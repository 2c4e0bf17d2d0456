/* The built CLI as end-to-end tests run it: the published bin, a clean environment and an empty config. */
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The package's `bin`: what `npm run build` writes and a user runs. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export type CliResult = {readonly status: number | null; readonly stdout: string; readonly stderr: string};

export type CliOptions = {
	readonly input?: string | Buffer;
	/** Added to (or, when undefined, removed from) the environment. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** The config directory; by default an empty one of this run's own, so the tester's config never leaks in. */
	readonly configDir?: string;
	/** Another copy of the bin (a package copied elsewhere). */
	readonly cli?: string;
	/** Node options placed before the bin (`-e` with a script that receives the bin as its first argument). */
	readonly nodeArgs?: readonly string[];
	readonly timeout?: number;
};

let configRoot: string | undefined;

/** A new empty directory per run, all under one folder that is removed when the test process ends. */
function emptyConfigDir(): string {
	if (configRoot === undefined) {
		const root = mkdtempSync(join(tmpdir(), 'errdoctor-test-config-'));
		process.once('exit', () => rmSync(root, {recursive: true, force: true}));
		configRoot = root;
	}

	return mkdtempSync(join(configRoot, 'run-'));
}

/** Colour off whatever the tester's terminal says, so output can be compared byte for byte. */
export function cliEnv(options: Pick<CliOptions, 'env' | 'configDir'> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NO_COLOR: '',
		FORCE_COLOR: '0',
		ERRDOCTOR_CONFIG_DIR: options.configDir ?? emptyConfigDir(),
	};
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}

	return env;
}

const commandLine = (args: readonly string[], options: CliOptions): string[] => [
	...(options.nodeArgs ?? []),
	options.cli ?? cliPath,
	...args,
];

/** Runs the CLI to its end; blocks the test process, so prefer `runCliAsync` for long series of runs. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
	const result = spawnSync(process.execPath, commandLine(args, options), {
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: options.timeout ?? 30_000,
		maxBuffer: 256 * 1024 * 1024,
		env: cliEnv(options),
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/**
 * Runs the CLI without blocking: AVA sees the test alive, and a server in the test process can answer it.
 * `detached` starts it in a new session, without a controlling terminal even when the tests run in one.
 */
export async function runCliAsync(
	args: readonly string[],
	options: CliOptions & {readonly detached?: boolean} = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, commandLine(args, options), {
		detached: options.detached ?? false,
		env: cliEnv(options),
		timeout: options.timeout ?? 30_000,
		killSignal: 'SIGKILL',
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	// A run that refuses its input (exit 3 on a NUL byte) may close stdin before reading all of it.
	child.stdin.on('error', () => undefined);
	child.stdin.end(options.input ?? '');
	const status = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	// Decoded once at the end: a chunk boundary may split a multi-byte character.
	return {status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8')};
}
