import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {Ajv2020} from 'ajv/dist/2020.js';
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js';
import {Linter} from 'eslint';
import regexpPlugin from 'eslint-plugin-regexp';
import type {Catalog, CatalogEntry, DocRef, RequestMatcher} from '../../source/core/catalog/catalog.js';

type InventoryItem = {
	readonly provider: string;
	readonly kind: 'status' | 'code' | 'type' | 'message' | 'decline_code' | 'reason';
	readonly value: string;
	readonly status: number | null;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogDirectory = path.join(root, 'catalogs');
const readText = (file: string): string => readFileSync(file, 'utf8');
const readJson = (file: string): unknown => JSON.parse(readText(file)) as unknown;

const schema = readJson(path.join(catalogDirectory, 'schema.json')) as Record<string, unknown>;
const catalogFiles = readdirSync(catalogDirectory)
	.filter((file) => file.endsWith('.json') && file !== 'schema.json')
	.sort();
const files = new Map(catalogFiles.map((file) => [file, readJson(path.join(catalogDirectory, file))]));
const providers: Catalog[] = [...files.values()]
	.filter((value): value is Catalog => typeof value === 'object' && value !== null && 'detection' in value)
	.sort((a, b) => a.id.localeCompare(b.id));
const inventoryFile = path.join(root, 'test/fixtures/doc-inventory.json');
const inventory = readJson(inventoryFile) as InventoryItem[];

const newValidator = (): ValidateFunction => new Ajv2020({allErrors: true, strict: true}).compile(schema);
const validate = newValidator();
const errorsOf = (value: unknown): ErrorObject[] => (validate(value) ? [] : [...(validate.errors ?? [])]);
const clone = <T>(value: T): T => structuredClone(value);
/** The body field an entry's code is read from, when it is not the format's main code (Stripe's `decline_code`). */
const codeFieldOf = (entry: CatalogEntry): string | undefined => (entry as CatalogEntry & {readonly codeField?: string}).codeField;
const catalog = (id: string): Catalog => {
	const found = providers.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`no catalog ${id}`);
	return found;
};

/** Every regular expression source a catalog holds, with where it sits. */
const regexSources = (value: Catalog): Array<[where: string, source: string]> => {
	const found: Array<[string, string]> = [];
	const matchers = (where: string, list: readonly RequestMatcher[] | undefined) => {
		for (const [index, matcher] of (list ?? []).entries()) {
			if (matcher.path !== undefined) found.push([`${where}[${index}].path`, matcher.path]);
		}
	};

	for (const [index, entry] of value.entries.entries()) {
		if (entry.messagePattern !== undefined) found.push([`entries[${index}].messagePattern`, entry.messagePattern]);
	}

	for (const [index, source] of (value.detection.idPatterns ?? []).entries()) {
		found.push([`detection.idPatterns[${index}]`, source]);
	}

	if (value.detection.codePattern !== undefined) found.push(['detection.codePattern', value.detection.codePattern]);
	for (const [index, header] of value.headers.entries()) matchers(`headers[${index}].requiredWhen`, header.requiredWhen);
	matchers('idempotency.required', value.idempotency?.required);
	matchers('idempotency.recommended', value.idempotency?.recommended);
	for (const [index, item] of (value.credentialEnvironments ?? []).entries()) {
		found.push([`credentialEnvironments[${index}].pattern`, item.pattern]);
	}

	return found;
};

/** Every DocRef in a catalog (anything under a `doc` key, plus `sources`). */
const docRefs = (value: unknown, where = ''): Array<[string, DocRef]> => {
	if (Array.isArray(value)) return value.flatMap((item, index) => docRefs(item, `${where}[${index}]`));
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, child]): Array<[string, DocRef]> => {
		if (key === 'doc') return [[`${where}.doc`, child as DocRef]];
		if (key === 'sources') return (child as DocRef[]).map((ref, index) => [`${where}.sources[${index}]`, ref]);
		return docRefs(child, `${where}.${key}`);
	});
};

const linter = new Linter({configType: 'flat'});
const linearityRules = {
	'regexp/no-super-linear-backtracking': 'error',
	'regexp/no-super-linear-move': 'error',
} as const;
/** Messages of eslint-plugin-regexp's backtracking rules for one regular expression source. */
const nonLinearity = (source: string): string[] =>
	linter
		.verify(`new RegExp(${JSON.stringify(source)}, 'i');\n`, [
			{plugins: {regexp: regexpPlugin as unknown as NonNullable<Linter.Config['plugins']>[string]}, rules: linearityRules},
		])
		.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);

const unionMembers = (typeName: string): string[] => {
	const source = readText(path.join(root, 'source/core/types.ts'));
	const match = new RegExp(`export type ${typeName} =([^;]*);`).exec(source);
	if (!match?.[1]) throw new Error(`type ${typeName} not found in types.ts`);
	return [...match[1].matchAll(/'([^']+)'/g)].map((member) => member[1] ?? '');
};

const defs = schema['$defs'] as Record<string, {enum?: string[]}>;

test('schema.json compiles with Ajv2020 in strict mode', (t) => {
	t.notThrows(() => newValidator());
});

test('FormatId and CheckId enums in schema.json match source/core/types.ts', (t) => {
	t.deepEqual(defs['FormatId']?.enum, unionMembers('FormatId'));
	t.deepEqual(defs['CheckId']?.enum, unionMembers('CheckId'));
});

test('the provider catalogs are present', (t) => {
	t.deepEqual(
		providers.map((value) => value.id),
		['aws', 'customer-verification', 'dakota', 'dfns', 'dguard', 'github', 'google', 'microsoft', 'openai', 'shopify', 'slack', 'stripe', 'twilio'],
	);
	for (const value of providers) t.true(files.has(`${value.id}.json`), `${value.id} lives in ${value.id}.json`);
});

for (const [file, value] of files) {
	test(`${file} validates against schema.json`, (t) => {
		t.deepEqual(errorsOf(value), []);
	});
}

test('catalog files and the inventory are formatted with a 2-space indent', (t) => {
	for (const file of [...catalogFiles.map((name) => path.join(catalogDirectory, name)), inventoryFile]) {
		const text = readText(file);
		t.is(text, JSON.stringify(JSON.parse(text), null, 2) + '\n', path.basename(file));
	}
});

test('every regular expression in a catalog compiles and is linear', (t) => {
	for (const value of providers) {
		for (const [where, source] of regexSources(value)) {
			t.notThrows(() => new RegExp(source, 'i'), `${value.id} ${where}`);
			t.deepEqual(nonLinearity(source), [], `${value.id} ${where}: ${source}`);
		}
	}
});

test('the linearity check catches a backtracking pattern', (t) => {
	t.not(nonLinearity('^(a+)+$').length, 0);
	t.not(nonLinearity('(\\w+\\s*)+=').length, 0);
});

test('every documented status, code, problem type and message has a specific catalog entry', (t) => {
	for (const item of inventory) {
		const value = catalog(item.provider);
		const label = `${item.provider} ${item.kind} ${item.value}`;
		if (item.kind === 'status') {
			const matches = value.statuses.filter((status) => status.status === Number(item.value));
			t.is(matches.length, 1, label);
		} else if (item.kind === 'message') {
			const matches = value.entries.filter(
				(entry) => entry.messagePattern !== undefined && new RegExp(entry.messagePattern, 'i').test(item.value),
			);
			t.is(matches.length, 1, `${label}: exactly one messagePattern matches`);
			t.is(matches[0]?.status, item.status, label);
		} else {
			// A Stripe decline code may share its spelling with an error code; the field it comes from tells them apart.
			const field = item.kind === 'decline_code' || item.kind === 'reason' ? item.kind : undefined;
			const matches = value.entries.filter((entry) => entry.code === item.value && codeFieldOf(entry) === field);
			t.is(matches.length, 1, label);
			t.is(matches[0]?.status, item.status, label);
		}
	}
});

test('the inventory holds what the docs list', (t) => {
	const count = (provider: string, kind: InventoryItem['kind']) =>
		inventory.filter((item) => item.provider === provider && item.kind === kind).length;
	t.is(count('dguard', 'code'), 66);
	t.is(count('dakota', 'type'), 17);
	t.is(count('dakota', 'code'), 21);
	t.is(count('customer-verification', 'code'), 16);
	t.is(count('dfns', 'status'), 12);
	t.is(count('dfns', 'message'), 12);
	t.is(count('stripe', 'decline_code'), 50);
	t.is(count('openai', 'message'), 10);
});

test('catalogs invent no codes and no statuses the docs do not list', (t) => {
	for (const value of providers) {
		const documented = inventory.filter((item) => item.provider === value.id);
		const codes = new Set(
			documented.filter((item) => ['code', 'type', 'decline_code', 'reason'].includes(item.kind)).map((item) => item.value),
		);
		const statuses = new Set(documented.filter((item) => item.kind === 'status').map((item) => Number(item.value)));
		for (const entry of value.entries) {
			if (entry.code !== undefined) t.true(codes.has(entry.code), `${value.id} ${entry.code}`);
		}

		for (const status of value.statuses) t.true(statuses.has(status.status), `${value.id} status ${status.status}`);
	}
});

test('no duplicate codes, statuses or message entry titles within a catalog', (t) => {
	const duplicates = (list: ReadonlyArray<string | number>) => list.filter((item, index) => list.indexOf(item) !== index);
	for (const value of providers) {
		const codes = value.entries.flatMap((entry) =>
			entry.code === undefined ? [] : [`${codeFieldOf(entry) ?? 'code'}:${entry.code}`],
		);
		t.deepEqual(duplicates(codes), [], `${value.id} codes`);
		t.deepEqual(duplicates(value.statuses.map((status) => status.status)), [], `${value.id} statuses`);
		// Message entries have no code: their title is their identity (for `related` and `lookup`).
		const titles = value.entries.filter((entry) => entry.code === undefined).map((entry) => entry.title);
		t.deepEqual(duplicates(titles), [], `${value.id} message entry titles`);
	}
});

test('every entry has code or messagePattern, and every doc cites a section of a listed source', (t) => {
	for (const value of providers) {
		for (const entry of value.entries) t.true(entry.code !== undefined || entry.messagePattern !== undefined, entry.title);
		const sources = new Set(value.sources.map((source) => source.source));
		for (const [where, ref] of docRefs(value)) {
			t.true(typeof ref.section === 'string' && ref.section.trim().length > 0, `${value.id}${where}.section`);
			t.true(sources.has(ref.source), `${value.id}${where}: ${ref.source} is in sources`);
		}
	}
});

test('related codes and checklist codes name entries of the same catalog', (t) => {
	for (const value of providers) {
		const names = new Set(value.entries.flatMap((entry) => [entry.code ?? entry.title]));
		for (const entry of value.entries) {
			for (const other of entry.related ?? []) t.true(names.has(other), `${value.id} ${entry.code ?? entry.title} → ${other}`);
		}

		for (const checklist of value.checklists ?? []) {
			for (const code of checklist.codes ?? []) t.true(names.has(code), `${value.id} checklist ${checklist.title} → ${code}`);
		}
	}
});

test('each codePattern accepts its own codes and no other provider’s', (t) => {
	for (const value of providers) {
		const ownCodes = value.entries.flatMap((entry) => (entry.code === undefined ? [] : [entry.code]));
		// No codePattern: the provider's codes are shared with other APIs (Google's with gRPC, S3's with S3-compatible
		// stores), so a code alone must not point at it.
		if (value.detection.codePattern === undefined) {
			t.pass();
			continue;
		}

		const pattern = new RegExp(value.detection.codePattern);
		for (const code of ownCodes) t.regex(code, pattern, value.id);
		for (const other of providers.filter((candidate) => candidate !== value)) {
			// A code read from another field (a Google ErrorInfo reason, a Stripe decline code) is not that API's code.
			for (const entry of other.entries) {
				if (entry.code !== undefined && entry.codeField === undefined)
					t.notRegex(entry.code, pattern, `${value.id} pattern vs ${other.id}`);
			}
		}

		t.notRegex(`${ownCodes[0] ?? ''}x`, pattern, `${value.id} codePattern is anchored`);
	}
});

test('id patterns recognise the documented ids and not generic request ids', (t) => {
	const matches = (value: string) =>
		providers.filter((candidate) => (candidate.detection.idPatterns ?? []).some((source) => new RegExp(source).test(value)));
	for (const id of ['wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx', 'or-195qp-opddr-xxxxxxxxxxxxxxxx', 'us-24vwa-92s33-8tvqi1dg0a95megt']) {
		t.deepEqual(
			matches(id).map((value) => value.id),
			['dfns'],
			id,
		);
	}

	t.deepEqual(
		matches('cst_2abc123').map((value) => value.id),
		['dakota'],
	);
	for (const generic of ['req_7f3a8b2c', 'req_abc123', 'txn_123', 'cus_invalid123', '2038837570328299032']) {
		t.deepEqual(matches(generic), [], generic);
	}
});

test('Dfns: the permission error captures the missing permission in group 1', (t) => {
	const message =
		'CustomerEmployee us-24vwa-92s33-8tvqi1dg0a95megt is not authorized to perform operation (Auth:Apps:Update)';
	const entry = catalog('dfns').entries.find(
		(candidate) => candidate.messagePattern !== undefined && new RegExp(candidate.messagePattern, 'i').test(message),
	);
	t.is(entry?.status, 403);
	t.is(new RegExp(entry?.messagePattern ?? '$^', 'i').exec(message)?.[1], 'Auth:Apps:Update');
});

test('Dfns: "not found" messages generalise but keep application not found separate', (t) => {
	const titlesFor = (message: string) =>
		catalog('dfns')
			.entries.filter((entry: CatalogEntry) => entry.messagePattern && new RegExp(entry.messagePattern, 'i').test(message))
			.map((entry) => entry.title);
	t.deepEqual(titlesFor('user not found'), titlesFor('wallet not found'));
	t.deepEqual(titlesFor('Policy not found'), titlesFor('wallet not found'));
	t.deepEqual(titlesFor('application not found'), ['Application not found']);
	t.deepEqual(titlesFor('the operation is not authorized'), []);
});

test('DGuard: the refund idempotency matcher fits the documented path, with or without a version prefix', (t) => {
	const required = catalog('dguard').idempotency?.required ?? [];
	const needsKey = (method: string, urlPath: string) =>
		required.some(
			(matcher) =>
				(matcher.methods ?? [method]).includes(method) && new RegExp(matcher.path ?? '').test(urlPath),
		);
	t.true(needsKey('POST', '/refund/request'));
	t.true(needsKey('POST', '/v1/refund/request'));
	t.false(needsKey('GET', '/v1/refund/request'));
	t.false(needsKey('POST', '/v1/refund/requests'));
	t.false(needsKey('POST', '/v1/refund/request/rf_1/cancel'));
});

test('DGuard: only the device limit 429 suppresses the retry advice', (t) => {
	const suppressing = catalog('dguard').entries.filter((entry) => entry.suppressChecks?.includes('ratelimit.retry'));
	t.deepEqual(
		suppressing.map((entry) => entry.code),
		['VPN_001'],
	);
	t.is(suppressing[0]?.retryable, false);
});

test('header spelling: Dakota insists on x-api-key, no other provider insists', (t) => {
	const insisting = providers.flatMap((value) =>
		value.headers.filter((header) => header.insistsOnSpelling).map((header) => `${value.id}:${header.name}`),
	);
	t.deepEqual(insisting, ['dakota:x-api-key']);
});

// A broken catalog must be rejected, and every error must point at the broken spot (the top-level `if` aside).
const expectErrorsAt = (
	t: {true: (value: boolean, message?: string) => void; not: (a: unknown, b: unknown, message?: string) => void},
	errors: ErrorObject[],
	instancePath: string,
) => {
	t.not(errors.length, 0, 'rejected');
	const stray = errors.filter((error) => !error.instancePath.startsWith(instancePath) && error.keyword !== 'if');
	t.true(stray.length === 0, `all errors at ${instancePath}: ${JSON.stringify(stray)}`);
	t.true(
		errors.some((error) => error.instancePath === instancePath),
		`an error names ${instancePath}`,
	);
};

test('a typo in a key is rejected at that entry', (t) => {
	const broken = clone(catalog('dakota')) as unknown as {entries: Array<Record<string, unknown>>};
	const entry = broken.entries[2];
	if (!entry) throw new Error('dakota has no third entry');
	entry['sumary'] = entry['summary'];
	delete entry['summary'];
	const errors = errorsOf(broken);
	expectErrorsAt(t, errors, '/entries/2');
	t.true(errors.some((error) => error.params['additionalProperty'] === 'sumary'));
	t.true(errors.some((error) => error.params['missingProperty'] === 'summary'));
});

test('a missing doc is rejected at that host', (t) => {
	const broken = clone(catalog('dfns')) as unknown as {hosts: Array<Record<string, unknown>>};
	delete broken.hosts[1]?.['doc'];
	const errors = errorsOf(broken);
	expectErrorsAt(t, errors, '/hosts/1');
	t.true(errors.some((error) => error.instancePath === '/hosts/1' && error.params['missingProperty'] === 'doc'));
});

test('an empty doc section, an unknown check id and an unknown format are rejected where they are', (t) => {
	const broken = clone(catalog('dakota')) as unknown as {statuses: Array<{doc: {section: string}}>};
	const status = broken.statuses[0];
	if (!status) throw new Error('dakota has no status');
	status.doc.section = '';
	expectErrorsAt(t, errorsOf(broken), '/statuses/0/doc/section');

	const badCheck = clone(catalog('dakota')) as unknown as {checklists: Array<{items: Array<{check?: string}>}>};
	const item = badCheck.checklists[0]?.items[0];
	if (!item) throw new Error('dakota has no checklist item');
	item.check = 'header.casin';
	expectErrorsAt(t, errorsOf(badCheck), '/checklists/0/items/0/check');

	const badFormat = clone(catalog('dguard')) as unknown as {detection: {formats: string[]}};
	badFormat.detection.formats[0] = 'dguard-v2';
	expectErrorsAt(t, errorsOf(badFormat), '/detection/formats/0');
});

test('an entry with neither code nor messagePattern is rejected', (t) => {
	const broken = clone(catalog('dguard')) as unknown as {entries: Array<Record<string, unknown>>};
	delete broken.entries[5]?.['code'];
	expectErrorsAt(t, errorsOf(broken), '/entries/5');
});

const httpStatus = {
	status: 418,
	title: 'I am a teapot',
	summary: 'A joke status.',
	causes: ['Asking a teapot for coffee.'],
	solutions: ['Ask a coffee pot.'],
	retryable: false,
	doc: {source: 'RFC 9110', section: '15.5.19'},
};
const vocabulary = {
	format: 'oauth2',
	code: 'invalid_grant',
	status: 400,
	title: 'Invalid grant',
	summary: 'The grant is invalid, expired or revoked.',
	causes: ['An expired refresh token.'],
	solutions: ['Sign in again.'],
	doc: {source: 'RFC 6749', section: '5.2'},
};

test('the HTTP status and vocabulary file shapes are accepted, with $schema', (t) => {
	t.deepEqual(errorsOf({$schema: './schema.json', httpStatuses: [httpStatus]}), []);
	t.deepEqual(errorsOf({$schema: './schema.json', vocabularies: [vocabulary, {...vocabulary, status: null}]}), []);
});

test('broken HTTP status and vocabulary files are rejected at the broken item, not as a provider catalog', (t) => {
	const noRetryable: Record<string, unknown> = {...httpStatus};
	delete noRetryable['retryable'];
	const statusErrors = errorsOf({httpStatuses: [httpStatus, noRetryable]});
	expectErrorsAt(t, statusErrors, '/httpStatuses/1');
	t.false(statusErrors.some((error) => error.params['missingProperty'] === 'detection'));

	expectErrorsAt(t, errorsOf({vocabularies: [{...vocabulary, format: 'oauth'}]}), '/vocabularies/0/format');
});

test('a file with none of the distinguishing keys is rejected as a provider catalog missing detection', (t) => {
	const errors = errorsOf({name: 'Nothing'});
	t.true(errors.some((error) => error.instancePath === '' && error.params['missingProperty'] === 'detection'));
});
