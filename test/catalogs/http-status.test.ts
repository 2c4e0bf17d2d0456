import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {Ajv2020} from 'ajv/dist/2020.js';
import type {ErrorObject} from 'ajv/dist/2020.js';
import type {HttpStatusEntry, VocabularyEntry} from '../../source/core/catalog/catalog.js';

const catalogDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../catalogs');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(catalogDirectory, file), 'utf8')) as unknown;

const schema = readJson('schema.json') as Record<string, unknown>;
const validate = new Ajv2020({allErrors: true, strict: true}).compile(schema);
const errorsOf = (value: unknown): ErrorObject[] => (validate(value) ? [] : [...(validate.errors ?? [])]);

const statusFile = readJson('http-status.json');
const vocabularyFile = readJson('vocabularies.json');
const statuses = (statusFile as {httpStatuses: HttpStatusEntry[]}).httpStatuses;
const vocabularies = (vocabularyFile as {vocabularies: VocabularyEntry[]}).vocabularies;

const range = (from: number, to: number): number[] => Array.from({length: to - from + 1}, (_, index) => from + index);
/** Every code in the IANA HTTP Status Code Registry. */
const registered = [
	...range(100, 103),
	...range(200, 208),
	226,
	...range(300, 308),
	...range(400, 418),
	...range(421, 426),
	428,
	429,
	431,
	451,
	...range(500, 508),
	510,
	511,
];
/** Unregistered codes common in pastes. */
const nonStandard = [499, 520, 521, 522, 523, 524, 530];
const entry = (status: number): HttpStatusEntry => {
	const found = statuses.find((candidate) => candidate.status === status);
	if (!found) throw new Error(`no entry for ${status}`);
	return found;
};

test('both files validate against schema.json', (t) => {
	t.deepEqual(errorsOf(statusFile), []);
	t.deepEqual(errorsOf(vocabularyFile), []);
	t.is((statusFile as {$schema?: string}).$schema, './schema.json');
	t.is((vocabularyFile as {$schema?: string}).$schema, './schema.json');
});

test('the registry list holds 63 codes', (t) => {
	t.is(registered.length, 63);
	t.is(new Set(registered).size, 63);
});

test('every registered status is present exactly once, plus the non-standard ones and nothing else', (t) => {
	for (const status of [...registered, ...nonStandard]) {
		t.is(statuses.filter((candidate) => candidate.status === status).length, 1, `status ${status}`);
	}

	t.deepEqual(
		statuses.map((candidate) => candidate.status).sort((a, b) => a - b),
		[...registered, ...nonStandard].sort((a, b) => a - b),
	);
});

test('titles are non-empty, and only unregistered codes say "non-standard"', (t) => {
	for (const {status, title} of statuses) {
		t.true(title.trim().length > 0, `status ${status}`);
		t.is(/non-standard/i.test(title), nonStandard.includes(status), `${status} ${title}`);
	}
});

test('every entry has 2–4 causes and 2–4 solutions, none empty', (t) => {
	for (const {status, causes, solutions} of statuses) {
		for (const list of [causes, solutions]) {
			t.true(list.length >= 2 && list.length <= 4, `status ${status}: ${list.length}`);
			for (const item of list) t.true(item.trim().length > 0, `status ${status}`);
		}
	}
});

test('retryable: true for 429 and 503, false for 400, 401, 403 and 404', (t) => {
	for (const status of [429, 503]) t.true(entry(status).retryable, `status ${status}`);
	for (const status of [400, 401, 403, 404]) t.false(entry(status).retryable, `status ${status}`);
});

test('retryable is true exactly for transient conditions', (t) => {
	const retryable = statuses.filter((candidate) => candidate.retryable).map((candidate) => candidate.status);
	t.deepEqual(
		retryable.sort((a, b) => a - b),
		[408, 421, 423, 425, 429, 499, 500, 502, 503, 504, 507, 520, 521, 522, 523, 524],
	);
});

test('every 2xx summary says it is not an error, and no 4xx or 5xx summary does', (t) => {
	for (const {status, summary} of statuses) {
		if (status >= 200 && status < 300) t.regex(summary, /\bnot an error\b/i, `status ${status}`);
		if (status >= 400) t.notRegex(summary, /\bnot an error\b/i, `status ${status}`);
	}
});

test('RFC 9110 citations use the section of the status class and name the status', (t) => {
	const cited = statuses.filter((candidate) => candidate.doc.source === 'RFC 9110');
	t.is(cited.length, 46);
	for (const {status, doc} of cited) {
		const classSection = Math.floor(status / 100) + 1;
		t.regex(doc.section, new RegExp(`^15\\.${classSection}\\.\\d+ ${status} \\S`), `status ${status}`);
	}

	t.is(entry(400).doc.section, '15.5.1 400 Bad Request');
	t.is(entry(401).doc.section, '15.5.2 401 Unauthorized');
	t.is(entry(421).doc.section, '15.5.20 421 Misdirected Request');
	t.is(entry(422).doc.section, '15.5.21 422 Unprocessable Content');
	t.is(entry(426).doc.section, '15.5.22 426 Upgrade Required');
	t.is(entry(505).doc.section, '15.6.6 505 HTTP Version Not Supported');
});

test('statuses outside RFC 9110 cite their own RFC or say they are non-standard', (t) => {
	const expected: Record<number, string> = {
		102: 'RFC 2518',
		103: 'RFC 8297',
		207: 'RFC 4918',
		208: 'RFC 5842',
		226: 'RFC 3229',
		423: 'RFC 4918',
		424: 'RFC 4918',
		425: 'RFC 8470',
		428: 'RFC 6585',
		429: 'RFC 6585',
		431: 'RFC 6585',
		451: 'RFC 7725',
		506: 'RFC 2295',
		507: 'RFC 4918',
		508: 'RFC 5842',
		510: 'RFC 2774',
		511: 'RFC 6585',
	};
	for (const [status, source] of Object.entries(expected)) t.is(entry(Number(status)).doc.source, source, status);
	t.is(entry(429).doc.section, '4 429 Too Many Requests');
	for (const status of nonStandard) t.regex(entry(status).doc.source, /\(non-standard\)$/, `status ${status}`);
});

test('every vocabulary format is oauth2, google, slack or stripe', (t) => {
	for (const {format, code} of vocabularies) t.true(['oauth2', 'google', 'slack', 'stripe'].includes(format), code);
	t.deepEqual([...new Set(vocabularies.map(({format}) => format))].sort(), ['google', 'oauth2', 'slack', 'stripe']);
});

test('no duplicate (format, code) pair', (t) => {
	const keys = vocabularies.map(({format, code}) => `${format}:${code}`);
	t.deepEqual(
		keys.filter((key, index) => keys.indexOf(key) !== index),
		[],
	);
});

test('every status a vocabulary entry names exists in http-status.json', (t) => {
	const known = new Set(statuses.map(({status}) => status));
	for (const {format, code, status} of vocabularies) {
		if (status !== null) t.true(known.has(status), `${format}:${code} → ${status}`);
	}
});

test('the vocabularies hold the listed codes', (t) => {
	const codesOf = (format: string) =>
		vocabularies
			.filter((candidate) => candidate.format === format)
			.map(({code}) => code)
			.sort();
	t.deepEqual(
		codesOf('oauth2'),
		[
			'access_denied',
			'authorization_pending',
			'expired_token',
			'insufficient_scope',
			'invalid_client',
			'invalid_grant',
			'invalid_request',
			'invalid_scope',
			'invalid_token',
			'server_error',
			'slow_down',
			'temporarily_unavailable',
			'unauthorized_client',
			'unsupported_grant_type',
			'unsupported_response_type',
		],
	);
	t.is(codesOf('google').length, 16);
	t.is(codesOf('slack').length, 14);
	t.is(codesOf('stripe').length, 18);
});

test('statuses of well-known codes', (t) => {
	const statusOf = (format: string, code: string) =>
		vocabularies.find((candidate) => candidate.format === format && candidate.code === code)?.status;
	const google: Record<string, number> = {
		CANCELLED: 499,
		UNKNOWN: 500,
		INVALID_ARGUMENT: 400,
		DEADLINE_EXCEEDED: 504,
		NOT_FOUND: 404,
		ALREADY_EXISTS: 409,
		PERMISSION_DENIED: 403,
		RESOURCE_EXHAUSTED: 429,
		FAILED_PRECONDITION: 400,
		ABORTED: 409,
		OUT_OF_RANGE: 400,
		UNIMPLEMENTED: 501,
		INTERNAL: 500,
		UNAVAILABLE: 503,
		DATA_LOSS: 500,
		UNAUTHENTICATED: 401,
	};
	for (const [code, status] of Object.entries(google)) t.is(statusOf('google', code), status, code);
	for (const {code, status} of vocabularies.filter((candidate) => candidate.format === 'slack')) {
		t.is(status, code === 'ratelimited' ? 429 : 200, code);
	}

	t.is(statusOf('oauth2', 'invalid_grant'), 400);
	t.is(statusOf('oauth2', 'invalid_token'), 401);
	t.is(statusOf('oauth2', 'insufficient_scope'), 403);
	t.is(statusOf('stripe', 'card_declined'), 402);
	t.is(statusOf('stripe', 'resource_missing'), 404);
	t.is(statusOf('stripe', 'idempotency_key_in_use'), 409);
	t.is(statusOf('stripe', 'rate_limit'), 429);
});

test('the shared invalid_request entry covers both RFC 6749 and RFC 6750', (t) => {
	const shared = vocabularies.find((candidate) => candidate.format === 'oauth2' && candidate.code === 'invalid_request');
	t.regex(shared?.summary ?? '', /RFC 6749/);
	t.regex(shared?.summary ?? '', /RFC 6750/);
});
