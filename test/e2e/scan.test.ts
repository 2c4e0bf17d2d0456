import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'errdoctor-scan-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));

const run = (args: string[], input: string | Buffer = '', configDir?: string) =>
	runCli(['scan', ...args], {input, ...(configDir === undefined ? {} : {configDir})});

const rateLimited = (time: string, id: string) =>
	`${time} ERROR upstream {"type":"rate-limited","title":"Rate Limited","status":429,"request_id":"${id}"}`;
const log = [
	rateLimited('2025-03-04T10:00:00Z', 'req_1'),
	rateLimited('2025-03-04T10:00:30Z', 'req_2'),
	rateLimited('2025-03-04T10:03:00Z', 'req_3'),
	'2025-03-04T10:03:10Z INFO GET /v1/wallets 200 12ms',
	'{"level":"error","time":"2025-03-04T10:04:00Z","body":{"error":{"code":"TOKEN_EXPIRED","message":"JWT token has expired"}}}',
	'2025-03-04T10:05:00Z WARN upstream status=503',
].join('\n');

test('scan --json prints the census contract, largest group first', (t) => {
	const file = join(dir, 'app.log');
	writeFileSync(file, log);
	const {status, stdout, stderr} = run(['--json', file]);
	t.is(status, 0, stderr);
	t.deepEqual(JSON.parse(stdout), {
		total: 5,
		groups: [
			{
				provider: 'dakota',
				status: 429,
				code: 'rate-limited',
				count: 3,
				firstSeen: '2025-03-04T10:00:00.000Z',
				lastSeen: '2025-03-04T10:03:00.000Z',
				requestIds: ['req_1', 'req_2', 'req_3'],
			},
			{
				provider: 'customer-verification',
				status: 401,
				code: 'TOKEN_EXPIRED',
				count: 1,
				firstSeen: '2025-03-04T10:04:00.000Z',
				lastSeen: '2025-03-04T10:04:00.000Z',
				requestIds: [],
			},
			{
				provider: null,
				status: 503,
				code: null,
				count: 1,
				firstSeen: '2025-03-04T10:05:00.000Z',
				lastSeen: '2025-03-04T10:05:00.000Z',
				requestIds: [],
			},
		],
	});
});

test('scan prints a table with the top fix per group and a histogram of errors per minute', (t) => {
	const {status, stdout} = run([], log);
	t.is(status, 0);
	t.regex(stdout, /^5 errors in 3 groups/);
	t.regex(stdout, / 3 +dakota +429 +rate-limited +2025-03-04 10:00:00 +2025-03-04 10:03:00\n/);
	t.regex(stdout, /request ids: req_1, req_2, req_3/);
	t.regex(stdout, /Errors per minute \(UTC\)/);
	t.regex(stdout, /2025-03-04 10:00 │█ {2}▄▄▄│ 2025-03-04 10:05\n {2}peak 2 at 2025-03-04 10:00/);
	t.false(stdout.includes('\u001B'), 'no colour when stdout is not a terminal');
});

test('scan --markdown prints a table for a ticket', (t) => {
	const {status, stdout} = run(['--markdown', '-'], log);
	t.is(status, 0);
	t.regex(stdout, /^## errdoctor scan: 5 errors in 3 groups/);
	t.regex(stdout, /\| 3 \| dakota \| 429 \| rate-limited \| 2025-03-04 10:00:00 \| 2025-03-04 10:03:00 \| req\\_1/);
});

test('scan reads a HAR file, by name or by content on stdin', (t) => {
	const entry = (status: number, text: string) => ({
		startedDateTime: '2025-03-04T10:00:00.000Z',
		request: {method: 'GET', url: 'https://api.dfns.io/wallets', headers: []},
		response: {status, statusText: '', headers: [{name: 'content-type', value: 'application/json'}], content: {text}},
	});
	const har = JSON.stringify(
		{
			log: {
				version: '1.2',
				entries: [
					entry(200, '{"items": []}'),
					entry(401, '{"error": {"message": "Not Authorized."}}'),
					entry(401, '{"error": {"message": "Not Authorized."}}'),
				],
			},
		},
		null,
		2,
	);
	const file = join(dir, 'session.har');
	writeFileSync(file, har);
	for (const [args, input] of [
		[['--json', file], ''],
		[['--json'], har],
	] as const) {
		const {status, stdout, stderr} = run([...args], input);
		t.is(status, 0, stderr);
		const census = JSON.parse(stdout) as {total: number; groups: Array<{provider: string; status: number}>};
		t.is(census.total, 2);
		t.like(census.groups[0], {provider: 'dfns', status: 401, count: 2});
	}
});

test('scan exits 3 when the input holds no error, and still prints the empty census with --json', (t) => {
	const plain = run([], '2025-03-04T10:00:00Z INFO all good\n');
	t.is(plain.status, 3);
	t.is(plain.stdout, '');
	t.regex(plain.stderr, /^errdoctor: found no HTTP error/);
	const json = run(['--json'], 'nothing here\n');
	t.is(json.status, 3);
	t.deepEqual(JSON.parse(json.stdout), {total: 0, groups: []});
	const binary = run([], Buffer.from([0x7b, 0x00, 0x01, 0x02]));
	t.is(binary.status, 3);
	t.regex(binary.stderr, /binary/);
});

/** A user catalog that refines a bundled one: its own title for one of the provider's codes. */
function refinement(provider: string, code: string, title: string): string {
	const bundled = JSON.parse(readFileSync(new URL(`../../catalogs/${provider}.json`, import.meta.url), 'utf8')) as {
		entries: Array<{code?: string; title: string}>;
	};
	const entry = bundled.entries.find((candidate) => candidate.code === code)!;
	const file = join(mkdtempSync(join(dir, 'catalog-')), `${provider}.json`);
	writeFileSync(file, JSON.stringify({...bundled, entries: [{...entry, title}]}));
	return file;
}

test('scan uses the user catalogs explain uses: --catalog and the config catalogPaths', (t) => {
	const file = join(dir, 'dguard.log');
	writeFileSync(file, '2025-03-04T10:00:00Z ERROR {"error_code":"FRAUD_005","message":"Rate limit exceeded"}\n');
	const title = 'Fraud checks throttled (see runbook 7)';
	const catalog = refinement('dguard', 'FRAUD_005', title);

	const bundled = run([file]);
	t.is(bundled.status, 0, bundled.stderr);
	// No reader crashed, so --debug has nothing to add.
	t.deepEqual(run(['--debug', file]), bundled);
	t.regex(bundled.stdout, /Rate limit exceeded: /);
	t.false(bundled.stdout.includes(title));

	const flagged = run(['--catalog', catalog, file]);
	t.is(flagged.status, 0, flagged.stderr);
	t.true(flagged.stdout.includes(`${title}: `), flagged.stdout);

	const configDir = mkdtempSync(join(dir, 'config-'));
	writeFileSync(join(configDir, 'config.json'), JSON.stringify({catalogPaths: [catalog]}));
	t.is(run([file], '', configDir).stdout, flagged.stdout);

	const missing = run(['--catalog', join(dir, 'no-such.json'), file]);
	t.is(missing.status, 2);
	t.regex(missing.stderr, /--catalog .*no-such\.json: no such file or directory/);
});

test('a large log file, read in parts by several threads, gives the census of one thread reading it from stdin', (t) => {
	const lines: string[] = [];
	let time = Date.parse('2025-03-04T10:00:00Z');
	for (let size = 0; size < 17 * 1024 * 1024;) {
		for (const line of [
			rateLimited(new Date((time += 700)).toISOString(), `req_${time % 9}`),
			'{"level":"error","time":"2025-03-04T10:04:00Z","body":{"error":{"code":"TOKEN_EXPIRED","message":"expired"}}}',
			`${new Date((time += 700)).toISOString()} ERROR refund failed:`,
			'{',
			`  "error_code": "REFUND_004", "request_id": "r${time % 7}"`,
			'}',
			'< HTTP/1.1 502 Bad Gateway',
			'<',
			'<html><title>502</title></html>',
			`${new Date((time += 700)).toISOString()} INFO GET /v1/wallets 200 12ms`,
		]) {
			lines.push(line);
			size += line.length + 1;
		}
	}

	const file = join(dir, 'large.log');
	writeFileSync(file, lines.join('\n'));
	const title = 'Rate limited (see runbook 9)';
	const catalog = ['--catalog', refinement('dakota', 'rate-limited', title)];
	for (const args of [['--json'], [], catalog]) {
		const parts = run([...args, file]);
		const one = run([...args, '-'], readFileSync(file));
		t.is(parts.status, 0, parts.stderr);
		t.is(parts.stdout, one.stdout);
		// The threads load the user's catalog too: the title is theirs.
		t.is(parts.stdout.includes(`${title}: `), args === catalog);
	}
});

test('scan usage errors exit 2 with one line and no stack trace', (t) => {
	for (const args of [['--json', '--markdown'], ['a.log', 'b.log'], ['/nonexistent/app.log'], [dir]]) {
		const {status, stderr} = run(args);
		t.is(status, 2, args.join(' '));
		t.is(stderr.trim().split('\n').length, 1, stderr);
		t.false(stderr.includes('\n    at '), stderr);
	}

	t.is(run(['--bogus']).status, 2);
});
