/*
Issue 12 classes 5 and 6, end to end through the built CLI: files errdoctor reads must be regular files (or a pipe the
user named), are read up to a cap, and never hang a command; user catalog regexes that backtrack are refused; the
config is saved without following a symbolic link. Every spawn has a timeout: before the fix these cases hung.
*/
import {execFileSync, spawnSync} from 'node:child_process';
import {
	chmodSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const cli = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
const acme = JSON.parse(/## Add your own provider.*?```json\n(.*?)\n```/s.exec(readme)?.[1] ?? '{}') as {
	entries: Array<Record<string, unknown>>;
	detection: Record<string, unknown>;
};
const dakotaBody = '{"type": "authentication-error", "title": "Authentication Required"}';
const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

type Run = {status: number | null; stdout: string; stderr: string};
const scratch = (): string => mkdtempSync(join(tmpdir(), 'errdoctor-files-'));
const fifo = (path: string): string => {
	execFileSync('mkfifo', [path]);
	return path;
};

/** The built CLI with its own config directory; a hang ends at the timeout with status null. */
function run(args: string[], options: {input?: string; configDir?: string} = {}): Run {
	const result = spawnSync(process.execPath, [cli, ...args], {
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: 20_000,
		env: {...process.env, NO_COLOR: '', FORCE_COLOR: '0', ERRDOCTOR_CONFIG_DIR: options.configDir ?? scratch()},
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

for (const [name, plant] of [
	['a FIFO', (path: string) => fifo(path)],
	['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
] as const) {
	test(`${name} as config.json: explain still diagnoses, with one warning, and the next run is clean`, (t) => {
		const configDir = scratch();
		plant(join(configDir, 'config.json'));
		const first = run(['explain', '--json'], {input: dakotaBody, configDir});
		t.is(first.status, 0, first.stderr);
		t.is((JSON.parse(first.stdout) as {code: string}).code, 'authentication-error');
		t.is(lines(first.stderr).length, 1);
		t.regex(first.stderr, /^errdoctor: config file .* cannot be read: it is .*, not a regular file; kept it as /);
		const second = run(['explain', '--json'], {input: dakotaBody, configDir});
		t.is(second.stderr, '');
	});
}

test('jwt --key and --secret-file refuse a device at once, in one line, exit 2', (t) => {
	for (const flag of ['--key', '--secret-file']) {
		const {status, stdout, stderr} = run(['jwt', flag, '/dev/zero', token]);
		t.is(status, 2, flag);
		t.is(stdout, '');
		t.is(stderr, `errdoctor: cannot read ${flag} /dev/zero: it is a character device, not a regular file\n`);
	}
});

test('jwt --secret-file over its cap: one line naming the cap, exit 2', (t) => {
	const file = join(scratch(), 'huge-key-file');
	writeFileSync(file, 'x'.repeat(1024 * 1024 + 1));
	const {status, stderr} = run(['jwt', '--secret-file', file, token]);
	t.is(status, 2);
	t.is(stderr, `errdoctor: cannot read --secret-file ${file}: it is larger than 1 MiB\n`);
});

test('catalogs check refuses a device and a FIFO without reading, exit 2', (t) => {
	const path = fifo(join(scratch(), 'catalog.json'));
	for (const [file, kind] of [
		['/dev/zero', 'a character device'],
		[path, 'a FIFO (named pipe)'],
	] as const) {
		const {status, stderr} = run(['catalogs', 'check', file]);
		t.is(status, 2, file);
		t.is(stderr, `errdoctor: cannot read ${file}: it is ${kind}, not a regular file\n`);
	}
});

test('explain refuses /dev/zero as its FILE at once', (t) => {
	const {status, stderr} = run(['explain', '/dev/zero']);
	t.is(status, 2);
	t.regex(stderr, /cannot read \/dev\/zero: it is a character device, not a regular file/);
});

test('a catalog folder holding a FIFO: the FIFO is skipped with a warning, the other catalogs load', (t) => {
	const folder = scratch();
	writeFileSync(join(folder, 'acme.json'), JSON.stringify(acme));
	fifo(join(folder, 'stuck.json'));
	const {status, stdout, stderr} = run(['explain', '--json', '--catalog', folder], {input: '{"code": "ACME_042"}'});
	t.is(status, 0, stderr);
	t.is((JSON.parse(stdout) as {provider: {id: string}}).provider.id, 'acme-pay');
	t.regex(stderr, /skipped catalog .*stuck\.json: cannot be read: it is a FIFO \(named pipe\), not a regular file/);
});

const backtracking: Array<[where: string, patch: (catalog: typeof acme) => void]> = [
	['/entries/0/messagePattern', (catalog) => (catalog.entries[0]!['messagePattern'] = '^(a+)+$')],
	['/detection/codePattern', (catalog) => (catalog.detection['codePattern'] = '^ACME_(\\w+\\s?)*$')],
	['/detection/idPatterns/0', (catalog) => (catalog.detection['idPatterns'] = ['^ac_\\d+\\d+x'])],
];

for (const [where, patch] of backtracking) {
	test(`a backtracking regex at ${where}: catalogs check names its JSON path, loading skips the catalog`, (t) => {
		const catalog = structuredClone(acme);
		patch(catalog);
		const file = join(scratch(), 'acme.json');
		writeFileSync(file, JSON.stringify(catalog));
		const checked = run(['catalogs', 'check', file]);
		t.is(checked.status, 2);
		t.regex(checked.stdout, new RegExp(`^${file}: ${where}: backtracks (exponentially|polynomially) on a long run`));
		const explained = run(['explain', '--json', '--catalog', file], {input: '{"code": "ACME_042"}'});
		t.is(explained.status, 0, explained.stderr);
		t.is((JSON.parse(explained.stdout) as {provider: unknown}).provider, null);
		t.regex(explained.stderr, new RegExp(`skipped catalog ${file}: ${where}: backtracks`));
	});
}

test('a linear user catalog still checks valid and loads', (t) => {
	const file = join(scratch(), 'acme.json');
	writeFileSync(file, JSON.stringify(acme));
	t.is(run(['catalogs', 'check', file]).status, 0);
	const {stdout, stderr} = run(['explain', '--json', '--catalog', file], {input: '{"code": "ACME_042"}'});
	t.is(stderr, '');
	t.is((JSON.parse(stdout) as {provider: {id: string}}).provider.id, 'acme-pay');
});

test('catalogs add over a config.json symlink replaces the link; its target keeps content and mode', (t) => {
	const configDir = scratch();
	const target = join(scratch(), 'shared.json');
	writeFileSync(target, '{"clipboard": "off"}', {mode: 0o644});
	symlinkSync(target, join(configDir, 'config.json'));
	const folder = scratch();
	const {status, stderr} = run(['catalogs', 'add', folder], {configDir});
	t.is(status, 0, stderr);
	t.is(readFileSync(target, 'utf8'), '{"clipboard": "off"}');
	t.is(statSync(target).mode & 0o777, 0o644);
	t.false(lstatSync(join(configDir, 'config.json')).isSymbolicLink());
	t.deepEqual(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')), {
		clipboard: 'off',
		catalogPaths: [folder],
	});
	t.deepEqual(readdirSync(configDir), ['config.json']);
});

test('a world-writable config folder: exactly one warning on stderr, and the command still works', (t) => {
	const configDir = join(scratch(), 'open');
	mkdirSync(configDir);
	chmodSync(configDir, 0o777);
	const {status, stderr} = run(['explain', '--json'], {input: dakotaBody, configDir});
	t.is(status, 0);
	t.deepEqual(lines(stderr), [
		`errdoctor: config folder ${configDir} is writable by every user, who could change errdoctor's settings and catalogs; run chmod o-w on it`,
	]);
});
