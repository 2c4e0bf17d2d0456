import test from 'ava';
import {checkAuthFormat} from '../../../source/core/checks/auth.js';
import type {Catalog} from '../../../source/core/catalog/catalog.js';
import type {CheckResult, Header} from '../../../source/core/types.js';
import {mintJwt} from '../../helpers/jwt.js';
import {context, dakota, dfns, referenceSeconds, request} from './helpers.js';

const token = mintJwt({sub: 'u', exp: referenceSeconds + 3600});

function check(catalog: Catalog | null, headers: Header[], unexpanded: string[] = []): CheckResult[] {
	return checkAuthFormat(
		context({catalog, request: request('GET', 'https://api.dfns.io/wallets', headers, null, unexpanded)}),
	);
}

function outcomes(results: readonly CheckResult[]): string[] {
	return results.map((result) => result.result);
}

test('a well-formed Bearer token and a well-formed API key pass', (t) => {
	t.deepEqual(outcomes(check(dfns, [['Authorization', `Bearer ${token}`]])), ['pass']);
	t.deepEqual(outcomes(check(dfns, [['authorization', `bearer ${token}`]])), ['pass']);
	t.deepEqual(outcomes(check(dakota, [['x-api-key', 'dk_live_0a1b2c3d4e5f']])), ['pass']);
	t.deepEqual(check(dfns, [['Accept', 'application/json']]), []);
});

test('no scheme where the catalog sets one', (t) => {
	const results = check(dfns, [['Authorization', token]]);
	t.deepEqual(outcomes(results), ['fail']);
	t.is(results[0]?.message, '`Authorization` has no `Bearer` scheme: send `Authorization: Bearer <token>`');
});

test('another scheme, Bearer Bearer, and Bearer alone', (t) => {
	t.regex(check(dfns, [['Authorization', `Basic ${token}`]])[0]!.message, /uses the `Basic` scheme; Dfns documents/);
	const twice = check(dfns, [['Authorization', `Bearer Bearer ${token}`]]);
	t.deepEqual(outcomes(twice), ['fail']);
	t.is(twice[0]?.message, '`Authorization` repeats the scheme (`Bearer Bearer …`): send it once');
	t.regex(check(dfns, [['Authorization', 'Bearer']])[0]!.message, /has the scheme `Bearer` but no token/);
	t.regex(check(dfns, [['Authorization', '   ']])[0]!.message, /`Authorization` is empty/);
});

test('quotes around the value or the credential', (t) => {
	t.regex(check(dfns, [['Authorization', `"Bearer ${token}"`]])[0]!.message, /wrapped in quotes/);
	t.regex(check(dfns, [['Authorization', `Bearer '${token}'`]])[0]!.message, /quotes around the credential/);
	t.regex(check(dakota, [['x-api-key', '"dk_live_0a1b2c3d"']])[0]!.message, /wrapped in quotes/);
});

test('whitespace or a line break inside the credential, and a literal \\n', (t) => {
	t.regex(check(dakota, [['x-api-key', 'dk_live_0a1b 2c3d']])[0]!.message, /whitespace or a line break/);
	t.regex(
		check(dfns, [['Authorization', `Bearer ${token.slice(0, 20)}\n${token.slice(20)}`]])[0]!.message,
		/line break/,
	);
	t.regex(check(dakota, [['x-api-key', 'dk_live_0a1b2c3d\\n']])[0]!.message, /literal `\\n`/);
});

test('placeholders', (t) => {
	const placeholders = [
		'YOUR_API_KEY',
		'<token>',
		'{access_token}',
		'{{apiKey}}',
		'xxxxxxxxxxxx',
		'sk_test_xxxxx',
		'...',
		'string',
	];
	for (const value of placeholders) {
		const results = check(dakota, [['x-api-key', value]]);
		t.deepEqual(outcomes(results), ['fail'], value);
		t.regex(results[0]!.message, /placeholder|masked|shortened/, value);
	}

	t.regex(check(dfns, [['Authorization', 'Bearer undefined']])[0]!.message, /literal `undefined`/);
	t.regex(check(dfns, [['Authorization', 'Bearer eyJhbGciOi...']])[0]!.message, /shortened/);
	// Near inputs: real keys that merely contain an x or a dot.
	t.deepEqual(outcomes(check(dakota, [['x-api-key', 'dk_live_x9Xq.2']])), ['pass']);
	t.deepEqual(outcomes(check(dakota, [['x-api-key', 'yourcompany']])), ['fail']);
	t.deepEqual(outcomes(check(dakota, [['x-api-key', 'tokenized_8f2a']])), ['pass']);
});

test('shell variables: unexpanded is for a human to verify, a literal one is a failure', (t) => {
	const expanded = check(dfns, [['Authorization', 'Bearer $TOKEN']], ['$TOKEN']);
	t.deepEqual(outcomes(expanded), ['manual']);
	t.regex(expanded[0]!.message, /shell expansion `\$TOKEN`/);
	const braces = check(dakota, [['x-api-key', '${DAKOTA_KEY}']], ['${DAKOTA_KEY}']);
	t.deepEqual(outcomes(braces), ['manual']);
	const literal = check(dfns, [['Authorization', 'Bearer $TOKEN']]);
	t.deepEqual(outcomes(literal), ['fail']);
	t.regex(literal[0]!.message, /single quotes stop a shell/);
});

test('a raw key header given a Bearer scheme; a scheme-less JWT in a generic Authorization', (t) => {
	t.regex(check(dakota, [['x-api-key', 'Bearer dk_live_0a1b']])[0]!.message, /takes the key alone/);
	const generic = check(null, [['Authorization', token]]);
	t.deepEqual(outcomes(generic), ['warn']);
	t.deepEqual(outcomes(check(null, [['Authorization', 'SharedKey account:c2ln']])), ['pass']);
	t.deepEqual(outcomes(check(null, [['Authorization', 'Bearer YOUR_TOKEN']])), ['fail']);
});

test('no request, no auth.format', (t) => {
	t.deepEqual(checkAuthFormat(context({catalog: dfns, status: 401, body: {error: {message: 'Not Authorized.'}}})), []);
});

test('messages never echo a real credential', (t) => {
	const secret = 'dk_live_SECRET0a1b 2c3d';
	for (const result of check(dakota, [
		['x-api-key', secret],
		['Authorization', `Bearer Bearer ${token}`],
	])) {
		t.false(result.message.includes('SECRET'));
		t.false(result.message.includes(token));
	}
});
