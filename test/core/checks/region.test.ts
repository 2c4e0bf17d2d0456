import test from 'ava';
import type {Catalog} from '../../../source/core/catalog/catalog.js';
import {checkEnvironmentMismatch, checkRegionHost} from '../../../source/core/checks/region.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, customerVerification, dakota, dfns, dguard, ids, referenceSeconds, request} from './helpers.js';

const dfnsToken = (claims: Record<string, unknown>) => `Bearer ${mintJwt({exp: referenceSeconds + 3600, ...claims})}`;

test('region.host fails on a host that looks like the provider but is not one of its hosts', (t) => {
	const results = checkRegionHost(
		context({
			catalog: dfns,
			request: request('GET', 'https://api.eu.dfns.io/wallets', [['Authorization', dfnsToken({})]]),
		}),
	);
	t.deepEqual(ids(results), ['region.host:fail']);
	t.is(
		results[0]?.message,
		// The deprecated api.dfns.ninja is not offered.
		'`api.eu.dfns.io` is not a Dfns API host; Dfns documents api.dfns.io (EU, production), ' +
			'api.uae.dfns.io (UAE, production), api.dfns.wtf (development)',
	);
	// A proxy or an unrelated host cannot be judged.
	const proxy = request('GET', 'https://gateway.internal.example/dfns/wallets', []);
	t.deepEqual(
		checkRegionHost(context({catalog: dfns, request: proxy, status: 401})).map((result) => result.result),
		['manual'],
	);
});

test('region.host fails when the credential names another region', (t) => {
	const results = checkRegionHost(
		context({
			catalog: dfns,
			request: request('GET', 'https://api.dfns.io/wallets', [
				['Authorization', dfnsToken({aud: 'https://api.uae.dfns.io'})],
			]),
			status: 401,
		}),
	);
	t.deepEqual(ids(results), ['region.host:fail']);
	t.is(
		results[0]?.message,
		'the JWT in `Authorization` names api.uae.dfns.io (UAE region) but the request goes to api.dfns.io (EU): call api.uae.dfns.io',
	);
	// `xapi.dfns.io` is not `api.dfns.io`, and the same region confirms the host.
	const same = checkRegionHost(
		context({
			catalog: dfns,
			request: request('GET', 'https://api.uae.dfns.io/wallets', [
				['Authorization', dfnsToken({iss: 'api.uae.dfns.io'})],
			]),
			status: 401,
		}),
	);
	t.deepEqual(ids(same), ['region.host:pass']);
	t.regex(same[0]!.message, /credential names it/);
});

test('region.host is manual on a 401 from a multi-region provider when nothing decides', (t) => {
	const results = checkRegionHost(
		context({
			catalog: dfns,
			request: request('GET', 'https://api.dfns.io/wallets', [['Authorization', dfnsToken({})]]),
			status: 401,
		}),
	);
	t.deepEqual(ids(results), ['region.host:manual']);
	t.is(
		results[0]?.message,
		'the request goes to api.dfns.io (EU, production), and Dfns keeps each organisation in one region: ' +
			'if your organisation lives in the UAE region, call api.uae.dfns.io',
	);
	const bodyOnly = checkRegionHost(context({catalog: dfns, body: {error: {message: 'Not Authorized.'}}, status: 401}));
	t.regex(bodyOnly[0]!.message, /in the EU region, call api\.dfns\.io; if your organisation lives in the UAE region/);
});

test('region.host passes on a known host outside auth errors; single-region providers get no manual', (t) => {
	const known = checkRegionHost(
		context({catalog: dfns, request: request('GET', 'https://api.dfns.io/wallets', []), status: 404}),
	);
	t.deepEqual(ids(known), ['region.host:pass']);
	t.deepEqual(checkRegionHost(context({catalog: dguard, status: 401})), []);
	t.deepEqual(
		ids(
			checkRegionHost(
				context({catalog: dguard, request: request('GET', 'https://api.dguard.ai/v1/x', []), status: 401}),
			),
		),
		['region.host:pass'],
	);
	t.deepEqual(
		checkRegionHost(context({catalog: null, request: request('GET', 'https://api.dfns.io/x', []), status: 401})),
		[],
	);
});

test('environment.mismatch: a sandbox JWT on a production host fails; the same environment passes', (t) => {
	const sandbox = checkEnvironmentMismatch(
		context({
			catalog: dakota,
			request: request('GET', 'https://api.platform.dakota.xyz/customers', [
				['Authorization', `Bearer ${mintJwt({iss: 'https://auth.sandbox.dakota.xyz'})}`],
			]),
			status: 401,
		}),
	);
	t.deepEqual(ids(sandbox), ['environment.mismatch:fail']);
	t.regex(sandbox[0]!.message, /is a sandbox credential but api\.platform\.dakota\.xyz is production/);
	const same = checkEnvironmentMismatch(
		context({
			catalog: dakota,
			request: request('GET', 'https://api.platform.sandbox.dakota.xyz/customers', [
				['Authorization', `Bearer ${mintJwt({aud: 'api.platform.sandbox.dakota.xyz'})}`],
			]),
		}),
	);
	t.deepEqual(ids(same), ['environment.mismatch:pass']);
	// `contest` or `latest` in an issuer are not environments.
	const words = checkEnvironmentMismatch(
		context({
			catalog: dakota,
			request: request('GET', 'https://api.platform.dakota.xyz/customers', [
				['Authorization', `Bearer ${mintJwt({iss: 'https://contest.latest.example'})}`],
			]),
		}),
	);
	t.deepEqual(words, []);
});

test('environment.mismatch: key prefixes the catalog knows', (t) => {
	const stripeLike: Catalog = {
		...dakota,
		credentialEnvironments: [
			{pattern: '^sk_test_', environment: 'sandbox'},
			{pattern: '^sk_live_', environment: 'production'},
		],
	};
	const test_ = checkEnvironmentMismatch(
		context({
			catalog: stripeLike,
			request: request('GET', 'https://api.platform.dakota.xyz/x', [['x-api-key', 'sk_test_abc']]),
		}),
	);
	t.deepEqual(ids(test_), ['environment.mismatch:fail']);
	const live = checkEnvironmentMismatch(
		context({
			catalog: stripeLike,
			request: request('GET', 'https://api.platform.dakota.xyz/x', [['x-api-key', 'sk_live_abc']]),
		}),
	);
	t.deepEqual(ids(live), ['environment.mismatch:pass']);
});

test('environment.mismatch is manual on auth errors from providers with separate environment credentials', (t) => {
	const sandbox = checkEnvironmentMismatch(
		context({
			catalog: dakota,
			request: request('GET', 'https://api.platform.sandbox.dakota.xyz/customers', [['x-api-key', 'dk_abc']]),
			status: 401,
		}),
	);
	t.deepEqual(ids(sandbox), ['environment.mismatch:manual']);
	t.is(
		sandbox[0]?.message,
		'check that the key was created in the sandbox dashboard when you call api.platform.sandbox.dakota.xyz',
	);
	t.deepEqual(
		checkEnvironmentMismatch(
			context({catalog: dakota, request: request('GET', 'https://api.platform.sandbox.dakota.xyz/c', []), status: 404}),
		),
		[],
	);
	t.deepEqual(checkEnvironmentMismatch(context({catalog: dguard, status: 401})), []);
});

test('environment.mismatch without known hosts names no host list, and calls a Bearer JWT a token', (t) => {
	// The bundled catalog knows no hosts.
	t.deepEqual(customerVerification.hosts, []);
	const results = checkEnvironmentMismatch(
		context({
			catalog: customerVerification,
			request: request('GET', 'https://verify.example.com/v1/customers', [
				['Authorization', `Bearer ${mintJwt({sub: 'u'})}`],
			]),
			status: 401,
		}),
	);
	t.deepEqual(ids(results), ['environment.mismatch:manual']);
	t.is(
		results[0]?.message,
		'check that the token comes from the same environment as the host you call; ' +
			'Customer Verification API credentials work in one environment only',
	);
});
