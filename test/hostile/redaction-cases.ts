/*
Issue #7 item 2: for every redaction rule, two secrets it must catch and one near miss it must leave alone. Each case
is a `name` and the `value` written after it; `secret` is the part that must never be saved or copied. The matrix
test carries every case in every kind of paste (redaction-matrix.test.ts builds them).
*/
import {mintJwt} from '../helpers/jwt.js';

/** A secret (or, for a near miss, a look-alike) as written after `name`. */
export type Case = {readonly name: string; readonly value: string; readonly secret: string};
export type RuleCases = {readonly positives: readonly [Case, Case]; readonly nearMiss: Case};

const base64 = (text: string): string => Buffer.from(text).toString('base64');
const jwt = (claims: Record<string, unknown>): string =>
	mintJwt(claims, undefined, 'Q2hlY2tlZE5vd2hlcmVIZXJlN2ZRa1p3eEw');

/** A value that stands for itself: the whole value is the secret. */
const plain = (name: string, value: string): Case => ({name, value, secret: value});
/** A pattern rule's secret, carried under a name that is not secret itself. */
const note = (value: string, secret = value): Case => ({name: 'X-Note', value, secret});

const pem =
	'-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Vq3mHn2kQZ8rTb5s ' +
	'-----END PRIVATE KEY-----';
const ecPem =
	'-----BEGIN EC PRIVATE KEY----- MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49 ' +
	'-----END EC PRIVATE KEY-----';

const jwkD = 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI';
const jwkK = 'GawgguFyGrWKav7AX4VKUg-Zq8Lm3Wp7XvT8Ry2Hd9K';
const jwkX = 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU';
const ecJwk = (members: Record<string, string>): string =>
	JSON.stringify({kty: 'EC', crv: 'P-256', x: jwkX, ...members});
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const puttyPrivate = 'AAAAIFZq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4WnQ2hlY2tlZE5vd2hl';
// PuTTY writes lines; the carriers here keep a value on one line, so the lines are joined by spaces (as for PEM).
const putty = (version: number): string =>
	`PuTTY-User-Key-File-${version}: ssh-ed25519 Encryption: none Comment: ops Public-Lines: 2 ` +
	`AAAAC3NzaC1lZDI1NTE5AAAAIHq3 bW9yZXB1YmxpYw Private-Lines: 1 ${puttyPrivate} Private-MAC: 7f3a8b2c9d0e1f2a`;
const xprv =
	'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';
const zprv =
	'zprvAWgYBBk7JR8Gjrh4UJQ2uJdG1r3WNRRfURiABBE3RvMXYSrRJL62XuezvGdPvG6GFBZduosCc1YP5wixPox7zhZLfiUm8aunE96BBa4Kei5';

export const RULE_CASES: Readonly<Record<string, RuleCases>> = {
	'credential-header': {
		positives: [
			{name: 'X-Auth-Token', value: 'at_7Hq2LmPz9VwX5cTr3KsY', secret: 'at_7Hq2LmPz9VwX5cTr3KsY'},
			{name: 'x-api-key', value: 'dk_live_4f9a2c71e8b04d3a9c1e', secret: 'dk_live_4f9a2c71e8b04d3a9c1e'},
		],
		// A shell variable stands for the key without being one: it explains an auth.format finding.
		nearMiss: plain('x-api-key', '$DAKOTA_API_KEY'),
	},
	'cookie-header': {
		positives: [
			{name: 'Cookie', value: 'sid=s3ss10nVal9Kq2Lm7Zp', secret: 's3ss10nVal9Kq2Lm7Zp'},
			{name: 'Set-Cookie', value: 'refresh=rf_8Wq7LmZp3XvT8Ry2Hd; HttpOnly', secret: 'rf_8Wq7LmZp3XvT8Ry2Hd'},
		],
		nearMiss: plain('Cookie-Policy', 'strict-origin-2024'),
	},
	'secret-header-word': {
		positives: [
			plain('X-DFNS-USERACTION', 'uat_Q4wRkZ8mN2pL7vX3cT9s'),
			plain('Ocp-Apim-Subscription-Key', 'f3a9c1e27b4d4e8aa1c2'),
		],
		nearMiss: plain('X-DFNS-NONCE', 'nonce_8f3a2b1c9d7e'),
	},
	'secret-key': {
		positives: [plain('client_secret', 'cs_9Wq7LmZp3XvT8Ry2'), plain('password', 'hunter2-Correct-Horse')],
		nearMiss: plain('token_type', 'bearer_v2_access'),
	},
	'secret-key-suffix': {
		positives: [
			plain('db_password', 'Pg9-Lm3Zp7XvT8'),
			plain('aws_secret_access_key', 'wJalrXUtnFEMI7K7MDENGbPxRfiCY'),
		],
		nearMiss: plain('page_token', 'pg_7f3a8b2c9d0e'),
	},
	'jwk-private-member': {
		positives: [note(ecJwk({d: jwkD}), jwkD), note(JSON.stringify({kty: 'oct', alg: 'HS256', k: jwkK}), jwkK)],
		// Outside a key object, `d` is any field.
		nearMiss: note('d: x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0'),
	},
	'aws-secret-access-key': {
		positives: [
			note(`AKIAIOSFODNN7EXAMPLE ${awsSecret}`, awsSecret),
			note('ASIAY34FZKBOKMUTVV7A: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', 'Zq8Lm3Wp7XvT8Ry2Hd9K/q2Lm7Zp4WnQ2hlY2tlQ'),
		],
		// An id cut short is no id: a 40-character run beside it is left alone.
		nearMiss: note('AKIAIOSFODNN7EXAMP 0123456789abcdef0123456789abcdef01234567'),
	},
	'private-key-block': {
		positives: [
			note(pem, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Vq3mHn2kQZ8rTb5s'),
			note(ecPem, 'MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49'),
		],
		nearMiss: note('-----BEGIN PUBLIC KEY----- MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE -----END PUBLIC KEY-----'),
	},
	'har-name-value': {
		positives: [plain('X-Session-Id', 'sess_Hq83LmPz0VwX5cTr'), plain('refresh_token', 'rt_2Kq9LmZp7XvT3Rw')],
		nearMiss: plain('X-Request-Id', 'req_7f3a8b2c9d0e'),
	},
	'url-userinfo': {
		positives: [
			note('https://svc:Pa55w0rdXyz9Q@db.example.com/x', 'Pa55w0rdXyz9Q'),
			note('postgres://app:Zq8-Lm3Wp7Xv@pg.internal:5432/db', 'Zq8-Lm3Wp7Xv'),
		],
		nearMiss: note('https://svc@db.example.com/reports'),
	},
	'curl-user': {
		positives: [note('-u admin:S3cretPassw0rd', 'S3cretPassw0rd'), note('--user ops:Tq9Lm2Zp7Xv', 'Tq9Lm2Zp7Xv')],
		nearMiss: note('--user-agent curl:8.4.0-dev'),
	},
	'authorization-scheme': {
		positives: [
			note('Bearer dg_at_Hq83LmPz0VwX5cTr9KsY', 'dg_at_Hq83LmPz0VwX5cTr9KsY'),
			note(`Basic ${base64('client_4Fh2:cs_9Wq7LmZp3XvT8Ry2')}`, base64('client_4Fh2:cs_9Wq7LmZp3XvT8Ry2')),
		],
		nearMiss: note('Bearer authentication'),
	},
	jwt: {
		positives: [
			note(jwt({sub: 'usr_8c2f41', exp: 1_736_503_200})),
			note(jwt({sub: 'or-30tnh-itmjs', aud: 'dfns:auth:user'})),
		],
		nearMiss: note('eyJhbGciOi.not-a-token'),
	},
	'stripe-key': {
		positives: [note('sk_live_51NbXq8FQz3kRt7Lw2YhVc'), note('whsec_Q2hlY2tlZE5vd2hlcmVIZXJl')],
		nearMiss: note('sk_live_short'),
	},
	'github-token': {
		positives: [
			note('ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R'),
			note('github_pat_11ABCDEFG0abcdefghij_KLMNOPQRSTUVWXYZ0123456789'),
		],
		nearMiss: note('ghp_tooShort123'),
	},
	'aws-access-key-id': {
		positives: [note('AKIAIOSFODNN7EXAMPLE'), note('ASIAY34FZKBOKMUTVV7A')],
		nearMiss: note('AKIAIOSFODNN7EXAMP'),
	},
	'slack-token': {
		positives: [note('xoxc-2048-4096-Zq8Lm3Wp7Xv'), note('xoxd-Zq8Lm3Wp7XvT8Ry2Hd9K%2FQ2hl')],
		nearMiss: note('xoxb-short'),
	},
	'slack-webhook': {
		positives: [
			note('https://hooks.slack.com/services/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', 'Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm'),
			note('https://hooks.slack.com/workflows/T024BE7LD/A04KQ5T9P/3982/Q2hlY2tlZE5vd2hl', 'Q2hlY2tlZE5vd2hl'),
		],
		nearMiss: note('https://api.slack.com/messaging/webhooks'),
	},
	'telegram-bot-token': {
		positives: [
			note(
				'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ/sendMessage',
				'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ',
			),
			note('https://api.telegram.org/bot7012345678:AAF-Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4Wn/getMe', 'Zq8Lm3Wp7XvT8Ry2Hd9K'),
		],
		nearMiss: note('https://core.telegram.org/bots/api'),
	},
	'google-oauth-token': {
		positives: [
			note('ya29.a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4'),
			note('ya29.A0ARrdaM-Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4WnQ2hl_x'),
		],
		nearMiss: note('ya29.short'),
	},
	'bip32-private-key': {
		positives: [note(xprv), note(zprv)],
		// An extended public key is public.
		nearMiss: note(
			'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8',
		),
	},
	'putty-private-key': {
		positives: [note(putty(3), puttyPrivate), note(putty(2), puttyPrivate)],
		nearMiss: note('PuTTY-User-Key-File-3: ssh-ed25519 Public-Lines: 2 AAAAC3NzaC1lZDI1NTE5AAAAIHq3'),
	},
	'google-api-key': {
		positives: [note('AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'), note('AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q')],
		nearMiss: note('AIzaSyD-9tSrke72PouQMnMX'),
	},
	'gitlab-token': {
		positives: [note('glpat-xQ7mK2pL9vR4tW8zN3bY'), note('glpat-Ab12Cd34Ef56Gh78Ij90')],
		nearMiss: note('glpat-short'),
	},
	'npm-token': {
		positives: [note('npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), note('npm_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8')],
		nearMiss: note('npm_install_v2'),
	},
	'openai-anthropic-key': {
		positives: [
			note('sk-proj-Q2hlY2tlZE5vd2hlcmVIZXJlN2ZRa1p3eEw'),
			note('sk-ant-api03-Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4Wn'),
		],
		nearMiss: note('sk-short-key'),
	},
	'card-number': {
		positives: [note('4242424242424242'), note('5555 5555 5555 4444', '5555 5555 5555 4444')],
		nearMiss: note('4242424242424241'),
	},
};
