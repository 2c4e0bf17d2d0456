import {spawn} from 'node:child_process';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {renderJson} from '../../source/render/json.js';
import {showDiagnosis} from '../../source/render/shown.js';
import {catalogs} from '../helpers/catalogs.js';
import {cliEnv, cliPath, runCli} from '../helpers/cli.js';

// How dist/ starts: cli.cjs compiles main.cjs with the build's V8 code cache; every other command is an ES chunk.
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const body = readFileSync(join(root, 'test/fixtures/e2e/dakota-401-body.json'), 'utf8');
/** The bin of a package copied to `dir`. */
const copiedCli = (dir: string): string => join(dir, 'dist', 'cli.cjs');

/** A copy of the package (dist/ files chosen by `keep`, catalogs/ and examples/) in a temp dir. */
function copyPackage(keep: (file: string) => boolean): string {
	const dir = mkdtempSync(join(tmpdir(), 'errdoctor-start-'));
	for (const folder of ['dist', 'catalogs', 'examples']) {
		mkdirSync(join(dir, folder));
		for (const file of readdirSync(join(root, folder))) {
			const from = join(root, folder, file);
			if (folder === 'dist' && !keep(file)) continue;
			copyFileSync(from, join(dir, folder, file));
			// The manifest knows the catalogs by size and modification time, which a copy would otherwise change.
			const {atime, mtime} = statSync(from);
			utimesSync(join(dir, folder, file), atime, mtime);
		}
	}

	return dir;
}

// A fixed --now: the report's reference time would otherwise be the clock.
const explain = ['explain', '--json', '--now', '2025-03-04T11:00:00Z'];
const expected = runCli(explain, {input: body});

test('the build leaves a code cache that V8 accepts', (t) => {
	const start = createRequire(import.meta.url)(cliPath) as {codeCacheAccepted: () => boolean};
	t.true(start.codeCacheAccepted());
});

test('explain and demo run with no ES module chunk at all: the diagnosing start is main.cjs alone', (t) => {
	const dir = copyPackage((file) => !file.endsWith('.mjs'));
	try {
		const cli = copiedCli(dir);
		t.deepEqual(runCli(explain, {cli, input: body}), expected);
		const demo = runCli(['demo', '--json'], {cli});
		t.is(demo.status, 0, demo.stderr);
		t.regex(demo.stdout, /"code": "authentication-error"/);
		// Anything else is in the chunks, so here it fails; that proves the test can tell them apart.
		t.not(runCli(['lookup', 'dakota', 'authentication-error'], {cli}).status, 0);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

for (const [name, cache] of [
	['missing', null],
	['damaged', Buffer.from('not a V8 code cache at all')],
	['truncated', readFileSync(join(dist, 'main.cjs.cache')).subarray(0, 4096)],
] as const) {
	test(`a ${name} code cache changes nothing but speed`, (t) => {
		const dir = copyPackage((file) => file !== 'main.cjs.cache');
		try {
			if (cache) writeFileSync(join(dir, 'dist', 'main.cjs.cache'), cache);
			t.deepEqual(runCli(explain, {cli: copiedCli(dir), input: body}), expected);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
}

test('a bundled catalog that was touched but not changed is still accepted', (t) => {
	const dir = copyPackage(() => true);
	try {
		const dakota = join(dir, 'catalogs', 'dakota.json');
		utimesSync(dakota, new Date(), new Date());
		t.deepEqual(runCli(explain, {cli: copiedCli(dir), input: body}), expected);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a bundled catalog edited after the build is validated again, and skipped when broken', (t) => {
	const dir = copyPackage(() => true);
	try {
		const dakota = join(dir, 'catalogs', 'dakota.json');
		const catalog = JSON.parse(readFileSync(dakota, 'utf8')) as Record<string, unknown>;
		delete catalog['entries'];
		writeFileSync(dakota, JSON.stringify(catalog));
		const result = runCli(explain, {cli: copiedCli(dir), input: body});
		t.is(result.status, 0);
		t.regex(result.stderr, /skipped catalog .*dakota\.json/);
		t.not((JSON.parse(result.stdout) as {provider: {id: string} | null}).provider?.id, 'dakota');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a UsageError thrown in an ES module chunk reaches the router as one line and exit code 2', (t) => {
	const result = runCli(['scan', join(tmpdir(), 'errdoctor-no-such-file.log')]);
	t.is(result.status, 2);
	t.regex(result.stderr, /^errdoctor: cannot read .*no such file\n$/);
});

test('a reader that closes the pipe early ends errdoctor quietly with 0', async (t) => {
	const child = spawn(process.execPath, [cliPath, 'demo'], {stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv()});
	// Closed before errdoctor has even started, so its write meets a pipe with no reader (EPIPE).
	child.stdout.destroy();
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
	t.is(status, 0);
	t.is(stderr, '');
});

/**
 * Runs the bin once per FILE in one Node process: a start costs far more than a diagnosis, and a hundred of them made
 * this the slowest test. Each run is a fresh start of the bin as far as errdoctor can tell: `Module.runMain` loads
 * cli.cjs again as the main module (so it compiles main.cjs with the code cache and runs the router) with new
 * arguments, and the router ends by setting `process.exitCode`. Each output is followed by its exit code, both ended
 * by a NUL, which JSON never holds raw.
 */
const explainEach = `
const Module = require('node:module');
const {writeSync} = require('node:fs');
const [cli, now, ...files] = process.argv.slice(1);
const settled = async () => {
	while (process.exitCode === undefined) await new Promise((resolve) => setImmediate(resolve));
};
(async () => {
	for (const file of files) {
		process.argv = [process.execPath, cli, 'explain', '--json', '--now', now, file];
		process.exitCode = undefined;
		delete require.cache[cli];
		Module.runMain(cli);
		await settled();
		writeSync(1, '\\0' + process.exitCode + '\\0');
	}
	process.exitCode = 0;
})();
`;

test('the built program diagnoses every fixture exactly as the source does (bundling, decoding, code cache)', (t) => {
	const now = '2025-03-04T11:00:00Z';
	const files = ['bodies', 'curl', 'http', 'e2e'].flatMap((folder) =>
		readdirSync(join(root, 'test/fixtures', folder)).map((file) => join(root, 'test/fixtures', folder, file)),
	);
	const dir = mkdtempSync(join(tmpdir(), 'errdoctor-fixtures-'));
	try {
		// Non-ASCII inside the bundle's own regular expressions: a shell prompt and an already redacted value.
		const prompt = join(dir, 'prompt.txt');
		writeFileSync(
			prompt,
			`❯ curl -si https://api.dakota.xyz/customers -H 'x-api-key: ab…[redacted, 32 chars]'\n${body}`,
		);
		files.push(prompt);
		t.true(files.length > 100);
		const built = runCli([now, ...files], {nodeArgs: ['-e', explainEach]});
		t.is(built.status, 0, built.stderr);
		const pieces = built.stdout.split('\0');
		t.is(pieces.length, 2 * files.length + 1);
		for (const [index, file] of files.entries()) {
			const diagnosis = diagnose(readFileSync(file, 'utf8'), {catalogs, now, provider: null});
			t.deepEqual(
				{stdout: pieces[2 * index], status: pieces[2 * index + 1]},
				{stdout: diagnosis ? renderJson(showDiagnosis(diagnosis)) : '', status: diagnosis ? '0' : '3'},
				file,
			);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a non-blocking stdout that fills up (EAGAIN) still gets the whole report', async (t) => {
	const dir = mkdtempSync(join(tmpdir(), 'errdoctor-eagain-'));
	try {
		// 3,000 distinct codes: a census far larger than a pipe's buffer.
		const log = join(dir, 'many.ndjson');
		const line = (index: number) =>
			JSON.stringify({time: '2025-03-04T10:00:00Z', status: 400, error: {code: `code_${index}`, message: 'm'}});
		writeFileSync(log, Array.from({length: 3000}, (_, index) => line(index)).join('\n'));
		const expectedOutput = runCli(['scan', '--json', log]).stdout;
		t.true(expectedOutput.length > 256 * 1024);
		// The parent makes the pipe's open file description non-blocking, as a Node parent's own stdout can be, and
		// errdoctor inherits it.
		const wrapper = `process.stdout._handle.setBlocking(false);
			const r = require('node:child_process').spawnSync(process.execPath, process.argv.slice(1), {stdio: ['ignore', 'inherit', 'inherit']});
			process.exitCode = r.status;`;
		const child = spawn(process.execPath, ['-e', wrapper, cliPath, 'scan', '--json', log], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: cliEnv(),
		});
		// Not read for a while, so the pipe is full when errdoctor writes.
		child.stdout.pause();
		setTimeout(() => child.stdout.resume(), 500);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
		t.is(stderr, '');
		t.is(status, 0);
		t.is(stdout, expectedOutput);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
