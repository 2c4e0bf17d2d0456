import test from 'ava';
import {checkHeaderCasing, checkHeaderMissing, checkHeaderName} from '../../../source/core/checks/headers.js';
import {runChecks} from '../../../source/core/checks/index.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, dakota, dfns, dguard, ids, only, referenceSeconds, request} from './helpers.js';

const dakotaUrl = 'https://api.platform.dakota.xyz/customers';
const token = mintJwt({sub: 'u', exp: referenceSeconds + 3600});

test('Dakota X-Api-Key: header.casing warns and explains why it rarely matters', (t) => {
	const results = runChecks(context({catalog: dakota, request: request('GET', dakotaUrl, [['X-Api-Key', 'dk_123']])}));
	const casing = only(results, 'header.casing');
	t.deepEqual(ids(casing), ['header.casing:warn']);
	t.is(
		casing[0]?.message,
		'`X-Api-Key` is sent; Dakota documents `x-api-key` (HTTP names are case-insensitive and HTTP/2 lowercases them, ' +
			'so this only matters to proxies or clients that compare exactly)',
	);
	t.deepEqual(ids(results, 'header.name'), ['header.name:pass']);
	t.deepEqual(ids(results, 'header.missing'), ['header.missing:pass']);
});

test('header.casing passes on the exact spelling and never fires without insistsOnSpelling', (t) => {
	t.deepEqual(
		ids(checkHeaderCasing(context({catalog: dakota, request: request('GET', dakotaUrl, [['x-api-key', 'k']])}))),
		['header.casing:pass'],
	);
	// Dfns does not insist: lowercase `authorization` and the SDK's `x-dfns-appid` are fine.
	const dfnsRequest = request('GET', 'https://api.dfns.io/wallets', [
		['authorization', `Bearer ${token}`],
		['x-dfns-appid', 'ap-1'],
	]);
	t.deepEqual(checkHeaderCasing(context({catalog: dfns, request: dfnsRequest})), []);
	t.deepEqual(
		checkHeaderName(context({catalog: dfns, request: dfnsRequest})).map((result) => result.result),
		['pass'],
	);
});

test('header.casing looks at request headers only', (t) => {
	const results = checkHeaderCasing(context({catalog: dakota, request: null, body: {'X-Api-Key': 'k'}}));
	t.deepEqual(results, []);
});

test('Dakota api-key: header.name, and not header.missing', (t) => {
	const results = runChecks(context({catalog: dakota, request: request('GET', dakotaUrl, [['api-key', 'dk_123']])}));
	t.deepEqual(ids(results, 'header.name'), ['header.name:fail']);
	t.is(only(results, 'header.name')[0]?.message, '`api-key` is sent; Dakota documents `x-api-key`: rename the header');
	t.deepEqual(ids(results, 'header.missing'), []);
	t.deepEqual(ids(results, 'header.casing'), []);
});

test('header.name: underscores mention nginx; edit distance finds USER-ACTION; confusions find Authentication', (t) => {
	const underscore = checkHeaderName(
		context({catalog: dakota, request: request('GET', dakotaUrl, [['X_API_KEY', 'k']])}),
	);
	t.is(underscore.length, 1);
	t.regex(
		underscore[0]!.message,
		/^`X_API_KEY` is sent; Dakota documents `x-api-key`.*nginx drops header names with underscores/,
	);

	const dfnsPost = request('POST', 'https://api.dfns.io/wallets', [
		['Authentication', `Bearer ${token}`],
		['X-DFNS-USER-ACTION', 'ua'],
	]);
	const results = runChecks(context({catalog: dfns, request: dfnsPost}));
	t.deepEqual(
		only(results, 'header.name').map((result) => result.message),
		[
			'`Authentication` is sent; Dfns documents `Authorization`: rename the header',
			'`X-DFNS-USER-ACTION` is sent; Dfns documents `X-DFNS-USERACTION`: rename the header',
		],
	);
	t.deepEqual(ids(results, 'header.missing'), []);
});

test('header.name: short or unrelated names do not collide', (t) => {
	const results = checkHeaderName(
		context({
			catalog: dakota,
			request: request('POST', dakotaUrl, [
				['x-api-key', 'k'],
				['Content-Type', 'application/json'],
				['Accept', '*/*'],
				['x-request-id', 'r1'],
				['x-api', 'v2'],
			]),
		}),
	);
	t.deepEqual(ids(results), ['header.name:pass']);
	// One edit away from `x-idempotency-key` is a near miss; the same typo in a short name is not.
	const typo = checkHeaderName(
		context({catalog: dakota, request: request('POST', dakotaUrl, [['x-idempotency-kei', 'a']])}),
	);
	t.deepEqual(ids(typo), ['header.name:fail']);
	t.deepEqual(
		checkHeaderName(context({catalog: dguard, request: request('GET', 'https://api.dguard.ai/x', [['Host', 'h']])})),
		[],
	);
});

test('Dfns POST without X-DFNS-USERACTION: header.missing; GET does not need it', (t) => {
	const post = request('POST', 'https://api.dfns.io/wallets', [['Authorization', `Bearer ${token}`]]);
	const missing = checkHeaderMissing(context({catalog: dfns, request: post, format: 'dfns'}));
	t.deepEqual(ids(missing), ['header.missing:fail', 'header.missing:pass']);
	t.is(missing[1]?.message, 'these headers Dfns requires for this request are present: `Authorization`');
	t.is(
		missing[0]?.message,
		'`POST /wallets` has no `X-DFNS-USERACTION` header; Dfns requires it (the one-time user action signature token that authorises a state-changing call)',
	);
	const get = request('GET', 'https://api.dfns.io/wallets', [['Authorization', `Bearer ${token}`]]);
	t.deepEqual(ids(checkHeaderMissing(context({catalog: dfns, request: get, format: 'dfns'}))), ['header.missing:pass']);
});

test('header.missing: generation-specific headers only when the evidence shows the legacy API', (t) => {
	const current = request('GET', 'https://api.dfns.io/wallets', [['Authorization', `Bearer ${token}`]]);
	t.deepEqual(ids(checkHeaderMissing(context({catalog: dfns, request: current}))), ['header.missing:pass']);
	const legacyFormat = checkHeaderMissing(context({catalog: dfns, request: current, format: 'dfns-legacy'}));
	t.deepEqual(
		legacyFormat
			.filter((result) => result.result === 'fail')
			.map((result) => result.message.match(/`(X-DFNS-\w+)`/)?.[1]),
		['X-DFNS-NONCE', 'X-DFNS-APPID'],
	);
	const legacyHeader = request('GET', 'https://api.dfns.io/wallets', [
		['Authorization', `Bearer ${token}`],
		['X-DFNS-APPID', 'ap-1'],
	]);
	const results = checkHeaderMissing(context({catalog: dfns, request: legacyHeader}));
	t.deepEqual(ids(results), ['header.missing:fail', 'header.missing:pass']);
	t.regex(results[0]!.message, /`X-DFNS-NONCE`/);
});

test('header.missing: no request, no finding; a missing idempotency key is not header.missing', (t) => {
	t.deepEqual(
		checkHeaderMissing(context({catalog: dfns, body: {error: {message: 'Not Authorized.'}}, status: 401})),
		[],
	);
	const refund = request('POST', 'https://api.dguard.ai/v1/refund/request', [['Authorization', `Bearer ${token}`]]);
	t.deepEqual(ids(checkHeaderMissing(context({catalog: dguard, request: refund}))), ['header.missing:pass']);
	const noAuth = request('GET', 'https://api.dguard.ai/v1/x', []);
	t.deepEqual(ids(checkHeaderMissing(context({catalog: dguard, request: noAuth}))), ['header.missing:fail']);
});
