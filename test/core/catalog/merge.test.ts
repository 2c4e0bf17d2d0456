import test from 'ava';
import type {Catalog, CatalogEntry} from '../../../source/core/catalog/catalog.js';
import {catalogLint} from '../../../source/core/catalog/lint.js';
import {mergeCatalog} from '../../../source/core/catalog/merge.js';
import {describeJsonError, jsonErrorOffset} from '../../../source/core/parts/json-errors.js';
import {providerCatalog} from '../../helpers/catalogs.js';

const dguard = providerCatalog('dguard');
const doc = {source: 'our runbook', section: 'Refunds'};
const entry = (code: string, title: string): CatalogEntry => ({
	code,
	status: 400,
	title,
	summary: `${title}.`,
	causes: ['a cause'],
	solutions: ['a fix'],
	doc,
});
const user: Catalog = {
	id: 'dguard',
	name: 'DGuard (ours)',
	sources: [doc],
	detection: {formats: ['dguard']},
	hosts: [],
	headers: [],
	statuses: [],
	entries: [entry('REFUND_004', 'Our refund rule'), entry('REFUND_100', 'A code only we know')],
};

test('a user entry replaces the bundled entry with the same code; every other bundled entry is kept', (t) => {
	const merged = mergeCatalog(dguard, user);
	const codes = merged.entries.map((item) => item.code);
	t.is(merged.entries.length, dguard.entries.length + 1);
	t.is(codes.filter((code) => code === 'REFUND_004').length, 1);
	t.is(merged.entries.find((item) => item.code === 'REFUND_004')?.title, 'Our refund rule');
	t.is(
		merged.entries.find((item) => item.code === 'REFUND_005')?.title,
		dguard.entries.find((item) => item.code === 'REFUND_005')?.title,
	);
	t.true(codes.includes('REFUND_100'));
	t.is(merged.name, 'DGuard (ours)');
	t.deepEqual(merged.hosts, dguard.hosts, 'an empty user list keeps the bundled hosts');
	t.deepEqual(merged.statuses, dguard.statuses);
	t.is(merged.detection.codePattern, dguard.detection.codePattern);
	t.deepEqual(merged.idempotency, dguard.idempotency);
	t.deepEqual(
		merged.sources.map((source) => source.source),
		['our runbook', ...dguard.sources.map((source) => source.source)],
	);
});

test('user message entries are tried first and replace a bundled one with the same title', (t) => {
	const base: Catalog = {
		...user,
		entries: [{...entry('X', 'Not found'), code: undefined, messagePattern: 'not found'}],
	};
	const override: Catalog = {
		...user,
		entries: [{...entry('X', 'Not found'), code: undefined, messagePattern: 'wallet not found', summary: 'ours'}],
	};
	const merged = mergeCatalog(base, override);
	t.is(merged.entries.length, 1);
	t.is(merged.entries[0]?.summary, 'ours');
	const extra: Catalog = {
		...user,
		entries: [{...entry('Y', 'Wallet gone'), code: undefined, messagePattern: 'wallet not found'}],
	};
	t.deepEqual(
		mergeCatalog(base, extra).entries.map((item) => item.title),
		['Wallet gone', 'Not found'],
	);
});

test('catalogLint names regexes that do not compile, duplicates and dangling related codes by JSON path', (t) => {
	t.deepEqual(catalogLint(dguard), []);
	const broken: Catalog = {
		...user,
		detection: {formats: ['dguard'], codePattern: '^(A'},
		entries: [
			{...entry('A_1', 'One'), related: ['A_9']},
			entry('A_1', 'Again'),
			{...entry('A_2', 'Message'), messagePattern: '[unclosed'},
		],
	};
	const problems = catalogLint(broken);
	t.true(problems.some((line) => line.startsWith('/detection/codePattern: is not a valid regular expression')));
	t.true(problems.some((line) => line.startsWith('/entries/2/messagePattern: is not a valid regular expression')));
	t.true(problems.includes('/entries/1/code: A_1 is already documented at /entries/0/code'));
	t.true(problems.includes('/entries/0/related/0: "A_9" is no code or title in this catalog'));
});

test('JSON errors are located by line and column, the input is never quoted back', (t) => {
	t.is(jsonErrorOffset('{"a": [1, {"b": null}], "c": "\\u00e9"}'), null);
	t.is(jsonErrorOffset('{"a": 1,}'), 8);
	t.is(jsonErrorOffset('{"a": [1, 2'), 11);
	t.is(jsonErrorOffset('[1 2]'), 3);
	t.is(jsonErrorOffset(''), 0);
	t.is(jsonErrorOffset('"\\x"'), 1);
	t.is(jsonErrorOffset(`${'['.repeat(100_000)}`), 100_000, 'deep nesting does not overflow the stack');
	const text = '{\n  "id": "acme",\n  "name": }';
	let error: unknown;
	try {
		JSON.parse(text);
	} catch (caught) {
		error = caught;
	}

	const message = describeJsonError(text, error);
	t.regex(message, /^line 3, column 11: /);
	t.false(message.includes('acme'));
});
