import test from 'ava';
import {formCases, formFixture} from '../core/forms-cases.js';
import {runCliAsync} from '../helpers/cli.js';
import {parseReport} from '../helpers/report.js';

type Report = {
	input: {kinds: string[]};
	status: number | null;
	statusSource: string | null;
	code: string | null;
	request: {method: string; url: string; headers: Array<[string, string]>} | null;
};

// Credentials planted in the fixtures: the report shows them redacted, never whole.
const credentials = ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'sk-proj-abc123def456ghi789jkl012mno345'];

for (const form of formCases) {
	test(`the built CLI reports ${form.file} as diagnose reads it, valid against the schema and redacted`, async (t) => {
		const {status, stdout, stderr} = await runCliAsync(['explain', '--json', '--now', '2024-03-05T11:00:00Z'], {
			input: formFixture(form.file),
		});
		t.is(status, 0, stderr);
		const report = parseReport<Report>(stdout);
		t.deepEqual(report.input.kinds, form.kinds);
		t.is(report.status, form.status);
		t.is(report.statusSource, form.statusSource);
		t.is(report.code, form.code);
		t.deepEqual(report.request && [report.request.method, report.request.url], form.request);
		for (const credential of credentials) t.false(stdout.includes(credential), credential);
	});
}
