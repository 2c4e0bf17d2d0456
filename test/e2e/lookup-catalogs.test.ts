import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {providerCatalog} from '../helpers/catalogs.js';
import {runCli} from '../helpers/cli.js';
import {parseReport} from '../helpers/report.js';

const bundledDguard = providerCatalog('dguard');
const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
const acme = /## Add your own provider.*?```json\n(.*?)\n```/s.exec(readme)?.[1] ?? '{}';
const dakotaBody = '{"type": "authentication-error", "title": "Authentication Required"}';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'errdoctor-e2e-'));

const noStackTrace = (t: {false: (value: boolean, message?: string) => void}, stderr: string) => {
	t.false(
		stderr.split('\n').some((line) => line.trimStart().startsWith('at ')),
		`no stack trace: ${stderr}`,
	);
};

test('lookup CODE: the entry in full, its doc section and related codes', (t) => {
	const {status, stdout, stderr} = runCli(['lookup', 'refund_004']);
	t.is(status, 0, stderr);
	t.regex(stdout, /^DGuard · REFUND_004 · HTTP 400$/m);
	t.regex(stdout, /^Docs\n {2}003_ab5acf360a86458d\.txt › Refund Errors/m);
	t.regex(stdout, /^Related\n {2}REFUND_006/m);
	t.is(stderr, '');
});

test('lookup of an ambiguous code lists every candidate with its provider', (t) => {
	const {status, stdout} = runCli(['lookup', 'VALIDATION_ERROR']);
	t.is(status, 0);
	t.regex(stdout, /has 2 meanings/);
	t.regex(stdout, /^Customer Verification API · VALIDATION_ERROR · HTTP 400$/m);
	t.regex(stdout, /^Dakota · validation-error · HTTP 400$/m);
});

test('lookup 429 gives each provider’s meaning and the HTTP meaning', (t) => {
	const {status, stdout} = runCli(['lookup', '429']);
	t.is(status, 0);
	for (const name of ['Customer Verification API', 'Dakota', 'Dfns', 'DGuard'])
		t.regex(stdout, new RegExp(`^${name} · HTTP 429$`, 'm'));
	if (existsSync(new URL('../../catalogs/http-status.json', import.meta.url))) t.regex(stdout, /^HTTP 429$/m);
});

test('lookup of a typo exits 3 with "did you mean" on one stderr line', (t) => {
	const {status, stdout, stderr} = runCli(['lookup', 'REFUND_04']);
	t.is(status, 3);
	t.is(stdout, '');
	t.is(stderr, 'errdoctor: no catalog documents "REFUND_04"; did you mean REFUND_004 (DGuard)?\n');
});

test('lookup of something unknown exits 3 with a way forward; --json still prints the (empty) result', (t) => {
	const {status, stderr} = runCli(['lookup', 'zzqqxx']);
	t.is(status, 3);
	t.regex(stderr, /^errdoctor: no catalog documents "zzqqxx"; .*errdoctor explain\n$/);
	const json = runCli(['lookup', '--json', 'REFUND_04']);
	t.is(json.status, 3);
	t.like(JSON.parse(json.stdout), {
		query: 'REFUND_04',
		matches: [],
		suggestions: [{text: 'REFUND_004', owner: 'DGuard'}],
	});
});

test('lookup PROVIDER narrows the search; a misspelt provider is a usage error', (t) => {
	const {status, stdout} = runCli(['lookup', '--json', 'dakota', 'validation_error']);
	t.is(status, 0);
	const json = JSON.parse(stdout) as {scope: string; matches: Array<{provider: {id: string}}>};
	t.is(json.scope, 'dakota');
	t.deepEqual(
		json.matches.map((match) => match.provider.id),
		['dakota'],
	);
	const typo = runCli(['lookup', 'dgaurd', 'REFUND_004']);
	t.is(typo.status, 2);
	t.regex(typo.stderr, /unknown provider "dgaurd"; did you mean dguard\?/);
	t.is(runCli(['lookup']).status, 2);
});

test('catalogs lists each provider with counts, sources and its file', (t) => {
	const {status, stdout} = runCli(['catalogs', '--json']);
	t.is(status, 0);
	const list = JSON.parse(stdout) as {
		providers: Array<{id: string; entries: number; statuses: number; files: string[]; sources: string[]}>;
	};
	const dguard = list.providers.find((provider) => provider.id === 'dguard');
	t.like(dguard, {entries: 66, statuses: 10});
	t.true(dguard?.files[0]?.endsWith('catalogs/dguard.json'));
	t.true((dguard?.sources.length ?? 0) > 0);
	const text = runCli(['catalogs']);
	t.is(text.status, 0);
	t.regex(text.stdout, /^ {2}dguard \(DGuard\): 66 entries, 10 statuses, 1 host$/m);
});

test('catalogs check: exit 0 for a valid file, 2 with each problem and its JSON path otherwise, never a stack trace', (t) => {
	const directory = scratch();
	const good = join(directory, 'acme.json');
	writeFileSync(good, acme);
	const valid = runCli(['catalogs', 'check', good]);
	t.is(valid.status, 0, valid.stdout);
	t.regex(valid.stdout, /valid, provider "acme-pay"/);

	const broken = JSON.parse(acme) as {entries: Array<Record<string, unknown>>};
	broken.entries[0]!['status'] = '402';
	broken.entries[0]!['sumary'] = 'typo';
	const bad = join(directory, 'bad.json');
	writeFileSync(bad, JSON.stringify(broken, null, 2));
	const invalid = runCli(['catalogs', 'check', bad]);
	t.is(invalid.status, 2);
	t.deepEqual(invalid.stdout.trim().split('\n').sort(), [
		`${bad}: /entries/0/status: must be integer or null`,
		`${bad}: /entries/0: must NOT have additional properties "sumary"`,
	]);
	noStackTrace(t, invalid.stderr);

	const truncated = join(directory, 'truncated.json');
	writeFileSync(truncated, acme.slice(0, 40));
	const parse = runCli(['catalogs', 'check', truncated]);
	t.is(parse.status, 2);
	t.regex(parse.stdout, /truncated\.json: line 3, column \d+: /);
	t.is(runCli(['catalogs', 'check', join(directory, 'missing.json')]).status, 2);
});

test('catalogs add keeps a directory in the config (mode 0600); explain and lookup then know its provider; remove forgets it', (t) => {
	const configDir = scratch();
	const catalogDir = scratch();
	writeFileSync(join(catalogDir, 'acme-pay.json'), acme);
	const added = runCli(['catalogs', 'add', catalogDir], {configDir});
	t.is(added.status, 0, added.stderr);
	const configFile = join(configDir, 'config.json');
	t.is(statSync(configFile).mode & 0o777, 0o600);
	t.deepEqual(JSON.parse(readFileSync(configFile, 'utf8')), {catalogPaths: [catalogDir]});
	t.regex(runCli(['catalogs'], {configDir}).stdout, /acme-pay \(Acme Pay\)/);

	const explained = runCli(['explain', '--json'], {configDir, input: '{"code": "ACME_042", "message": "declined"}'});
	t.is(explained.status, 0, explained.stderr);
	t.like(parseReport(explained.stdout), {provider: {id: 'acme-pay'}, status: 402, statusSource: 'catalog'});
	t.is(runCli(['lookup', 'ACME_042'], {configDir}).status, 0);

	t.is(runCli(['catalogs', 'remove', catalogDir], {configDir}).status, 0);
	t.is(runCli(['lookup', 'ACME_042'], {configDir}).status, 3);
	t.is(runCli(['catalogs', 'remove', catalogDir], {configDir}).status, 2);
});

test('--catalog with a bundled id overrides that entry and keeps the others', (t) => {
	const file = join(scratch(), 'dguard.json');
	const entry = {
		code: 'REFUND_004',
		status: 400,
		title: 'Our own words for REFUND_004',
		summary: 'Our runbook says more.',
		causes: ['c'],
		solutions: ['s'],
		doc: {source: 'runbook', section: 'Refunds'},
	};
	writeFileSync(
		file,
		JSON.stringify({...bundledDguard, sources: [{source: 'runbook', section: 'all'}], entries: [entry]}),
	);
	const own = runCli(['explain', '--json', '--catalog', file], {input: '{"error_code": "REFUND_004"}'});
	t.is(own.status, 0, own.stderr);
	t.like(parseReport(own.stdout), {provider: {id: 'dguard'}, explanation: {title: 'Our own words for REFUND_004'}});
	const kept = runCli(['explain', '--json', '--catalog', file], {input: '{"error_code": "REFUND_005"}'});
	t.not(parseReport<{explanation: {title: string}}>(kept.stdout).explanation.title, 'Our own words for REFUND_004');
	t.is(runCli(['lookup', '--json', '--catalog', file, 'REFUND_004']).stdout.includes('Our own words'), true);
	t.is(runCli(['explain', '--catalog', join(scratch(), 'nope.json')], {input: dakotaBody}).status, 2);
});

test('an invalid user catalog is skipped with a precise line; the run goes on', (t) => {
	const file = join(scratch(), 'bad.json');
	const broken = JSON.parse(acme) as {entries: Array<Record<string, unknown>>};
	broken.entries[0]!['status'] = 'x';
	writeFileSync(file, JSON.stringify(broken));
	const {status, stderr} = runCli(['explain', '--json', '--catalog', file], {input: dakotaBody});
	t.is(status, 0);
	t.is(stderr, `errdoctor: skipped catalog ${file}: /entries/0/status: must be integer or null\n`);
});

test('a corrupt config file: explain and lookup still run, with one warning line, and the file is kept aside', (t) => {
	for (const args of [
		['explain', '--json'],
		['lookup', 'REFUND_004'],
	]) {
		const configDir = scratch();
		mkdirSync(configDir, {recursive: true});
		writeFileSync(join(configDir, 'config.json'), '{"catalogPaths": ["/x"');
		const {status, stderr} = runCli(args, {configDir, input: dakotaBody});
		t.is(status, 0, stderr);
		const lines = stderr.split('\n').filter((line) => line !== '');
		t.is(lines.length, 1, stderr);
		t.regex(
			lines[0] ?? '',
			/^errdoctor: config file .*config\.json is not valid JSON \(line 1, column \d+: .*\); kept it as .*config\.json\.bad-/,
		);
		t.is(readdirSync(configDir).filter((name) => name.startsWith('config.json.bad-')).length, 1);
	}
});
