import test from 'ava';
import type {CatalogSet} from '../../../source/core/catalog/catalog.js';
import {editDistance, lookup, lookupScopes} from '../../../source/core/catalog/lookup.js';
import {notFoundLine, renderLookupJson, renderLookupText} from '../../../source/render/lookup.js';
import {catalogs} from '../../helpers/catalogs.js';

const withoutHttp: CatalogSet = {...catalogs, httpStatuses: []};
const kinds = (set: CatalogSet, query: string, scope: string | null = null) =>
	lookup(set, query, scope).hits.map((hit) => `${hit.kind}:${'provider' in hit ? hit.provider.id : 'generic'}`);

test('editDistance counts insertions, deletions and substitutions', (t) => {
	t.is(editDistance('REFUND_04', 'REFUND_004'), 1);
	t.is(editDistance('kitten', 'sitting'), 3);
	t.is(editDistance('', 'abc'), 3);
	t.is(editDistance('same', 'same'), 0);
});

test('an exact code finds its one entry, whatever the case', (t) => {
	for (const query of ['REFUND_004', 'refund_004', ' Refund-004 ']) {
		const {hits, suggestions} = lookup(catalogs, query);
		t.is(hits.length, 1, query);
		const [hit] = hits;
		t.is(hit?.kind, 'entry');
		if (hit?.kind !== 'entry') return;
		t.is(hit.provider.id, 'dguard');
		t.is(hit.entry.code, 'REFUND_004');
		t.is(hit.entry.status, 400);
		t.deepEqual(suggestions, []);
	}
});

test('an ambiguous code lists every provider that documents it', (t) => {
	t.deepEqual(kinds(catalogs, 'validation_error'), ['entry:customer-verification', 'entry:dakota']);
	// Dakota documents both `service-unavailable` (problem type) and `service_unavailable` (code).
	t.deepEqual(kinds(catalogs, 'SERVICE_UNAVAILABLE'), ['entry:customer-verification', 'entry:dakota', 'entry:dakota']);
	t.deepEqual(kinds(catalogs, 'validation-error', 'dakota'), ['entry:dakota']);
});

test('a status lists each provider’s meaning and the HTTP meaning, and works without the HTTP catalog', (t) => {
	const providers = catalogs.providers.filter((catalog) => catalog.statuses.some((status) => status.status === 429));
	t.true(providers.length >= 4);
	const expected = providers.map((catalog) => `status:${catalog.id}`);
	const withHttp = catalogs.httpStatuses.some((entry) => entry.status === 429) ? ['http:generic'] : [];
	t.deepEqual(kinds(catalogs, '429'), [...expected, ...withHttp]);
	t.deepEqual(kinds(withoutHttp, '429'), expected);
	const dguard = lookup(catalogs, '429', 'dguard').hits[0];
	t.is(dguard?.kind, 'status');
	if (dguard?.kind === 'status') t.true(dguard.codes.some((entry) => entry.code === 'VPN_001'));
	t.deepEqual(lookup(withoutHttp, '418').hits, []);
});

test('a message is matched against the message patterns', (t) => {
	const [hit, ...rest] = lookup(
		catalogs,
		'CustomerEmployee us-1 is not authorized to perform operation (Auth:Apps:Update)',
	).hits;
	t.is(rest.length, 0);
	t.is(hit?.kind, 'entry');
	if (hit?.kind !== 'entry') return;
	t.is(hit.provider.id, 'dfns');
	t.is(hit.by, 'message');
	t.is(hit.entry.status, 403);
});

test('a typo gets the closest codes as suggestions, a bare prefix the codes that start with it', (t) => {
	const typo = lookup(catalogs, 'REFUND_04');
	t.deepEqual(typo.hits, []);
	t.deepEqual(typo.suggestions, [{text: 'REFUND_004', owner: 'DGuard'}]);
	t.is(notFoundLine(typo, null), 'no catalog documents "REFUND_04"; did you mean REFUND_004 (DGuard)?');
	t.deepEqual(
		lookup(catalogs, 'AUTHENTICATION_FAILD').suggestions.map((suggestion) => suggestion.text),
		['AUTHENTICATION_FAILED'],
	);
	const prefix = lookup(catalogs, 'REFUND').suggestions.map((suggestion) => suggestion.text);
	t.is(prefix.length, 9);
	t.true(prefix.every((code) => code.startsWith('REFUND_')));
});

test('an unknown query has no hits and no suggestions, and the line still says what to do', (t) => {
	const result = lookup(catalogs, 'zzqqxx');
	t.deepEqual(result.hits, []);
	t.deepEqual(result.suggestions, []);
	t.regex(notFoundLine(result, null), /errdoctor explain/);
	t.regex(notFoundLine(lookup(catalogs, 'REFUND_004', 'dakota'), 'Dakota'), /^Dakota does not document "REFUND_004"/);
});

test('scopes are the provider ids, the vocabulary formats and http', (t) => {
	const scopes = lookupScopes(catalogs);
	for (const id of ['dguard', 'dakota', 'dfns', 'customer-verification', 'http']) t.true(scopes.includes(id), id);
});

test('the text shows one match in full with its related codes, several in brief with a hint', (t) => {
	const one = renderLookupText(lookup(catalogs, 'REFUND_004'), catalogs, {color: false, width: 80});
	t.regex(one, /^DGuard · REFUND_004 · HTTP 400$/m);
	t.regex(one, /^What to do$/m);
	t.regex(one, /^Related\n {2}REFUND_006 \(409\)/m);
	t.regex(one, /003_ab5acf360a86458d\.txt › Refund Errors/);
	const several = renderLookupText(lookup(catalogs, 'validation_error'), catalogs, {color: false, width: 80});
	t.regex(several, /has 2 meanings/);
	t.regex(several, /^Customer Verification API · VALIDATION_ERROR · HTTP 400$/m);
	t.regex(several, /^Dakota · validation-error · HTTP 400$/m);
	t.notRegex(several, /What to do/);
	t.regex(several, /errdoctor lookup PROVIDER QUERY/);
});

test('catalog text is escaped before it reaches a terminal or JSON', (t) => {
	const hostile: CatalogSet = {
		...catalogs,
		providers: [
			{
				...catalogs.providers[0]!,
				id: 'evil',
				name: 'Evil\u001B[2J',
				entries: [
					{
						code: 'EVIL_1',
						status: 400,
						title: 'Bad \u001B]52;c;AAAA\u0007',
						summary: '\u202Ereversed',
						causes: ['x'],
						solutions: ['y'],
						doc: {source: 's', section: 's'},
					},
				],
			},
		],
	};
	const result = lookup(hostile, 'EVIL_1');
	for (const output of [
		renderLookupText(result, hostile, {color: false, width: 80}),
		renderLookupJson(result, hostile, null),
	]) {
		t.false(output.includes('\u001B'));
		t.false(output.includes('\u202E'));
	}
});

test('the JSON lists every match with its provider, status, doc and related codes', (t) => {
	const json = JSON.parse(renderLookupJson(lookup(catalogs, 'REFUND_004'), catalogs, null)) as {
		matches: Array<Record<string, unknown>>;
		suggestions: unknown[];
	};
	t.is(json.matches.length, 1);
	t.like(json.matches[0], {kind: 'entry', code: 'REFUND_004', status: 400, provider: {id: 'dguard', name: 'DGuard'}});
	t.true((json.matches[0]?.['related'] as Array<{code: string}>).some((related) => related.code === 'REFUND_006'));
	t.deepEqual(json.suggestions, []);
});
