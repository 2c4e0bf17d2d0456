import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('npm pack ships only built code, catalogs, schema, examples, readme and licence, and npx runs it from an empty folder', (t) => {
	const scratch = mkdtempSync(join(tmpdir(), 'errdoctor-pack-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		) as Array<{filename: string; files: Array<{path: string}>}>;
		const [tarball] = packed;
		if (!tarball) throw new Error('npm pack printed no tarball');
		const paths = tarball.files.map((file) => file.path);
		const allowed = /^(?:dist\/|catalogs\/|schema\/|examples\/|readme\.md$|package\.json$|LICENSE$)/;
		t.deepEqual(
			paths.filter((path) => !allowed.test(path)),
			[],
		);
		t.true(paths.includes('dist/cli.cjs'));
		t.true(paths.includes('catalogs/schema.json'));
		t.true(paths.includes('schema/report.schema.json'));
		t.false(paths.some((path) => path.startsWith('source/') || path.startsWith('test/')));

		const empty = mkdtempSync(join(scratch, 'empty-'));
		const body = readFileSync(join(root, 'test/fixtures/e2e/dakota-401-body.json'));
		const result = spawnSync(
			'npx',
			['--yes', '--package', join(scratch, tarball.filename), 'errdoctor', 'explain', '--json'],
			{
				cwd: empty,
				input: body,
				encoding: 'utf8',
				timeout: 120_000,
				env: {...process.env, npm_config_cache: join(scratch, 'cache'), npm_config_update_notifier: 'false'},
			},
		);
		t.is(result.status, 0, result.stderr);
		const report = JSON.parse(result.stdout) as {code: string; provider: {id: string}};
		t.is(report.code, 'authentication-error');
		t.is(report.provider.id, 'dakota');
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
});
