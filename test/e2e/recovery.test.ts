/* Issue 13 §1 through the built bin: every recovery fixture is diagnosed, and its report validates and names the repairs. */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {parseReport} from '../helpers/report.js';

type Case = {readonly file: string; readonly format: string; readonly code: string; readonly repairs: string[]};
type Report = {format: string; code: string | null; input: {kinds: string[]; repairs?: string[]}};

const fixtures = new URL('../fixtures/recovery/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Case[];

for (const item of cases) {
	test(`errdoctor explain --json reads ${item.file}`, (t) => {
		const input = readFileSync(new URL(item.file, fixtures), 'utf8');
		const result = runCli(['explain', '--json', '--now', '2025-03-04T11:00:00Z'], {input});
		t.is(result.status, 0, result.stderr);
		const report = parseReport<Report>(result.stdout);
		t.is(report.format, item.format);
		t.is(report.code, item.code);
		t.deepEqual(report.input.repairs ?? [], item.repairs);
	});
}
