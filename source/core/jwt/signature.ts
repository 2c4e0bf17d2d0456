import {compactVerify, createLocalJWKSet, importJWK, importSPKI, importX509} from 'jose';
import type {CryptoKey, JSONWebKeySet, JWK} from 'jose';
import type {DecodedJwt} from '../types.js';

/** What a key can verify: a shared secret (HS*), RSA (RS*, PS*), an EC curve (ES*) or an OKP curve (EdDSA). */
export type KeyType = 'secret' | 'rsa' | `ec:${string}` | `okp:${string}`;

/** A local key to check signatures with, from `--secret`, `--secret-file` or `--key FILE`. Never fetched from a network. */
export type VerificationKey = {readonly label: string} & (
	| {readonly kind: 'secret'; readonly bytes: Uint8Array}
	| {readonly kind: 'spki' | 'x509'; readonly pem: string; readonly keyType: KeyType}
	| {readonly kind: 'jwk'; readonly jwk: JWK; readonly keyType: KeyType}
	| {readonly kind: 'jwks'; readonly jwks: JSONWebKeySet}
);

export type SignatureOutcome = 'valid' | 'invalid' | 'not-checked';
export type SignatureCheck = {readonly signature: SignatureOutcome; readonly reason: string};

const ecCurves: Readonly<Record<string, string>> = {ES256: 'P-256', ES384: 'P-384', ES512: 'P-521'};

/** The key type an `alg` needs, or null for an algorithm jose cannot verify with a single key. */
function keyTypeFor(alg: string): KeyType | null {
	if (/^HS(?:256|384|512)$/.test(alg)) return 'secret';
	if (/^[RP]S(?:256|384|512)$/.test(alg)) return 'rsa';
	const curve = ecCurves[alg];
	if (curve) return `ec:${curve}`;
	return alg === 'EdDSA' || alg === 'Ed25519' ? 'okp:Ed25519' : null;
}

const keyTypeWords = (type: KeyType): string =>
	type === 'secret'
		? 'a shared secret (HS256, HS384, HS512)'
		: type === 'rsa'
			? 'an RSA key (RS256…RS512, PS256…PS512)'
			: `an ${type.startsWith('ec:') ? 'EC' : 'OKP'} ${type.slice(type.indexOf(':') + 1)} key`;

/** The key type a JWK's members describe. */
export function jwkKeyType(jwk: JWK): KeyType | null {
	if (jwk.kty === 'oct') return 'secret';
	if (jwk.kty === 'RSA') return 'rsa';
	if ((jwk.kty === 'EC' || jwk.kty === 'OKP') && typeof jwk.crv === 'string') {
		return `${jwk.kty === 'EC' ? 'ec' : 'okp'}:${jwk.crv}`;
	}

	return null;
}

type SingleKey = Exclude<VerificationKey, {kind: 'jwks'}>;

async function importFor(key: SingleKey, alg: string): Promise<CryptoKey | Uint8Array> {
	switch (key.kind) {
		case 'secret': {
			return key.bytes;
		}

		case 'spki': {
			return importSPKI(key.pem, alg);
		}

		case 'x509': {
			return importX509(key.pem, alg);
		}

		case 'jwk': {
			return importJWK(key.jwk, alg);
		}
	}
}

function errorCode(error: unknown): string {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : 'unknown error';
}

/** A JWKS with several keys for the token's `kid`/`alg`: the token is valid when any of them verifies it. */
async function tryEachKey(token: string, alg: string, error: unknown): Promise<boolean> {
	const keys = (error as Partial<AsyncIterable<CryptoKey>>)[Symbol.asyncIterator]
		? (error as AsyncIterable<CryptoKey>)
		: [];
	for await (const key of keys) {
		try {
			await compactVerify(token, key, {algorithms: [alg]});
			return true;
		} catch {
			continue;
		}
	}

	return false;
}

async function verifyWith(token: string, alg: string, key: VerificationKey): Promise<SignatureCheck> {
	const valid: SignatureCheck = {signature: 'valid', reason: `the signature verifies with ${key.label}`};
	const mismatch: SignatureCheck = {
		signature: 'invalid',
		reason: `the signature does not match ${key.label}: the token was signed with another key, or changed after signing`,
	};
	try {
		if (key.kind === 'jwks') {
			await compactVerify(token, createLocalJWKSet(key.jwks), {algorithms: [alg]});
		} else {
			await compactVerify(token, await importFor(key, alg), {algorithms: [alg]});
		}

		return valid;
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return mismatch;
		if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return (await tryEachKey(token, alg, error)) ? valid : mismatch;
		if (code === 'ERR_JWKS_NO_MATCHING_KEY') {
			return {
				signature: 'invalid',
				reason: `no key in ${key.label} fits this token (its \`kid\` and alg ${alg}): a server with this key set rejects it`,
			};
		}

		return {signature: 'not-checked', reason: `${key.label} could not check alg ${alg}: ${errorText(error)}`};
	}
}

/**
 * Checks a token's signature against a local key with jose. `alg: none` never verifies, a JWE is not signed, and
 * the header's `alg` must fit the key type: an RS256 token never verifies with a shared secret, whatever the bytes.
 * Never throws.
 */
export async function checkSignature(jwt: DecodedJwt, key: VerificationKey): Promise<SignatureCheck> {
	const token = jwt.token.trim();
	const parts = token.split('.', 6).length;
	if (parts === 5) {
		return {
			signature: 'not-checked',
			reason: 'a JWE is encrypted, not signed: --secret and --key check signatures only',
		};
	}

	const alg = jwt.header['alg'];
	if (parts !== 3 || typeof alg !== 'string') {
		return {
			signature: 'not-checked',
			reason: 'the token does not decode to a header with `alg` and three parts, so there is no signature to check',
		};
	}

	if (alg.toLowerCase() === 'none') {
		return {signature: 'invalid', reason: 'alg none: an unsigned token never verifies'};
	}

	const needed = keyTypeFor(alg);
	if (needed === null) {
		return {signature: 'not-checked', reason: `alg ${JSON.stringify(alg.slice(0, 20))} is not one errdoctor can check`};
	}

	if (key.kind !== 'jwks') {
		const have = key.kind === 'secret' ? 'secret' : key.keyType;
		if (have !== needed) {
			return {
				signature: 'invalid',
				reason: `the header says alg ${alg}, which needs ${keyTypeWords(needed)}, but ${key.label} is ${keyTypeWords(have)}`,
			};
		}
	}

	return verifyWith(token, alg, key);
}
