import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import test from 'ava';
import {parseCurlCommand} from '../../source/core/parts/curl.js';
import {planRun, type RunPlan} from '../../source/core/run/plan.js';
import {executeRun} from '../../source/edge/run-curl.js';

// A stand-in `curl` on PATH that reports what it was given: argv, environment, working directory, stdin.
// Markers in its arguments make it misbehave the ways the real one could.
const fakeCurl = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
let stdin;
try { stdin = fs.readFileSync(0, 'utf8'); } catch (error) { stdin = 'unreadable: ' + error.code; }
const seen = {args, env: process.env, cwd: process.cwd(), files: fs.readdirSync('.'), stdin};
if (args.includes('write-a-file')) fs.writeFileSync('stolen.txt', 'x');
if (args.includes('fail')) {
	process.stderr.write('curl: (7) Failed to connect to https://api.example/?api_key=sk_live_51NbXq8FQz3kRt7Lw2YhVcPdMmJ4\\n');
	process.exit(7);
}
if (args.includes('hang')) setTimeout(() => {}, 60000);
else process.stdout.write('HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\n\\r\\n' + JSON.stringify(seen) + (args.includes('big') ? 'x'.repeat(5000) : ''));
`;

const root = mkdtempSync(join(tmpdir(), 'errdoctor-run-test-'));
const bin = join(root, 'bin');
const temporary = join(root, 'tmp');
mkdirSync(bin);
mkdirSync(temporary);
writeFileSync(join(bin, 'curl'), fakeCurl);
// The fake curl is CommonJS; a package.json with "type": "module" further up the temp directory must not decide.
writeFileSync(join(root, 'package.json'), '{"type": "commonjs"}\n');
chmodSync(join(bin, 'curl'), 0o755);

const originalPath = process.env['PATH'];
process.env['PATH'] = `${bin}:${originalPath ?? ''}`;
process.env['TMPDIR'] = temporary;
test.after.always(() => {
	process.env['PATH'] = originalPath;
	rmSync(root, {recursive: true, force: true});
});

const fake = (...argv: string[]): RunPlan => ({method: 'GET', url: 'http://x/', host: 'x', argv, warnings: []});

type Seen = {args: string[]; env: Record<string, string>; cwd: string; files: string[]; stdin: string};

function seen(output: string): Seen {
	return JSON.parse(output.slice(output.indexOf('\r\n\r\n') + 4)) as Seen;
}

test.serial(
	'curl gets -q as argv[1], PATH as its whole environment, no stdin, and a fresh empty directory',
	async (t) => {
		const command = parseCurlCommand("curl -H 'X-Who: $(id)' https://api.dfns.io/wallets");
		const planned = planRun(command!);
		if (!planned.ok) throw new Error(planned.refusals.join('\n'));
		const result = await executeRun(planned.plan);
		if (!result.ok) throw new Error(result.message);
		t.regex(result.output, /^HTTP\/1\.1 200 OK\r\n/);
		const report = seen(result.output);
		t.is(report.args[0], '-q', 'argv[1] of the curl process');
		t.deepEqual(report.args, planned.plan.argv);
		t.true(report.args.includes('X-Who: $(id)'));
		t.deepEqual(Object.keys(report.env), ['PATH']);
		t.deepEqual(report.files, []);
		t.is(report.stdin, '');
		t.true(report.cwd.startsWith(join(temporary, 'errdoctor-run-')), report.cwd);
		t.deepEqual(readdirSync(temporary), [], 'the working directory is removed afterwards');
	},
);

test.serial('a file left in the working directory is reported and removed with it', async (t) => {
	const result = await executeRun(fake('-q', 'write-a-file'));
	t.deepEqual(result, {ok: false, message: 'curl wrote stolen.txt in its working directory'});
	t.deepEqual(readdirSync(temporary), []);
});

test.serial("curl's failure is reported with its own words, redacted", async (t) => {
	const result = await executeRun(fake('-q', 'fail'));
	t.false(result.ok);
	if (!result.ok) {
		t.regex(result.message, /^curl failed \(exit 7\): \(7\) Failed to connect/);
		t.false(result.message.includes('sk_live_51NbXq8FQz3kRt7Lw2YhVcPdMmJ4'), result.message);
	}
});

test.serial('a curl that hangs is stopped at the timeout, and output beyond the cap is refused', async (t) => {
	const started = Date.now();
	t.deepEqual(await executeRun(fake('-q', 'hang'), {timeoutMs: 300}), {
		ok: false,
		message: 'curl did not finish within 0.3 s',
	});
	t.true(Date.now() - started < 5000);
	t.deepEqual(await executeRun(fake('-q', 'big'), {maxBytes: 1000}), {
		ok: false,
		message: 'the response is larger than 1000 bytes',
	});
	t.deepEqual(readdirSync(temporary), []);
});

test.serial('no curl on PATH is one clear message', async (t) => {
	process.env['PATH'] = join(root, 'tmp');
	try {
		t.deepEqual(await executeRun(fake('-q')), {ok: false, message: 'could not start curl: it is not on PATH'});
	} finally {
		process.env['PATH'] = `${bin}:${originalPath ?? ''}`;
	}
});
