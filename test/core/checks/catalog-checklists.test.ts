import test from 'ava';
import {checkChecklists} from '../../../source/core/checks/catalog-checklists.js';
import {runChecks} from '../../../source/core/checks/index.js';
import type {CheckResult} from '../../../source/core/types.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, dakota, dfns, only, referenceSeconds, request} from './helpers.js';

const dakotaUrl = 'https://api.platform.dakota.xyz/customers';

test('Dakota 401 checklist: automatic items take the worst result about what they name, others are manual', (t) => {
	const results = runChecks(
		context({
			catalog: dakota,
			request: request('GET', dakotaUrl, [['api-key', 'dk_1']]),
			status: 401,
			code: 'authentication-error',
		}),
	);
	const items = only(results, 'checklist');
	// The first of Dakota's two checklists for this code (the second, from its troubleshooting page, follows).
	t.deepEqual(
		items.slice(0, 4).map((item) => [item.result, item.message]),
		[
			[
				'fail',
				'checked automatically (header.name: fail): The key is sent in `x-api-key`, spelt exactly so (not `X-Api-Key`, not `api-key`).',
			],
			['manual', 'verify by hand: The key has not expired and was not revoked.'],
			['pass', 'checked automatically (auth.format: pass): The key has no extra spaces, quotes or line breaks.'],
			[
				'manual',
				'checked automatically (environment.mismatch: manual): The key belongs to the environment of the host you call (sandbox or production).',
			],
		],
	);
	// The automatic finding is its own entry; the checklist item does not repeat it.
	t.false(items[0]!.message.includes('is sent; Dakota documents'));
	t.is(results.at(-1)?.id, 'checklist');
});

test('checklists apply by status or code only', (t) => {
	const ok = runChecks(
		context({catalog: dakota, request: request('GET', dakotaUrl, [['x-api-key', 'k']]), status: 404}),
	);
	t.deepEqual(only(ok, 'checklist'), []);
	const byCode = runChecks(
		context({catalog: dakota, request: request('GET', dakotaUrl, [['x-api-key', 'k']]), code: 'authentication-error'}),
	);
	const items = (dakota.checklists ?? [])
		.filter((checklist) => checklist.codes?.includes('authentication-error'))
		.flatMap((checklist) => checklist.items);
	t.is(only(byCode, 'checklist').length, items.length);
	t.true(items.length >= 4);
	t.is(only(byCode, 'checklist')[0]?.result, 'pass');
});

test('an item whose check found nothing is manual; header items pick results naming their header', (t) => {
	const previous: CheckResult[] = [
		{
			id: 'header.missing',
			result: 'fail',
			message: '`POST /wallets` has no `X-DFNS-USERACTION` header; Dfns requires it',
		},
		{
			id: 'region.host',
			result: 'manual',
			message: 'if your organisation lives in the UAE region, call api.uae.dfns.io',
		},
	];
	const items = checkChecklists(context({catalog: dfns, status: 401}), previous);
	// A finding about X-DFNS-USERACTION does not answer the item about `Authorization`.
	t.deepEqual(
		items.map((item) => item.result),
		['manual', 'manual', 'manual', 'manual'],
	);
	t.is(items[0]?.message, 'verify by hand: The request carries an `Authorization` header.');
	t.is(
		items[2]?.message,
		'verify by hand: The token had not expired when the request was made (decode it and read `exp`).',
	);
	t.is(
		items[3]?.message,
		"checked automatically (region.host: manual): The request went to your organisation's region: `api.dfns.io` or `api.uae.dfns.io`.",
	);
	const withPass: CheckResult[] = [
		{
			id: 'header.missing',
			result: 'pass',
			message: 'the headers Dfns requires for this request are present: `Authorization`',
		},
	];
	t.is(checkChecklists(context({catalog: dfns, status: 401}), withPass)[0]?.result, 'pass');
	const token = mintJwt({exp: referenceSeconds + 60});
	const full = runChecks(
		context({
			catalog: dfns,
			status: 401,
			request: request('GET', 'https://api.dfns.io/wallets', [['Authorization', `Bearer ${token}`]]),
		}),
	);
	t.deepEqual(
		only(full, 'checklist').map((item) => item.result),
		['pass', 'pass', 'pass', 'manual'],
	);
	const post = runChecks(
		context({
			catalog: dfns,
			status: 401,
			request: request('POST', 'https://api.dfns.io/wallets', [['Authorization', `Bearer ${token}`]]),
		}),
	);
	t.is(only(post, 'checklist')[0]?.result, 'pass');
	t.deepEqual(
		only(post, 'header.missing').map((result) => result.result),
		['fail', 'pass'],
	);
});
