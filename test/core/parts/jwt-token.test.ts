import test from 'ava';
import fc from 'fast-check';
import {EncryptJWT, SignJWT, UnsecuredJWT, generateKeyPair} from 'jose';
import {JWT_PATTERN_SOURCE, findJwtTokens, isBareJwtPaste, looksLikeJwt} from '../../../source/core/parts/jwt-token.js';
import {segment} from '../../helpers/jwt.js';

const hs256 = await new SignJWT({sub: 'us-2k4m1-8v0ok-8rj9ss3nlf8m0gu3', aud: 'dfns:auth:user'})
	.setProtectedHeader({alg: 'HS256', typ: 'JWT'})
	.setExpirationTime(1_718_003_600)
	.sign(new TextEncoder().encode('a-test-secret-that-is-long-enough'));
const {privateKey} = await generateKeyPair('RS256');
const rs256 = await new SignJWT({iss: 'https://auth.example.com'})
	.setProtectedHeader({alg: 'RS256', kid: 'k1'})
	.sign(privateKey);
const unsecured = new UnsecuredJWT({sub: 'x'}).encode();
const jwe = await new EncryptJWT({sub: 'x'})
	.setProtectedHeader({alg: 'dir', enc: 'A256GCM'})
	.encrypt(new Uint8Array(32).fill(7));
// A Dfns X-DFNS-NONCE: base64url JSON, but one segment and no `alg`.
const nonce = segment({uuid: '3f5b2a4c-1d2e-4f60-9a7b-8c9d0e1f2a3b', date: '2024-06-10T08:15:02Z'});

test('generated HS256, RS256, unsecured and JWE tokens are JWTs', (t) => {
	t.is(jwe.split('.').length, 5);
	t.is(jwe.split('.')[1], '');
	for (const token of [hs256, rs256, unsecured, jwe]) {
		t.true(looksLikeJwt(token), token);
		t.is(isBareJwtPaste(token), token);
		t.deepEqual(findJwtTokens(token), [{start: 0, end: token.length, token}]);
	}
});

test('findJwtTokens: every token with its offsets, wherever it sits', (t) => {
	const text = `Authorization: Bearer ${hs256}\nCookie: session=${rs256}; theme=dark\n{"access_token":"${jwe}"}\nend with ${unsecured}.`;
	const found = findJwtTokens(text);
	t.deepEqual(
		found.map((hit) => hit.token),
		[hs256, rs256, jwe, unsecured],
	);
	for (const hit of found) t.is(text.slice(hit.start, hit.end), hit.token);
});

test('not JWTs: a nonce with no dots, versions, a header that is not JSON, a header without alg', (t) => {
	const notJson = `${segment('{"alg" HS256')}.${segment('{}')}.sig`;
	const noAlg = `${segment('{"typ":"JWT"}')}.${segment('{"sub":"x"}')}.sig`;
	const arrayHeader = `${segment('["alg"]')}.e30.sig`;
	const jweWithoutEnc = `${segment('{"alg":"dir"}')}..iv.ct.tag`;
	const emptyPayload = `${segment('{"alg":"HS256"}')}..sig`;
	const badUtf8 = `eyJ${Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')}.e30.sig`;
	t.true(nonce.startsWith('eyJ'));
	for (const value of [
		nonce,
		'1.2.3',
		'a.b.c',
		notJson,
		noAlg,
		arrayHeader,
		jweWithoutEnc,
		emptyPayload,
		badUtf8,
		`${hs256}.extra`,
		`x${hs256}`,
		'eyJ.eyJ.eyJ',
		'',
	]) {
		t.false(looksLikeJwt(value), value);
		t.is(isBareJwtPaste(value), null, value);
	}

	t.deepEqual(findJwtTokens(`X-DFNS-NONCE: ${nonce}\nversion 1.2.3, a.b.c, ${notJson} ${noAlg}`), []);
	t.deepEqual(findJwtTokens(`prefix.${hs256}`), [], 'a match never starts after a dot');
	t.deepEqual(findJwtTokens(`abc${hs256}`), [], 'nor inside a longer run');
});

test('isBareJwtPaste: whitespace and a Bearer / Authorization: Bearer prefix, nothing else', (t) => {
	t.is(isBareJwtPaste(`\n  ${hs256}\n\n`), hs256);
	t.is(isBareJwtPaste(`Bearer ${hs256}`), hs256);
	t.is(isBareJwtPaste(`bearer\t${hs256}`), hs256);
	t.is(isBareJwtPaste(`Authorization: Bearer ${rs256}\n`), rs256);
	t.is(isBareJwtPaste(`authorization:Bearer ${rs256}`), rs256);
	t.is(isBareJwtPaste(`Authorization: ${hs256}`), null);
	t.is(isBareJwtPaste(`Bearer Bearer ${hs256}`), null);
	t.is(isBareJwtPaste(`token: ${hs256}`), null);
	t.is(isBareJwtPaste(`${hs256} ${rs256}`), null);
	t.is(isBareJwtPaste(`"${hs256}"`), null);
	t.is(isBareJwtPaste(`Bearer${hs256}`), null);
});

test('JWT_PATTERN_SOURCE compiles and finds the shape on its own', (t) => {
	const pattern = new RegExp(JWT_PATTERN_SOURCE, 'g');
	t.deepEqual(`a ${hs256} b`.match(pattern), [hs256]);
	t.is('1.2.3 a.b.c'.match(pattern), null);
});

test('long runs of token characters, dots and eyJ stay linear', (t) => {
	const started = Date.now();
	t.deepEqual(findJwtTokens('eyJ' + 'a'.repeat(5_000_000)), []);
	t.deepEqual(findJwtTokens(' eyJa.'.repeat(800_000)), []);
	t.deepEqual(findJwtTokens('eyJ'.repeat(1_500_000) + '.a'), []);
	t.deepEqual(findJwtTokens(`eyJ${'a'.repeat(2_000_000)}.${'b'.repeat(2_000_000)}`), []);
	t.false(looksLikeJwt('eyJ' + 'a.'.repeat(2_000_000)));
	t.true(Date.now() - started < 5000);
});

test('any string: no throw, and every hit is a JWT at its offsets', (t) => {
	fc.assert(
		fc.property(
			fc.oneof(
				fc.string({unit: 'binary'}),
				fc
					.array(fc.constantFrom('eyJ', 'hbGciOiJIUzI1NiJ9', '.', 'e30', ' ', 'Bearer ', '-', '_', 'x'))
					.map((pieces) => pieces.join('')),
			),
			(text) => {
				for (const hit of findJwtTokens(text)) {
					t.is(text.slice(hit.start, hit.end), hit.token);
					t.true(looksLikeJwt(hit.token));
				}

				const bare = isBareJwtPaste(text);
				if (bare !== null) t.true(looksLikeJwt(bare));
			},
		),
		{numRuns: 3000},
	);
	t.is(findJwtTokens('eyJhbGciOiJIUzI1NiJ9.e30.').length, 1);
});
