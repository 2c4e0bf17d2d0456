import {
	chmodSync,
	existsSync,
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
	t.regex(warnings[0] ?? '', /cannot be read \(ELOOP\)/);
	t.is(badCopies(cwd).length, 1);
});

const root = process.getuid?.() === 0;
(root ? test.skip : test)('a config file without read permission: one warning, moved aside, defaults', async (t) => {
	const cwd = scratch();
	writeFileSync(join(cwd, 'config.json'), '{}');
	chmodSync(join(cwd, 'config.json'), 0o000);
	const {config, warnings} = await loadConfig({cwd});
	t.deepEqual(config, DEFAULT_CONFIG);
	t.regex(warnings[0] ?? '', /cannot be read \(EACCES\)/);
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
