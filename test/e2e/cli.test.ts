import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {parseReport, reportProblems} from '../helpers/report.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/e2e/${name}`, import.meta.url), 'utf8');
const run = (args: string[], input: string | Buffer = '') => runCli(args, {input});

test('explain --json on a Dakota 401 body reports provider, format, status and code, valid against the schema', (t) => {
	const {status, stdout, stderr} = run(['explain', '--json'], fixture('dakota-401-body.json'));
	t.is(status, 0, stderr);
	const report = JSON.parse(stdout) as Record<string, unknown>;
	t.deepEqual(reportProblems(report), []);
	t.like(report, {schemaVersion: 1, format: 'problem-details', status: 401, code: 'authentication-error'});
	t.is((report['provider'] as {id: string}).id, 'dakota');
	t.is(report['statusSource'], 'body');
});

test('explain reads a FILE argument and prints a text report', (t) => {
	const file = fileURLToPath(new URL('../fixtures/e2e/dakota-401-body.json', import.meta.url));
	const {status, stdout} = run(['explain', file]);
	t.is(status, 0);
	t.regex(stdout, /Dakota/);
	t.regex(stdout, /401/);
	t.regex(stdout, /authentication-error/);
	t.false(stdout.includes('\u001B'), 'no colour when stdout is not a terminal');
});

test('--markdown gives a ticket-ready summary with the API key redacted', (t) => {
	const {status, stdout} = run(['explain', '--markdown'], fixture('dakota-curl-401.txt'));
	t.is(status, 0);
	t.regex(stdout, /^## Dakota 401/m);
	t.regex(stdout, /authentication-error/);
	t.false(stdout.includes('4f9a2c71e8b04d3a'), 'the API key never reaches a ticket');
});

test('demo prints a real report of the bundled sample', (t) => {
	const {status, stdout} = run(['demo']);
	t.is(status, 0);
	t.regex(stdout, /Dakota/);
	t.regex(stdout, /x-api-key/i);
});

test('--now and --provider are honoured', (t) => {
	const {status, stdout} = run(
		['explain', '--json', '--now', '2025-03-04T11:00:00Z', '--provider', 'dakota'],
		'{"type": "rate-limited", "title": "Rate Limited", "status": 429}',
	);
	t.is(status, 0);
	const report = parseReport<{referenceTime: {iso: string; source: string}; provider: {reasons: string[]}}>(stdout);
	t.deepEqual(report.referenceTime, {iso: '2025-03-04T11:00:00.000Z', source: 'flag'});
	t.deepEqual(report.provider.reasons, ['--provider dakota']);
});

test('usage errors exit 2 with one line and no stack trace', (t) => {
	for (const args of [
		['explain', '--now', 'yesterday'],
		['explain', '--provider', 'nope'],
		['explain', '--json', '--markdown'],
		['explain', '--bogus'],
		['explain', 'a.txt', 'b.txt'],
		['explain', '/nonexistent/ticket.txt'],
	]) {
		const {status, stderr} = run(args, '{"error": "invalid_grant"}');
		t.is(status, 2, args.join(' '));
		t.false(/^ +at /m.test(stderr), 'no stack trace');
	}
});

test('--help and --version exit 0', (t) => {
	t.regex(run(['--help']).stdout, /errdoctor explain/);
	t.is(run(['--help']).status, 0);
	t.regex(run(['--version']).stdout, /^\d+\.\d+\.\d+/);
});

test('empty stdin exits 3 with one line', (t) => {
	const {status, stderr, stdout} = run(['explain'], '');
	t.is(status, 3);
	t.is(stdout, '');
	t.is(stderr.trim().split('\n').length, 1);
});

test('binary bytes exit 3', (t) => {
	const {status, stderr} = run(['explain'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe]));
	t.is(status, 3);
	t.regex(stderr, /binary/);
});

test('a 5 MB random paste exits 3 without crashing or hanging', (t) => {
	const random = randomBytes(5 * 1024 * 1024);
	t.is(run(['explain'], random).status, 3);
	const printable = random.toString('base64').slice(0, 5 * 1024 * 1024);
	const {status, stderr} = run(['explain'], printable);
	t.is(status, 3, stderr);
});

test('prose with no error in it exits 3', (t) => {
	t.is(run(['explain'], 'Hello team, the integration is broken, please help.\n').status, 3);
});

test('a JSON body with no error signal exits 3 with one line saying it is not an error', (t) => {
	const result = run(['explain', '--json'], '{"ok": true}\n');
	t.is(result.status, 3);
	t.is(result.stdout, '');
	t.is(
		result.stderr,
		'errdoctor: the JSON holds no error signal (no error, code, message or status), so it is not an error: nothing to diagnose.\n',
	);
});

test('escape sequences from the input never reach stdout raw', (t) => {
	const body = JSON.stringify({
		type: 'https://example.com/probs/x',
		title: 'Bad \u001B[2J thing',
		status: 400,
		detail: 'clip \u001B]52;c;ZXZpbA==\u0007 and \u202E reversed',
	});
	for (const mode of [[], ['--json'], ['--markdown']]) {
		const {status, stdout} = run(['explain', ...mode], body);
		t.is(status, 0);
		t.false(stdout.includes('\u001B'), `no ESC in ${mode.join('') || 'text'}`);
		t.false(stdout.includes('\u0007'));
		t.false(stdout.includes('\u202E'));
	}
});

test('a 2xx response is diagnosed as not an error, exit 0', (t) => {
	const {status, stdout} = run(['explain', '--json'], fixture('dfns-202.txt'));
	t.is(status, 0);
	const report = parseReport<{status: number; provider: {id: string}}>(stdout);
	t.is(report.status, 202);
	t.is(report.provider.id, 'dfns');
});
