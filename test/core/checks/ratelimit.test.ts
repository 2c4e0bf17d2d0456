import test from 'ava';
import {runChecks} from '../../../source/core/checks/index.js';
import {checkRateLimit} from '../../../source/core/checks/ratelimit.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, dakota, dguard, ids, only, referenceSeconds, request, response, vpnDeviceLimit} from './helpers.js';

const dakotaUrl = 'https://api.platform.dakota.xyz/customers';

test('a 429 with Retry-After: 60 retries at reference + 60 s, with the Dakota API-key limit', (t) => {
	const results = checkRateLimit(
		context({
			catalog: dakota,
			request: request('GET', dakotaUrl, [['x-api-key', 'dk_1']]),
			response: response(429, [['Retry-After', '60']]),
		}),
	);
	t.deepEqual(ids(results), ['ratelimit.retry:warn']);
	t.is(
		results[0]?.message,
		"retry at 2024-03-01T12:01:00.000Z, 1 min after the reference time (`Retry-After: 60`; the reference time is the response's Date header)" +
			'; Dakota allows 60 requests per minute (API key: `x-api-key` is sent)',
	);
});

test('Retry-After as an HTTP date, X-RateLimit-Reset in seconds and milliseconds, body retryAfter', (t) => {
	const date = checkRateLimit(context({response: response(503, [['Retry-After', 'Fri, 01 Mar 2024 12:30:00 GMT']])}));
	t.regex(date[0]!.message, /^retry at 2024-03-01T12:30:00\.000Z, 30 min after the reference time/);
	const reset = checkRateLimit(
		context({response: response(429, [['X-RateLimit-Reset', String(referenceSeconds + 7200)]])}),
	);
	t.regex(reset[0]!.message, /^retry at 2024-03-01T14:00:00\.000Z, 2 h after/);
	const resetMs = checkRateLimit(
		context({response: response(429, [['X-RateLimit-Reset', String((referenceSeconds + 45) * 1000)]])}),
	);
	t.regex(resetMs[0]!.message, /^retry at 2024-03-01T12:00:45\.000Z, 45 s after/);
	const body = checkRateLimit(
		context({body: {error: {code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests', retryAfter: 60}}}),
	);
	t.regex(
		body[0]!.message,
		/^retry at 2024-03-01T12:01:00\.000Z, 1 min after the reference time \(`retryAfter 60 in the body`/,
	);
	const past = checkRateLimit(context({response: response(429, [['Retry-After', 'Fri, 01 Mar 2024 11:00:00 GMT']])}));
	t.regex(past[0]!.message, /already past at the reference time .*, so retry now/);
});

test('a 403 with X-RateLimit-Remaining: 0 is a rate limit; other 403s are not', (t) => {
	const exhausted = checkRateLimit(
		context({
			response: response(403, [
				['X-RateLimit-Remaining', '0'],
				['X-RateLimit-Reset', String(referenceSeconds + 30)],
			]),
		}),
	);
	t.regex(
		exhausted[0]!.message,
		/^a 403 with X-RateLimit-Remaining: 0 is a rate limit, not a permission problem; retry at/,
	);
	t.deepEqual(checkRateLimit(context({response: response(403, [['X-RateLimit-Remaining', '12']])})), []);
	t.deepEqual(checkRateLimit(context({response: response(401, [['Retry-After', '60']])})), []);
	t.deepEqual(checkRateLimit(context({response: response(500)})), []);
});

test('no timing: manual with exponential backoff; unreadable values are named', (t) => {
	const nothing = checkRateLimit(context({response: response(429)}));
	t.deepEqual(ids(nothing), ['ratelimit.retry:manual']);
	t.regex(nothing[0]!.message, /back off exponentially/);
	const garbage = checkRateLimit(context({response: response(429, [['Retry-After', 'soon']])}));
	t.regex(garbage[0]!.message, /unreadable: `Retry-After: soon`/);
});

test('the documented limit follows the credential: JWT, API key, none, unknown', (t) => {
	const withJwt = checkRateLimit(
		context({
			catalog: {
				...dakota,
				headers: [
					...dakota.headers,
					{name: 'Authorization', purpose: 'JWT', credential: true, scheme: 'Bearer', doc: dakota.sources[0]!},
				],
			},
			request: request('GET', dakotaUrl, [['Authorization', `Bearer ${mintJwt({sub: 'u'})}`]]),
			response: response(429, [['Retry-After', '5']]),
		}),
	);
	t.regex(withJwt[0]!.message, /600 requests per minute \(JWT \(dashboard\): `Authorization` is sent with a JWT\)$/);
	const anonymous = checkRateLimit(
		context({catalog: dakota, request: request('GET', dakotaUrl, []), response: response(429, [['Retry-After', '5']])}),
	);
	t.regex(anonymous[0]!.message, /10 requests per minute \(Unauthenticated: no credential header is sent\)$/);
	const bodyOnly = checkRateLimit(context({catalog: dakota, status: 429, body: {type: 'rate-limited'}}));
	t.regex(
		bodyOnly[0]!.message,
		/60 requests per minute \(API key\), 600 requests per minute \(JWT \(dashboard\)\), 100 requests per hour/,
	);
});

test('DGuard VPN_001 (device limit) gets no ratelimit.retry; another 429 code does', (t) => {
	const vpn = runChecks(
		context({
			catalog: dguard,
			response: response(429, [['Retry-After', '60']]),
			entry: vpnDeviceLimit,
			code: 'VPN_001',
		}),
	);
	t.deepEqual(only(vpn, 'ratelimit.retry'), []);
	const fraud = runChecks(
		context({catalog: dguard, response: response(429, [['Retry-After', '60']]), code: 'FRAUD_005'}),
	);
	t.deepEqual(ids(fraud, 'ratelimit.retry'), ['ratelimit.retry:warn']);
});
