import {readFileSync, readdirSync} from 'node:fs';
import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {headerValue} from '../../source/core/evidence.js';
import {parseLenientJson} from '../../source/core/parts/json.js';
import {Census, Classifier} from '../../source/core/scan/groups.js';
import {LogScanner, scanHar} from '../../source/core/scan/reader.js';
import type {Diagnosis} from '../../source/core/types.js';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from '../../source/edge/catalogs.js';

const {set: catalogs} = loadCatalogs([BUNDLED_CATALOG_DIR]);
const fixtures = new URL('../fixtures/', import.meta.url);

/**
 * Every fixture that holds an error body: bodies alone, `curl -i` and `curl -v` captures, a HAR file. (`curl/` holds
 * requests; its one ticket pairs a curl command with the response it got, a pairing a log does not make.)
 */
const files = ['bodies', 'http', 'e2e'].flatMap((folder) =>
	readdirSync(new URL(`${folder}/`, fixtures))
		.sort()
		.map((name) => `${folder}/${name}`),
);

/** What scan does not count, and why: a log is searched for JSON, and a 2xx is no error. */
const notCounted = new Set([
	'bodies/aws-xml-ec2-auth-failure.xml',
	'bodies/aws-xml-s3-access-denied.xml',
	'bodies/aws-xml-sts-invalid-client-token.xml',
	'e2e/dfns-202.txt',
]);

type Grouped = {provider: string | null; status: number | null; code: string | null};
const grouped = ({provider, status, code}: Grouped): Grouped => ({provider, status, code});

/** The census `scan` takes of the fixture, read as a log (or a HAR file). */
function census(file: string, text: string): Grouped[] {
	const counted = new Census();
	if (file.endsWith('.har')) {
		scanHar(parseLenientJson(text)?.value, counted, catalogs);
	} else {
		const scanner = new LogScanner(counted, catalogs);
		scanner.push(text);
		scanner.finish();
	}

	return counted.report().groups.map((group) => grouped(group));
}

/** How `scan` identifies the body `explain` diagnosed, in the same context. */
function scanIdentifies({evidence}: Diagnosis) {
	const {body, response, request} = evidence;
	const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
	const contentType = response ? headerValue(response.headers, 'content-type') : null;
	const context = {status: response?.status ?? null, host: null, contentType, request, response};
	return new Classifier(catalogs).classify(body, bodyText, context);
}

for (const file of files) {
	test(`scan and explain give ${file} the same provider, format, status and code`, (t) => {
		const text = readFileSync(new URL(file, fixtures), 'utf8');
		const diagnosis = diagnose(text, {catalogs, clock: new Date('2025-03-04T10:00:00Z')});
		if (!diagnosis) return t.fail('explain recognised nothing');
		const explained = {
			provider: diagnosis.provider?.id ?? null,
			status: diagnosis.status,
			code: diagnosis.reading.code,
		};
		const {kind, reading} = scanIdentifies(diagnosis);
		t.is(reading.format, diagnosis.reading.format);
		const groups = census(file, text);
		if (notCounted.has(file)) {
			t.deepEqual(groups, []);
			return;
		}

		t.deepEqual(kind && grouped(kind), explained);
		// A HAR file is diagnosed by its last failed entry and counted entry by entry.
		if (file.endsWith('.har')) t.true(groups.some((group) => JSON.stringify(group) === JSON.stringify(explained)));
		else t.deepEqual(groups, [explained]);
	});
}

test('the fixtures scan leaves uncounted are fixtures', (t) => {
	t.true([...notCounted].every((file) => files.includes(file)));
});
