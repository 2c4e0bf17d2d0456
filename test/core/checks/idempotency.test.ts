import test from 'ava';
import {runChecks} from '../../../source/core/checks/index.js';
import {checkIdempotency} from '../../../source/core/checks/idempotency.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, dakota, dguard, ids, only, referenceSeconds, request} from './helpers.js';

const auth: [string, string] = ['Authorization', `Bearer ${mintJwt({exp: referenceSeconds + 3600})}`];
const refundUrl = 'https://api.dguard.ai/v1/refund/request';

test('a DGuard refund without Idempotency-Key: idempotency.key fails, header.missing does not', (t) => {
	const results = runChecks(
		context({catalog: dguard, request: request('POST', refundUrl, [auth], '{"transaction_id":"txn_1"}')}),
	);
	t.deepEqual(ids(results, 'idempotency.key'), ['idempotency.key:fail']);
	t.is(
		only(results, 'idempotency.key')[0]?.message,
		"`POST /v1/refund/request` has no `Idempotency-Key`; DGuard requires it here: add -H 'Idempotency-Key: <uuid v4>' " +
			'(one per operation, valid 24 h)',
	);
	t.false(only(results, 'header.missing').some((result) => result.message.includes('Idempotency-Key')));
});

test('idempotency.key does not apply to other DGuard calls', (t) => {
	t.deepEqual(checkIdempotency(context({catalog: dguard, request: request('GET', refundUrl, [auth])})), []);
	t.deepEqual(
		checkIdempotency(
			context({catalog: dguard, request: request('POST', 'https://api.dguard.ai/v1/refund/request/cancel', [auth])}),
		),
		[],
	);
	t.deepEqual(checkIdempotency(context({catalog: dguard, body: {error_code: 'REFUND_004'}, status: 400})), []);
});

test('idempotency.key format: a UUID v4 passes, anything else warns, empty fails', (t) => {
	const withKey = (value: string) =>
		checkIdempotency(
			context({catalog: dguard, request: request('POST', refundUrl, [auth, ['idempotency-key', value]])}),
		);
	t.deepEqual(ids(withKey('550e8400-e29b-41d4-a716-446655440000')), ['idempotency.key:pass']);
	t.deepEqual(ids(withKey('order-42-refund')), ['idempotency.key:warn']);
	t.regex(withKey('order-42-refund')[0]!.message, /is `order-42-refund`, not a UUID v4/);
	// A v1 UUID is a UUID, but not the version DGuard asks for.
	t.deepEqual(ids(withKey('6ba7b810-9dad-11d1-80b4-00c04fd430c8')), ['idempotency.key:warn']);
	t.deepEqual(ids(withKey('  ')), ['idempotency.key:fail']);
});

test('a misspelt idempotency header is header.name only', (t) => {
	const results = runChecks(
		context({catalog: dguard, request: request('POST', refundUrl, [auth, ['Idempotency_Key', 'a']])}),
	);
	t.deepEqual(ids(results, 'idempotency.key'), []);
	t.deepEqual(ids(results, 'header.name'), ['header.name:fail']);
});

test('Dakota recommends x-idempotency-key on POST: warn when absent, pass when present, nothing on GET', (t) => {
	const url = 'https://api.platform.dakota.xyz/customers';
	const absent = checkIdempotency(context({catalog: dakota, request: request('POST', url, [['x-api-key', 'k']])}));
	t.deepEqual(ids(absent), ['idempotency.key:warn']);
	t.regex(absent[0]!.message, /Dakota recommends one so a retry cannot run the operation twice/);
	const present = checkIdempotency(
		context({
			catalog: dakota,
			request: request('POST', url, [
				['x-api-key', 'k'],
				['x-idempotency-key', 'unique-request-id-123'],
			]),
		}),
	);
	t.deepEqual(ids(present), ['idempotency.key:pass']);
	t.deepEqual(checkIdempotency(context({catalog: dakota, request: request('GET', url, [['x-api-key', 'k']])})), []);
});
