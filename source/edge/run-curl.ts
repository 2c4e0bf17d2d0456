import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {redactText} from '../core/redact/index.js';
import type {RunPlan} from '../core/run/plan.js';

export type RunOptions = {
	/** Kill curl after this long; curl's own `--max-time 30` normally ends it first. */
	readonly timeoutMs?: number;
	/** Most bytes of output kept; curl's `--max-filesize 10M` covers the body, this also covers headers. */
	readonly maxBytes?: number;
};

export type RunResult = {readonly ok: true; readonly output: string} | {readonly ok: false; readonly message: string};

const defaultTimeoutMs = 35_000;
const defaultMaxBytes = 10 * 1024 * 1024 + 256 * 1024;

/**
 * Runs the real `curl` with the arguments `planRun` built: no shell, an environment of `PATH` alone (no proxy
 * variables, no `CURL_HOME`, no `SSLKEYLOGFILE`), stdin closed, in a fresh empty directory that is removed
 * afterwards. Output is `curl -i` text; failure messages are redacted, since curl echoes URLs back.
 */
export async function executeRun(plan: RunPlan, options: RunOptions = {}): Promise<RunResult> {
	const {execa} = await import('execa');
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const maxBytes = options.maxBytes ?? defaultMaxBytes;
	const cwd = await mkdtemp(join(tmpdir(), 'errdoctor-run-'));
	try {
		const result = await execa('curl', plan.argv, {
			shell: false,
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin'},
			extendEnv: false,
			stdin: 'ignore',
			cwd,
			timeout: timeoutMs,
			maxBuffer: maxBytes,
			reject: false,
			stripFinalNewline: false,
		});
		// The allowlist keeps curl from writing files; anything left here means that guard failed somewhere.
		const left = await readdir(cwd);
		if (left.length > 0) return {ok: false, message: `curl wrote ${left.join(', ')} in its working directory`};
		if (result.timedOut) return {ok: false, message: `curl did not finish within ${timeoutMs / 1000} s`};
		if (result.isMaxBuffer) return {ok: false, message: `the response is larger than ${maxBytes} bytes`};
		if (result.exitCode === undefined) {
			const code = 'code' in result ? String(result.code) : 'unknown error';
			return {ok: false, message: `could not start curl: ${code === 'ENOENT' ? 'it is not on PATH' : code}`};
		}

		if (result.exitCode !== 0) {
			// Not execa's message: it repeats the whole command line, credentials included.
			const said = result.stderr.trim().replace(/^curl: /, '');
			return {ok: false, message: redactText(`curl failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`)};
		}

		return {ok: true, output: result.stdout};
	} finally {
		await rm(cwd, {recursive: true, force: true});
	}
}
