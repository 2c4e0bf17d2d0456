/* The built CLI prints the request as curl sends it (implied headers, body), valid against the report schema. */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {parseReport} from '../helpers/report.js';

type Expected = {readonly status: number | null; readonly code: string | null; readonly request: unknown};

const expected = JSON.parse(
	readFileSync(new URL('../fixtures/curl-sends.expected.json', import.meta.url), 'utf8'),
) as Record<string, Expected>;

for (const [file, want] of Object.entries(expected)) {
	test(`explain --json ${file}`, (t) => {
		const input = readFileSync(new URL(`../fixtures/curl-sends/${file}`, import.meta.url), 'utf8');
		const {status, stdout, stderr} = runCli(['explain', '--json'], {input});
		t.is(status, 0, stderr);
		const report = parseReport<{request: unknown; status: number | null; code: string | null}>(stdout);
		t.deepEqual(report.request, want.request);
		t.is(report.status, want.status);
		t.is(report.code, want.code);
	});
}
