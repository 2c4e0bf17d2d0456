/* Each form of §4 "the request as curl sends it", through the whole pipeline to the report contract. */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {toReport} from '../../source/render/report.js';
import {showDiagnosis} from '../../source/render/shown.js';
import {catalogs} from '../helpers/catalogs.js';
import {reportProblems} from '../helpers/report.js';

type Expected = {readonly status: number | null; readonly code: string | null; readonly request: unknown};

const expected = JSON.parse(
	readFileSync(new URL('../fixtures/curl-sends.expected.json', import.meta.url), 'utf8'),
) as Record<string, Expected>;

for (const [file, want] of Object.entries(expected)) {
	test(`${file}: the request as curl sends it, and the response's error, in a valid report`, (t) => {
		const text = readFileSync(new URL(`../fixtures/curl-sends/${file}`, import.meta.url), 'utf8');
		const diagnosis = diagnose(text, {catalogs});
		if (diagnosis === null) return t.fail('nothing diagnosed');
		const report = toReport(showDiagnosis(diagnosis));
		t.deepEqual(reportProblems(report), []);
		t.deepEqual(report.request, want.request);
		t.is(report.status, want.status);
		t.is(report.code, want.code);
	});
}

test('a here-document body belongs to the request: its error object is never read as the response', (t) => {
	const text = readFileSync(new URL('../fixtures/curl-sends/heredoc.txt', import.meta.url), 'utf8');
	const diagnosis = diagnose(text, {catalogs});
	t.is(diagnosis?.reading.code, 'invalid_token');
	t.false(diagnosis?.evidence.kinds.includes('error-json'));
	const alone = diagnose(text.slice(0, text.indexOf('HTTP/1.1')), {catalogs});
	t.is(alone?.reading.code ?? null, null, 'without a response, the request body is still not the error');
});

test('multipart fields are redacted by name; file fields are named, never read', (t) => {
	const text = "curl https://api.example.com/v1/upload -F 'client_secret=s3cr3t-value-123456' -F doc=@/etc/passwd";
	const diagnosis = diagnose(text, {catalogs});
	if (diagnosis === null) return t.fail('nothing diagnosed');
	const report = toReport(showDiagnosis(diagnosis));
	const serialised = JSON.stringify(report);
	t.false(serialised.includes('s3cr3t-value-123456'));
	t.deepEqual(reportProblems(report), []);
	t.like(report.request?.body, {fields: [{name: 'client_secret'}, {name: 'doc', file: '/etc/passwd'}]});
	const shownSecrets = toReport(showDiagnosis(diagnosis, {showSecrets: true}));
	t.like(shownSecrets.request?.body, {fields: [{name: 'client_secret', value: 's3cr3t-value-123456'}]});
});
