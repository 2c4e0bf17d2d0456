import {execFileSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import test from 'ava';
import {DEFAULT_CONFIG, configPath, loadConfig, saveConfig} from '../../source/edge/config.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'errdoctor-config-'));
const badCopies = (directory: string): string[] =>
	readdirSync(directory).filter((name) => name.startsWith('config.json.bad-'));

test('no config file: the defaults, no warning, nothing written', async (t) => {
	const cwd = scratch();
	const {config, warnings, path} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.deepEqual(warnings, []);
	t.is(path, join(cwd, 'config.json'));
	t.deepEqual(readdirSync(cwd), []);
});

test('ERRDOCTOR_CONFIG_DIR chooses the directory', (t) => {
	const previous = process.env['ERRDOCTOR_CONFIG_DIR'];
	process.env['ERRDOCTOR_CONFIG_DIR'] = '/tmp/somewhere';
	try {
		t.is(configPath(), '/tmp/somewhere/config.json');
		t.is(configPath({cwd: '/elsewhere'}), '/elsewhere/config.json');
	} finally {
		if (previous === undefined) delete process.env['ERRDOCTOR_CONFIG_DIR'];
		else process.env['ERRDOCTOR_CONFIG_DIR'] = previous;
	}
});

test('saveConfig merges a patch, writes mode 0600, and loadConfig reads it back', async (t) => {
	const cwd = join(scratch(), 'nested');
	t.deepEqual(await saveConfig({catalogPaths: ['/x/catalogs']}, {cwd}), []);
	t.deepEqual(await saveConfig({clipboard: 'osc52'}, {cwd}), []);
	const file = join(cwd, 'config.json');
	t.is(statSync(file).mode & 0o777, 0o600);
	t.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {catalogPaths: ['/x/catalogs'], clipboard: 'osc52'});
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(warnings, []);
	t.deepEqual(config, {...DEFAULT_CONFIG, catalogPaths: ['/x/catalogs'], clipboard: 'osc52'});
});

test('an existing world-readable config file becomes 0600 on the next save', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), '{}', {mode: 0o644});
	await saveConfig({defaultSection: 'tokens'}, {cwd});
	t.is(statSync(join(cwd, 'config.json')).mode & 0o777, 0o600);
});

test('saveConfig refuses keys and values outside the schema', async (t) => {
	const cwd = scratch();
	await t.throwsAsync(saveConfig({clipboard: 'sometimes'} as never, {cwd}), {message: /\/clipboard: must be one of/});
	await t.throwsAsync(saveConfig({token: 'sk_live_x'} as never, {cwd}), {message: /unknown key "token"/});
	t.false(existsSync(join(cwd, 'config.json')));
});

const corruptions: Array<[name: string, content: Buffer | string, problem: RegExp]> = [
	['truncated', '{"catalogPaths": ["/x"', /is not valid JSON \(line 1, column 23: /],
	['empty', '', /is empty/],
	['whitespace only', ' \n', /is empty/],
	['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /is not valid UTF-8/],
	['BOM-prefixed', '\uFEFF{"clipboard": "off"}', /byte order mark/],
	[
		'schema-violating',
		'{"clipboard": "always", "catalogPaths": "/x"}',
		/\/catalogPaths: must be an array.*\/clipboard: must be one of/,
	],
	['with an unknown key', '{"apiKey": "sk_live_123"}', /unknown key "apiKey"/],
	['not an object', '[1, 2]', /must be an object/],
];

for (const [name, content, problem] of corruptions) {
	test(`config file ${name}: one warning, moved aside as config.json.bad-<time>, defaults`, async (t) => {
		const cwd = scratch();
		writeFileSync(join(cwd, 'config.json'), content);
		const {config, warnings} = await loadConfig({cwd});
		t.deepEqual(config, DEFAULT_CONFIG);
		t.is(warnings.length, 1);
		t.regex(warnings[0] ?? '', problem);
		t.false(existsSync(join(cwd, 'config.json')));
		const [bad, ...more] = badCopies(cwd);
		t.deepEqual(more, []);
		t.deepEqual(readFileSync(join(cwd, bad ?? '')), Buffer.from(content));
		t.true((warnings[0] ?? '').includes(`kept it as ${join(cwd, bad ?? '')}`));
		t.deepEqual((await loadConfig({cwd})).warnings, [], 'the next run is clean');
	});
}

test('a directory in place of the config file: one warning, moved aside, defaults', async (t) => {
	const cwd = scratch();
	mkdirSync(join(cwd, 'config.json'));
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.is(warnings.length, 1);
	t.regex(warnings[0] ?? '', /is a directory, not a file/);
	t.is(badCopies(cwd).length, 1);
	t.true(statSync(join(cwd, badCopies(cwd)[0] ?? '')).isDirectory());
});

test('an unreadable config file (a symlink loop): one warning, moved aside, defaults', async (t) => {
	const cwd = scratch();
	symlinkSync('config.json', join(cwd, 'config.json'));
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.is(warnings.length, 1);
	t.regex(warnings[0] ?? '', /cannot be read: ELOOP: too many symbolic links encountered; kept it as/);
	t.is(badCopies(cwd).length, 1);
});

const root = process.getuid?.() === 0;
(root ? test.skip : test)('a config file without read permission: one warning, moved aside, defaults', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), '{}');
	chmodSync(join(cwd, 'config.json'), 0o000);
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.regex(warnings[0] ?? '', /cannot be read: EACCES: permission denied; kept it as/);
	t.is(badCopies(cwd).length, 1);
});

test('saving over a corrupt file keeps the bad copy and reports it', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), '{"catalogPaths": [');
	const warnings = await saveConfig({clipboard: 'off'}, {cwd});
	t.is(warnings.length, 1);
	t.is(badCopies(cwd).length, 1);
	t.deepEqual(JSON.parse(readFileSync(join(cwd, 'config.json'), 'utf8')), {clipboard: 'off'});
});

test('a warning shows control characters from the file visibly, on one line', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), '{"\\u001b[2Jx\\nkey": 1}');
	const {warnings} = await loadConfig({cwd});
	t.false((warnings[0] ?? '').includes('\u001B'));
	t.false((warnings[0] ?? '').includes('\n'));
});

test('a FIFO as config.json: one warning at once (no wait for a writer), moved aside, defaults', async (t) => {
	const cwd = scratch();
	execFileSync('mkfifo', [join(cwd, 'config.json')]);
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.is(warnings.length, 1);
	t.regex(warnings[0] ?? '', /cannot be read: it is a FIFO \(named pipe\), not a regular file; kept it as/);
	t.true(lstatSync(join(cwd, badCopies(cwd)[0] ?? '')).isFIFO());
});

test('config.json linked to /dev/zero: refused unread, and the link (not /dev/zero) is moved aside', async (t) => {
	const cwd = scratch();
	symlinkSync('/dev/zero', join(cwd, 'config.json'));
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.regex(warnings[0] ?? '', /cannot be read: it is a character device, not a regular file/);
	t.true(lstatSync(join(cwd, badCopies(cwd)[0] ?? '')).isSymbolicLink());
	t.true(existsSync('/dev/zero'));
});

test('a config file over the cap is refused with the cap, not parsed', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), `{"catalogPaths": [${'"/x", '.repeat(20_000)}"/y"]}`);
	const {warnings} = await loadConfig({cwd});
	t.regex(warnings[0] ?? '', /cannot be read: it is larger than 64 KiB/);
});

test('a config.json linked to a file elsewhere is read, and saving replaces the link: the target keeps its content and mode', async (t) => {
	const cwd = scratch();
	const target = join(scratch(), 'dotfiles-config.json');
	writeFileSync(target, '{"clipboard": "off"}', {mode: 0o644});
	symlinkSync(target, join(cwd, 'config.json'));
	t.is((await loadConfig({cwd})).config.clipboard, 'off');
	t.deepEqual(await saveConfig({defaultSection: 'tokens'}, {cwd}), []);
	t.is(readFileSync(target, 'utf8'), '{"clipboard": "off"}');
	t.is(statSync(target).mode & 0o777, 0o644);
	const saved = lstatSync(join(cwd, 'config.json'));
	t.true(saved.isFile());
	t.is(saved.mode & 0o777, 0o600);
	t.deepEqual(JSON.parse(readFileSync(join(cwd, 'config.json'), 'utf8')), {clipboard: 'off', defaultSection: 'tokens'});
	t.deepEqual(
		readdirSync(cwd).filter((name) => name.endsWith('.tmp')),
		[],
		'no temporary file is left',
	);
});

test('a config folder every user can write to gives one warning; a private one none', async (t) => {
	const cwd = scratch();
	chmodSync(cwd, 0o777);
	const {warnings} = await loadConfig({cwd});
	t.is(warnings.length, 1);
	t.regex(warnings[0] ?? '', /^config folder .* is writable by every user.*chmod o-w/);
	chmodSync(cwd, 0o700);
	t.deepEqual((await loadConfig({cwd})).warnings, []);
});

test('the world-writable warning comes once even when the config is also bad', async (t) => {
	const cwd = scratch();
	chmodSync(cwd, 0o777);
	writeFileSync(join(cwd, 'config.json'), '{');
	const {warnings} = await loadConfig({cwd});
	t.is(warnings.filter((line) => line.includes('writable by every user')).length, 1);
	t.is(warnings.length, 2);
});
