import test from 'ava';
import fc from 'fast-check';
import type {Catalog} from '../../../source/core/catalog/catalog.js';
import {checkAuthFormat} from '../../../source/core/checks/auth.js';
import {checkBodyJson} from '../../../source/core/checks/body.js';
import {checkChecklists} from '../../../source/core/checks/catalog-checklists.js';
import {checkHeaderCasing, checkHeaderMissing, checkHeaderName} from '../../../source/core/checks/headers.js';
import {checkIdempotency} from '../../../source/core/checks/idempotency.js';
import {runChecks} from '../../../source/core/checks/index.js';
import {checkJwtExpired, checkJwtMalformed, checkJwtNotYetValid} from '../../../source/core/checks/jwt.js';
import {checkRateLimit} from '../../../source/core/checks/ratelimit.js';
import {checkEnvironmentMismatch, checkRegionHost} from '../../../source/core/checks/region.js';
import {collectJwts} from '../../../source/core/jwt/decode.js';
import type {CheckId, Evidence, FormatId} from '../../../source/core/types.js';
import {mintJwt} from '../../helpers/jwt.js';
import {
	context,
	customerVerification,
	dakota,
	dfns,
	dguard,
	ids,
	only,
	reference,
	referenceSeconds,
	request,
	response,
} from './helpers.js';

const order: CheckId[] = [
	'header.casing',
	'header.name',
	'header.missing',
	'auth.format',
	'jwt.expired',
	'jwt.not-yet-valid',
	'jwt.malformed',
	'region.host',
	'environment.mismatch',
	'ratelimit.retry',
	'idempotency.key',
	'body.json',
	'checklist',
];

test('results come in the fixed order, checklist last', (t) => {
	const results = runChecks(
		context({
			catalog: dakota,
			status: 401,
			code: 'authentication-error',
			request: request('POST', 'https://api.platform.dakota.xyz/customers', [['X-Api-Key', '"dk_1"']], '{"a":'),
			response: response(401, [['Retry-After', '1']]),
			bareToken: mintJwt({exp: referenceSeconds - 3600, nbf: referenceSeconds + 3600}),
		}),
	);
	const positions = results.map((result) => order.indexOf(result.id));
	t.deepEqual(
		positions,
		[...positions].sort((a, b) => a - b),
	);
	t.deepEqual(
		[...new Set(results.map((result) => result.id))],
		[
			'header.casing',
			'header.name',
			'header.missing',
			'auth.format',
			'jwt.expired',
			'jwt.not-yet-valid',
			'region.host',
			'environment.mismatch',
			'idempotency.key',
			'body.json',
			'checklist',
		],
	);
});

test('without a request only the JWT and rate-limit checks run', (t) => {
	const results = runChecks(
		context({
			catalog: dguard,
			status: 429,
			body: {error_code: 'FRAUD_005', message: 'Rate limit exceeded'},
			response: response(429, [['Retry-After', '30']]),
			bareToken: mintJwt({exp: referenceSeconds - 10}),
		}),
	);
	t.deepEqual(ids(results), ['jwt.expired:pass', 'ratelimit.retry:warn']);
	const bodyOnly = runChecks(
		context({catalog: dfns, body: {error: {message: 'user action signature is missing or invalid'}}, status: 403}),
	);
	t.deepEqual(only(bodyOnly, 'header.missing'), []);
});

test('entry.suppressChecks drops a check whatever its family', (t) => {
	const checks = (suppress: CheckId[]) =>
		runChecks(
			context({
				catalog: dakota,
				request: request('GET', 'https://api.platform.dakota.xyz/x', [['X-Api-Key', 'k']]),
				entry: {
					status: 401,
					title: 't',
					summary: 's',
					causes: [],
					solutions: [],
					suppressChecks: suppress,
					doc: dakota.sources[0]!,
				},
			}),
		);
	t.deepEqual(ids(checks([]), 'header.casing'), ['header.casing:warn']);
	t.deepEqual(ids(checks(['header.casing']), 'header.casing'), []);
});

test('the bundled catalogs drive the same findings', (t) => {
	const dakotaUrl = 'https://api.platform.dakota.xyz/customers';
	const casing = runChecks(
		context({catalog: dakota, request: request('GET', dakotaUrl, [['X-Api-Key', 'k']]), status: 401}),
	);
	t.deepEqual(ids(casing, 'header.casing'), ['header.casing:warn']);
	const name = runChecks(
		context({catalog: dakota, request: request('GET', dakotaUrl, [['api-key', 'k']]), status: 401}),
	);
	t.deepEqual(ids(name, 'header.name'), ['header.name:fail']);
	t.deepEqual(ids(name, 'header.missing'), []);
	t.is(only(name, 'checklist')[0]?.result, 'fail');
	t.deepEqual(ids(name, 'environment.mismatch'), ['environment.mismatch:manual']);

	const token = `Bearer ${mintJwt({exp: referenceSeconds + 600})}`;
	const post = runChecks(
		context({
			catalog: dfns,
			format: 'dfns',
			status: 403,
			request: request('POST', 'https://api.dfns.io/wallets', [['Authorization', token]]),
		}),
	);
	t.deepEqual(ids(post, 'header.missing'), ['header.missing:fail', 'header.missing:pass']);
	t.regex(only(post, 'header.missing')[0]!.message, /`X-DFNS-USERACTION`/);
	const eu = runChecks(
		context({
			catalog: dfns,
			status: 401,
			request: request('GET', 'https://api.eu.dfns.io/wallets', [['Authorization', token]]),
		}),
	);
	t.deepEqual(ids(eu, 'region.host'), ['region.host:fail']);
	const manual = runChecks(
		context({
			catalog: dfns,
			status: 401,
			request: request('GET', 'https://api.dfns.io/wallets', [['Authorization', token]]),
		}),
	);
	t.regex(
		only(manual, 'region.host')[0]!.message,
		/if your organisation lives in the UAE region, call api\.uae\.dfns\.io$/,
	);

	const refund = runChecks(
		context({
			catalog: dguard,
			status: 400,
			request: request('POST', 'https://api.dguard.ai/v1/refund/request', [['Authorization', token]]),
		}),
	);
	t.deepEqual(ids(refund, 'idempotency.key'), ['idempotency.key:fail']);
	const vpn = dguard.entries.find((entry) => entry.code === 'VPN_001') ?? null;
	t.truthy(vpn);
	t.deepEqual(
		only(
			runChecks(context({catalog: dguard, entry: vpn, status: 429, response: response(429, [['Retry-After', '60']])})),
			'ratelimit.retry',
		),
		[],
	);
});

const catalogs: Array<Catalog | null> = [null, dakota, dfns, dguard, customerVerification];
const formats: FormatId[] = ['unknown', 'dfns', 'dfns-legacy', 'problem-details', 'dguard'];
const interesting = fc.oneof(
	fc.string(),
	fc.string({unit: 'binary'}),
	fc.constantFrom(
		'Authorization',
		'x-api-key',
		'X_API_KEY',
		'Cookie',
		'Content-Type',
		'Idempotency-Key',
		'Retry-After',
		'Host',
	),
	fc.constantFrom(
		'Bearer ',
		'Bearer Bearer x',
		'"',
		'{}',
		'eyJ',
		`Bearer ${mintJwt({exp: 'x'})}`,
		'a=b; c=eyJhbGciOiJub25lIn0.e30.',
	),
);

test('runChecks never throws on arbitrary requests, responses, bodies and catalogs', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.record({
					method: interesting,
					url: fc.oneof(fc.webUrl(), interesting),
					headers: fc.array(fc.tuple(interesting, interesting), {maxLength: 6}),
					body: fc.option(fc.oneof(interesting, fc.json())),
					unexpanded: fc.array(interesting, {maxLength: 2}),
					status: fc.option(fc.oneof(fc.constantFrom(401, 403, 429, 503), fc.integer())),
					responseHeaders: fc.array(fc.tuple(interesting, interesting), {maxLength: 4}),
					errorBody: fc.oneof(fc.jsonValue(), interesting),
					catalog: fc.constantFrom(...catalogs),
					format: fc.constantFrom(...formats),
					code: fc.option(interesting),
					withRequest: fc.boolean(),
				}),
				(input) => {
					const sent = input.withRequest
						? request(input.method, input.url, input.headers, input.body, input.unexpanded)
						: null;
					const evidence: Evidence = {
						kinds: [],
						request: sent,
						curl: null,
						response: input.status === null ? null : response(input.status, input.responseHeaders),
						body: input.errorBody,
						jwts: collectJwts({request: sent, body: input.errorBody, bareToken: null}, reference),
						referenceTime: {iso: reference, source: 'clock'},
						notes: [],
					};
					const checkContext = {
						evidence,
						catalog: input.catalog,
						status: input.status,
						code: input.code,
						entry: null,
						format: input.format,
					};
					// Each family on its own, without the safety net runChecks puts around them.
					const direct = [
						checkHeaderCasing,
						checkHeaderName,
						checkHeaderMissing,
						checkAuthFormat,
						checkJwtExpired,
						checkJwtNotYetValid,
						checkJwtMalformed,
						checkRegionHost,
						checkEnvironmentMismatch,
						checkRateLimit,
						checkIdempotency,
						checkBodyJson,
					].flatMap((check) => check(checkContext));
					checkChecklists(checkContext, direct);
					const results = runChecks(checkContext);
					t.is(results.length, direct.length + checkChecklists(checkContext, direct).length);
					return results.every((result) => order.includes(result.id) && !/[\n\r]/.test(result.message));
				},
			),
			{numRuns: 2000, seed: 1_710_000_000},
		),
	);
});
