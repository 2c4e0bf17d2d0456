import {X509Certificate, createPublicKey, type KeyObject} from 'node:crypto';
import {createLocalJWKSet} from 'jose';
import type {JSONWebKeySet, JWK} from 'jose';
import {jwkKeyType, type KeyType, type VerificationKey} from '../core/jwt/signature.js';
import {readFileOrPipe} from './read-file.js';

export type KeyLoad =
	{readonly ok: true; readonly key: VerificationKey} | {readonly ok: false; readonly message: string};

// A JWKS of a few hundred keys is a few hundred KiB; anything larger is not a key file.
const maxKeyFileBytes = 1024 * 1024;
// Private members of a JWK: a verification needs the public part only, and jose refuses private JWKS members.
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function publicJwk(jwk: Record<string, unknown>): JWK {
	if (jwk['kty'] === 'oct') return jwk as JWK;
	return Object.fromEntries(Object.entries(jwk).filter(([name]) => !privateMembers.includes(name))) as JWK;
}

function keyObjectType(key: KeyObject): KeyType | null {
	const curves: Record<string, string> = {prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'};
	switch (key.asymmetricKeyType) {
		case 'rsa':
		case 'rsa-pss': {
			return 'rsa';
		}

		case 'ec': {
			const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
			return `ec:${curves[curve] ?? curve}`;
		}

		case 'ed25519': {
			return 'okp:Ed25519';
		}

		default: {
			return null;
		}
	}
}

function fromJson(text: string, label: string): KeyLoad {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {ok: false, message: `${label} is not valid JSON (${(error as Error).message})`};
	}

	if (isRecord(value) && Array.isArray(value['keys'])) {
		const jwks = {keys: value['keys'].filter(isRecord).map(publicJwk)} as JSONWebKeySet;
		try {
			createLocalJWKSet(jwks);
		} catch (error) {
			return {ok: false, message: `${label} is not a usable JWKS (${(error as Error).message})`};
		}

		return jwks.keys.length === 0
			? {ok: false, message: `${label} is a JWKS without keys`}
			: {ok: true, key: {kind: 'jwks', jwks, label}};
	}

	if (isRecord(value) && typeof value['kty'] === 'string') {
		const jwk = publicJwk(value);
		const keyType = jwkKeyType(jwk);
		return keyType === null
			? {
					ok: false,
					message: `${label} is a JWK of a kind errdoctor cannot verify with (kty ${value['kty'].slice(0, 20)})`,
				}
			: {ok: true, key: {kind: 'jwk', jwk, keyType, label}};
	}

	return {ok: false, message: `${label} is JSON but neither a JWK (with "kty") nor a JWKS (with "keys")`};
}

function fromPem(text: string, label: string): KeyLoad {
	if (text.includes('ENCRYPTED PRIVATE KEY')) {
		return {ok: false, message: `${label} is an encrypted private key: pass the public key (openssl pkey -pubout)`};
	}

	try {
		if (text.includes('-----BEGIN CERTIFICATE-----')) {
			const certificate = new X509Certificate(text);
			const keyType = keyObjectType(certificate.publicKey);
			if (keyType === null) return {ok: false, message: `${label} holds a certificate for a key type JWTs do not use`};
			return {ok: true, key: {kind: 'x509', pem: certificate.toString(), keyType, label}};
		}

		// A private key or a PKCS#1 public key works too: the public key is derived locally and read as SPKI.
		const key = createPublicKey(text);
		const keyType = keyObjectType(key);
		if (keyType === null) return {ok: false, message: `${label} holds a key type JWTs do not use`};
		return {ok: true, key: {kind: 'spki', pem: key.export({type: 'spki', format: 'pem'}).toString(), keyType, label}};
	} catch (error) {
		return {ok: false, message: `${label} is not a usable PEM key or certificate (${(error as Error).message})`};
	}
}

/** A key or secret file, or a pipe the user named (`<(pass show api/hs256)`), capped: a device is no key. */
async function readKeyBytes(label: string, file: string): Promise<{readonly bytes: Buffer} | KeyLoad> {
	const read = await readFileOrPipe(file, maxKeyFileBytes);
	return read.ok ? {bytes: read.bytes} : {ok: false, message: `cannot read ${label}: ${read.reason}`};
}

/** Reads `--key FILE`: a PEM public key, private key or certificate, a JWK, or a JWKS. Never touches the network. */
export async function loadKeyFile(file: string): Promise<KeyLoad> {
	const label = `--key ${file}`;
	const read = await readKeyBytes(label, file);
	if ('ok' in read) return read;
	const text = read.bytes.toString('utf8').trim();
	if (text.startsWith('{')) return fromJson(text, label);
	if (text.includes('-----BEGIN ')) return fromPem(text, label);
	return {ok: false, message: `${label} is neither a PEM key or certificate nor a JWK or JWKS JSON file`};
}

/** `--secret`: the HMAC key as UTF-8 bytes. The label never includes the secret, which must not be echoed. */
export function secretKey(secret: string): VerificationKey {
	return {kind: 'secret', bytes: new TextEncoder().encode(secret), label: '--secret'};
}

/**
 * `--secret-file`: the shared secret as the file's bytes, less one trailing line break (what `echo` and editors
 * add). A secret on the command line is visible to every user in `ps` and stays in shell history; a file (or
 * `<(pass show api/hs256)`, a pipe) is not.
 */
export async function loadSecretFile(file: string): Promise<KeyLoad> {
	const label = `--secret-file ${file}`;
	const read = await readKeyBytes(label, file);
	if ('ok' in read) return read;
	const {bytes} = read;
	const end = bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? bytes.length - 2 : bytes.length - 1) : bytes.length;
	if (end === 0) return {ok: false, message: `${label} is empty: it needs the shared secret`};
	return {ok: true, key: {kind: 'secret', bytes: new Uint8Array(bytes.subarray(0, end)), label: '--secret-file'}};
}
