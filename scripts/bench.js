// `npm run bench [-- --quick]`: generates its inputs in a temp dir, runs the built dist/cli.cjs side by side with
// its baselines (medians of interleaved runs, NODE_EXTRA_CA_CERTS unset for every process) and prints a Markdown
// table. --quick shrinks sizes and runs for a smoke test; its numbers mean nothing.
import {spawn, spawnSync} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 10;
const logBytes = quick ? 2e6 : 200e6;
const tokenCount = quick ? 2000 : 100_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.cjs');
const timeBinary = '/usr/bin/time';
const jq = ['/usr/bin/jq', '/usr/local/bin/jq'].find((path) => existsSync(path)) ?? null;

const env = {...process.env, NO_COLOR: '1', COLUMNS: '100', LINES: '30'};
delete env.NODE_EXTRA_CA_CERTS;
delete env.FORCE_COLOR;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed(command, args, options = {}) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24, ...options});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.status !== 0 && result.status !== 3) {
		throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
	}

	return {ms, stderr: String(result.stderr ?? '')};
}

/** Runs each command once per round, in turn, so that machine noise hits both sides of a ratio alike. */
function sideBySide(commands) {
	const times = commands.map(() => []);
	for (let round = 0; round < runs; round++) {
		for (const [index, run] of commands.entries()) times[index].push(run());
	}

	return times;
}

// Deterministic random numbers, so every run scans the same log.
function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const hex = (next, length) => Array.from({length}, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');

/** Error bodies as providers send them; the parts that change from one occurrence to the next are random. */
const errorBodies = [
	(next) => ({
		type: 'rate-limited',
		title: 'Rate Limited',
		status: 429,
		detail: 'Too many requests. Please retry later.',
		instance: '/customers',
		request_id: `req_${hex(next, 12)}`,
	}),
	(next) => ({
		type: 'authentication-error',
		title: 'Authentication Error',
		status: 401,
		detail: 'Missing or invalid authentication credentials.',
		// One in ten names the customer it was about: a body that is not repeated word for word.
		instance: next() < 0.1 ? `/customers/cst_${hex(next, 10)}` : '/customers',
		request_id: `req_${hex(next, 12)}`,
	}),
	(next) => ({
		error: {code: 'TOKEN_EXPIRED', message: 'JWT token has expired', details: 'Token expired at 2025-11-05T10:30:00Z'},
		requestId: `req_${hex(next, 10)}`,
	}),
	(next) => ({
		error_code: 'REFUND_004',
		message: 'Idempotency key missing',
		details: {transaction_id: 'txn_123'},
		timestamp: '2025-03-04T10:00:00Z',
		request_id: `req_${hex(next, 12)}`,
	}),
	(next) => ({
		error: {
			id: String(2_038_837_570_328_299_032n + BigInt(Math.floor(next() * 1e9))),
			status: 404,
			message: 'wallet not found',
			details: {walletId: 'wa-1f04s-lqc9q-8rsr3fqq2cvud2m5'},
		},
	}),
];

function iso(ms) {
	return new Date(ms).toISOString();
}

/**
 * A mixed log: timestamped lines with an error body after a prefix, logger envelopes as NDJSON, plain info lines,
 * info records as JSON, `status=503` lines, and now and then a `curl -v` capture or a pretty-printed body. Writes
 * the log and, for jq, the same error values as NDJSON.
 */
function writeMixedLog(logFile, ndjsonFile, bytes) {
	const next = random(42);
	const log = openSync(logFile, 'w');
	const ndjson = openSync(ndjsonFile, 'w');
	let written = 0;
	let time = Date.parse('2025-03-04T10:00:00Z');
	let logBuffer = [];
	let jsonBuffer = [];
	let pending = 0;
	const flush = () => {
		writeSync(log, logBuffer.join(''));
		writeSync(ndjson, jsonBuffer.join(''));
		logBuffer = [];
		jsonBuffer = [];
		pending = 0;
	};

	const add = (line, json) => {
		logBuffer.push(line, '\n');
		if (json !== null) jsonBuffer.push(json, '\n');
		written += line.length + 1;
		pending += line.length;
		if (pending > 1 << 20) flush();
	};

	while (written < bytes) {
		// A burst of errors in the middle of the log, so the histogram has something to show.
		time += written > bytes * 0.4 && written < bytes * 0.45 ? 2 : 40;
		const roll = next();
		const body = errorBodies[Math.floor(next() * errorBodies.length)](next);
		const json = JSON.stringify(body);
		if (roll < 0.35) {
			add(`${iso(time)} ERROR upstream call failed ${json}`, json);
		} else if (roll < 0.6) {
			const record = JSON.stringify({level: 'error', time: iso(time), msg: 'provider call failed', body});
			add(record, record);
		} else if (roll < 0.8) {
			add(`${iso(time)} INFO GET /v1/wallets/wa-${hex(next, 5)} 200 ${Math.floor(next() * 90)}ms`, null);
		} else if (roll < 0.97) {
			const info = {level: 'info', time: iso(time), msg: 'request completed', path: `/v1/wallets/wa-${hex(next, 5)}`};
			add(JSON.stringify(info), null);
		} else if (roll < 0.99) {
			add(`${iso(time)} WARN upstream status=503 after ${Math.floor(next() * 3000)}ms`, null);
		} else if (roll < 0.995) {
			add(`${iso(time)} ERROR pretty body:`, null);
			add(JSON.stringify(body, null, 2), json);
		} else {
			const problem = errorBodies[next() < 0.5 ? 0 : 1](next);
			add('> POST /api/v1/customers HTTP/1.1', null);
			add('> Host: api.platform.dakota.xyz', null);
			add(`< HTTP/1.1 ${problem.status}`, null);
			add('< content-type: application/problem+json', null);
			add(`< date: ${new Date(time).toUTCString()}`, null);
			add('<', null);
			add(JSON.stringify(problem), JSON.stringify(problem));
		}
	}

	flush();
	closeSync(log);
	closeSync(ndjson);
}

/** Milliseconds until the TUI shows text in a pseudo-terminal (script from util-linux), or null without a TUI. */
function firstFrame(args) {
	return new Promise((resolve) => {
		const start = process.hrtime.bigint();
		const child = spawn('script', ['-qfc', args.join(' '), '/dev/null'], {
			env: {...env, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'ignore'],
			detached: true,
		});
		let output = '';
		let done = false;
		const finish = (value) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}

			resolve(value);
		};

		const timer = setTimeout(() => finish(null), 10_000);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			// Escape sequences (hide cursor, clear) come first; the frame is the first visible text.
			if (/[a-z]{3}/i.test(output.replaceAll(/\u001B\[[\d;?]*[a-z]/gi, ''))) {
				finish(Number(process.hrtime.bigint() - start) / 1e6);
			}
		});
		child.on('exit', () => finish(args.includes('-e') ? Number(process.hrtime.bigint() - start) / 1e6 : null));
	});
}

async function tuiRow() {
	const probe = spawnSync(process.execPath, [cli, 'paste', '--help'], {env, encoding: 'utf8'});
	if (probe.status !== 0 && probe.status !== 2) return null;
	const tui = [];
	const bare = [];
	for (let round = 0; round < runs; round++) {
		bare.push(await firstFrame([process.execPath, '-e', '0']));
		tui.push(await firstFrame([process.execPath, cli, 'paste']));
	}

	if (tui.includes(null) || bare.includes(null)) return null;
	return {tui: median(tui), bare: median(bare)};
}

/** decodeJwt from the source, bundled on the fly, timed in this process over generated tokens. */
async function jwtRow(dir) {
	const bundle = join(dir, 'jwt.mjs');
	await build({
		entryPoints: [join(root, 'source/core/jwt/decode.ts')],
		outfile: bundle,
		bundle: true,
		format: 'esm',
		platform: 'node',
		logLevel: 'warning',
	});
	const {decodeJwt} = await import(pathToFileURL(bundle).href);
	const next = random(7);
	const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const header = part({alg: 'RS256', typ: 'JWT'});
	const tokens = Array.from({length: tokenCount}, (_, index) => {
		const claims = {sub: `usr_${index}`, iat: 1_741_082_400, exp: 1_741_086_000 + index, jti: hex(next, 16)};
		return `${header}.${part(claims)}.${hex(next, 43)}`;
	});
	const perToken = [];
	for (let round = 0; round < runs; round++) {
		const start = process.hrtime.bigint();
		for (const token of tokens) decodeJwt(token, 'paste', '2025-03-04T10:30:00.000Z');
		perToken.push(Number(process.hrtime.bigint() - start) / 1e3 / tokens.length);
	}

	return median(perToken);
}

function maxRss(stderr) {
	const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
	return match ? Number(match[1]) / 1024 : null;
}

const fmt = (value, digits = 0) => (value === null ? 'n/a' : value.toFixed(digits));
const verdict = (value, goal) => (value === null ? 'n/a' : value <= goal ? 'pass' : 'fail');

if (!existsSync(cli)) {
	console.error('bench: dist/cli.cjs is missing; run `node scripts/build.js` first.');
	process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'errdoctor-bench-'));
try {
	const rows = [];
	const body = join(dir, 'body.json');
	const dakota = {
		type: 'authentication-error',
		title: 'Authentication Error',
		status: 401,
		detail: 'Missing or invalid authentication credentials.',
		instance: '/customers',
		request_id: 'req_9c2e41d7',
	};
	let text = JSON.stringify({...dakota, padding: ''}, null, 2);
	text = JSON.stringify({...dakota, padding: 'x'.repeat(Math.max(0, 1024 - text.length))}, null, 2);
	writeFileSync(body, text);

	const [explain, bare] = sideBySide([
		() => timed(process.execPath, [cli, 'explain', '--json', body]).ms,
		() => timed(process.execPath, ['-e', '0']).ms,
	]);
	const explainRatio = median(explain) / median(bare);
	rows.push([
		'`explain --json`, 1 KB body',
		`${fmt(median(explain))} ms`,
		`${fmt(median(bare))} ms (node -e 0)`,
		fmt(explainRatio, 2) + '×',
		'≤ 2.0×',
		verdict(explainRatio, 2),
	]);

	const tui = await tuiRow();
	const tuiRatio = tui ? tui.tui / tui.bare : null;
	rows.push([
		'TUI first frame (`paste`, pty)',
		tui ? `${fmt(tui.tui)} ms` : 'n/a',
		tui ? `${fmt(tui.bare)} ms (node -e 0)` : 'n/a',
		tuiRatio === null ? 'n/a' : fmt(tuiRatio, 2) + '×',
		'≤ 8×',
		verdict(tuiRatio, 8),
	]);

	const log = join(dir, 'mixed.log');
	const ndjson = join(dir, 'errors.ndjson');
	writeMixedLog(log, ndjson, logBytes);
	const logMb = statSync(log).size / 1e6;
	const ndjsonMb = statSync(ndjson).size / 1e6;
	const useTime = existsSync(timeBinary);
	const rss = [];
	const commands = [
		() => {
			const args = [cli, 'scan', '--json', log];
			const run = useTime ? timed(timeBinary, ['-v', process.execPath, ...args]) : timed(process.execPath, args);
			rss.push(maxRss(run.stderr));
			return run.ms;
		},
	];
	if (jq) commands.push(() => timed(jq, ['-c', '.error.code', ndjson]).ms);
	const [scan, jqTimes] = sideBySide(commands);
	const scanMs = median(scan);
	const jqMs = jqTimes ? median(jqTimes) : null;
	const scanRatio = jqMs === null ? null : scanMs / jqMs;
	const peak = rss.includes(null) ? null : Math.max(...rss);
	rows.push([`\`scan\`, ${fmt(logMb)} MB mixed log`, `${fmt(logMb / (scanMs / 1000))} MB/s`, '-', '-', '-', '-']);
	rows.push([
		'`scan` time vs jq',
		`${fmt(scanMs)} ms`,
		jq ? `${fmt(jqMs)} ms (\`jq -c .error.code\`, ${fmt(ndjsonMb)} MB NDJSON)` : 'jq not found',
		scanRatio === null ? 'n/a' : fmt(scanRatio, 2) + '×',
		'≤ 0.6×',
		verdict(scanRatio, 0.6),
	]);
	rows.push([
		'`scan` peak RSS',
		peak === null ? 'n/a (no /usr/bin/time)' : `${fmt(peak)} MiB`,
		'-',
		'-',
		'≤ 160 MiB',
		verdict(peak, 160),
	]);

	const microseconds = await jwtRow(dir);
	rows.push([
		`\`jwt\` decoding, ${tokenCount.toLocaleString('en-US')} tokens`,
		`${fmt(microseconds, 1)} µs/token`,
		'-',
		'-',
		'-',
		'-',
	]);

	console.log(`Node ${process.version}, medians of ${runs} runs${quick ? ' (--quick: smoke test sizes)' : ''}\n`);
	console.log('| measure | value | baseline | ratio | goal | result |');
	console.log('| --- | ---: | --- | ---: | --- | --- |');
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
} finally {
	rmSync(dir, {recursive: true, force: true});
}
