import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const bench = fileURLToPath(new URL('../../scripts/bench.js', import.meta.url));

test('npm run bench -- --quick prints a Markdown table with every measure', (t) => {
	const result = spawnSync(process.execPath, [bench, '--quick'], {encoding: 'utf8', timeout: 60_000});
	t.is(result.status, 0, result.stderr);
	const rows = result.stdout.split('\n').filter((line) => line.startsWith('| '));
	t.is(rows[0], '| measure | value | baseline | ratio | goal | result |');
	const measures = rows.slice(2).map((row) => row.split(' | ')[0]?.slice(2) ?? '');
	const expected = [
		/^`explain --json`, 1 KB body$/,
		/^TUI first frame/,
		/^`scan`, \d+ MB mixed log$/,
		/^`scan` time vs jq$/,
		/^`scan` peak RSS$/,
		/^`jwt` decoding, [\d,]+ tokens$/,
	];
	t.is(measures.length, expected.length, result.stdout);
	for (const [index, pattern] of expected.entries()) t.regex(measures[index] ?? '', pattern);
	for (const row of rows.slice(2)) t.is(row.split(' | ').length, 6, row);
});
