import {isDeepStrictEqual} from 'node:util';
import test from 'ava';
import type {ExecutionContext} from 'ava';
import fc from 'fast-check';
import {
	REDACTED,
	REDACTION_RULES,
	isSensitiveHeaderName,
	isSensitiveKeyName,
	redactHeaderValue,
	redactHeaders,
	redactJson,
	redactRequest,
	redactText,
	redactUrl,
} from '../../../source/core/redact/index.js';
import type {HttpRequest} from '../../../source/core/types.js';

const jwt =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZXhwIjoxNzAwMDAwMDAwfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** No 8-character piece of the secret may survive anywhere in the output. */
function assertNoPiece(t: ExecutionContext, output: string, secret: string): void {
	const pieces = Array.from({length: Math.max(0, secret.length - 7)}, (_, index) => secret.slice(index, index + 8));
	const survivor = pieces.find((piece) => output.includes(piece));
	t.is(survivor, undefined, `"${survivor}" of the secret survives in ${JSON.stringify(output)}`);
}

type Positive = {readonly input: string; readonly secret: string; readonly expected?: string};
type RuleCase = {
	/** How the input is redacted: free text, or a header value named by `header`. */
	readonly header?: string;
	readonly positives: readonly Positive[];
	readonly negatives: readonly string[];
};

const cases: Record<string, RuleCase> = {
	'credential-header': {
		header: 'Authorization',
		positives: [
			{input: `Bearer ${jwt}`, secret: jwt, expected: `Bearer eyJh…[redacted, ${jwt.length} chars]`},
			{input: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', secret: 'YWxhZGRpbjpvcGVuc2VzYW1l'},
			{input: 'rawApiKey12345678901234', secret: 'rawApiKey12345678901234', expected: 'rawA…[redacted, 23 chars]'},
			{input: 'Bearer short', secret: 'short', expected: 'Bearer [redacted, 5 chars]'},
		],
		negatives: ['', 'Bearer'],
	},
	'cookie-header': {
		header: 'Cookie',
		positives: [
			{
				input: 'sid=s3ss10nS3cretValue; theme=dark',
				secret: 's3ss10nS3cretValue',
				expected: `sid=${REDACTED}; theme=${REDACTED}`,
			},
			{
				input: 'JSESSIONID=ABCDEF0123456789ABCDEF',
				secret: 'ABCDEF0123456789ABCDEF',
				expected: `JSESSIONID=${REDACTED}`,
			},
		],
		negatives: ['empty=; other='],
	},
	'secret-header-word': {
		header: 'X-Vault-Token',
		positives: [
			{
				input: 'hvs.CAESIJ0123456789abcdef',
				secret: 'hvs.CAESIJ0123456789abcdef',
				expected: 'hvs.…[redacted, 26 chars]',
			},
			{input: 'abc12345xyz', secret: 'abc12345xyz', expected: '[redacted, 11 chars]'},
		],
		negatives: ['   '],
	},
	'secret-key': {
		positives: [
			{input: 'password=hunter2hunter2&user=bob', secret: 'hunter2hunter2', expected: `password=${REDACTED}&user=bob`},
			{input: '{"client_secret": "cs_0123456789abcdef"}', secret: 'cs_0123456789abcdef'},
			{input: "{'API-KEY': 'k3y0123456789'}", secret: 'k3y0123456789', expected: `{'API-KEY': '${REDACTED}'}`},
			{input: 'cvv: 123 card_number=4000000000000002', secret: '4000000000000002'},
		],
		negatives: ['{"token_type": "Bearer", "expires_in": 3600, "client_id": "app_1234567890"}', 'password: null'],
	},
	'secret-key-suffix': {
		positives: [
			{
				input: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				expected: `aws_secret_access_key = ${REDACTED}`,
			},
			{input: 'DB_PASSWORD="correct-horse-battery"', secret: 'correct-horse-battery'},
			{input: '"githubToken":"abcdef0123456789"', secret: 'abcdef0123456789'},
		],
		negatives: ['{"next_page_token": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA", "max_tokens": 1024}'],
	},
	'private-key-block': {
		positives: [
			{
				input: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----\ntail',
				secret: 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn',
				expected: `-----BEGIN RSA PRIVATE KEY-----\n${REDACTED}\n-----END RSA PRIVATE KEY-----\ntail`,
			},
			{
				input: '{"key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEF\\nAASCBKcwggSjAgEAAoIB',
				secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB',
				expected: `{"key": "-----BEGIN PRIVATE KEY-----\\n${REDACTED}`,
			},
			{
				input: '-----BEGIN OPENSSH PRIVATE KEY-----\r\nb3BlbnNzaC1rZXktdjEAAAAA\r\n-----END OPENSSH PRIVATE KEY-----',
				secret: 'b3BlbnNzaC1rZXktdjEAAAAA',
			},
		],
		negatives: [
			'-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQ\n-----END PUBLIC KEY-----',
			'a PRIVATE KEY is needed',
		],
	},
	'har-name-value': {
		positives: [
			{
				input: '{"name": "Authorization", "value": "Bearer abc"}',
				secret: 'abc',
				expected: '{"name": "Authorization", "value": "Bearer [redacted, 3 chars]"}',
			},
			{
				input: '"headers": [\n  {\n    "name": "x-api-key",\n    "value": "0123456789abcdefghij"\n  }\n]',
				secret: '0123456789abcdefghij',
				expected: '"headers": [\n  {\n    "name": "x-api-key",\n    "value": "0123…[redacted, 20 chars]"\n  }\n]',
			},
			{input: '{"name":"client_secret","value":"cs_live_x1y2z3w4"}', secret: 'cs_live_x1y2z3w4'},
		],
		negatives: ['{"name": "X-Request-Id", "value": "req_0123456789"}', '{"name": "token_type", "value": "bearer"}'],
	},
	'url-userinfo': {
		positives: [
			{
				input: 'GET https://admin:s3cretPassw0rd@db.example.com/x',
				secret: 's3cretPassw0rd',
				expected: `GET https://admin:${REDACTED}@db.example.com/x`,
			},
			{input: 'postgres://user:pa55w0rd-xyz@localhost:5432/db', secret: 'pa55w0rd-xyz'},
		],
		negatives: ['https://user@example.com', 'mailto:me@example.com', 'https://example.com/a:b@c'],
	},
	'curl-user': {
		positives: [
			{
				input: 'curl -u bob:hunter2hunter2 https://x.test',
				secret: 'hunter2hunter2',
				expected: `curl -u bob:${REDACTED} https://x.test`,
			},
			{input: "curl --user 'alice:correct horse battery' x", secret: 'correct horse battery'},
			{input: 'curl --proxy-user=carol:Pa55word!x x', secret: 'Pa55word!x'},
		],
		negatives: ['curl -u bob https://x.test', 'curl -u sk_test_key: https://x.test'],
	},
	'authorization-scheme': {
		positives: [
			{input: 'sent Bearer abc123def456ghi789 twice', secret: 'abc123def456ghi789'},
			{
				input: 'header was Basic YWxhZGRpbjpvcGVuc2VzYW1l.',
				secret: 'YWxhZGRpbjpvcGVuc2VzYW1l',
				expected: 'header was Basic YWxh…[redacted, 24 chars].',
			},
		],
		negatives: ['Basic authentication required', 'the Bearer token is missing', 'WWW-Authenticate: Bearer realm="api"'],
	},
	jwt: {
		positives: [
			{input: `token ${jwt} here`, secret: jwt, expected: `token eyJh…[redacted, ${jwt.length} chars] here`},
			{input: `{"msg":"bad ${jwt}"}`, secret: jwt},
		],
		negatives: ['eyJhbGciOiJIUzI1NiJ9 alone', 'eyJ.example.com'],
	},
	'stripe-key': {
		positives: [
			{input: 'key sk_live_51HxYzAbCdEfGhIjKlMnOpQr', secret: 'sk_live_51HxYzAbCdEfGhIjKlMnOpQr'},
			{input: 'rk_test_4eC39HqLyjWDarjtT1zdp7dc,', secret: 'rk_test_4eC39HqLyjWDarjtT1zdp7dc'},
			{input: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'},
		],
		negatives: ['use an sk_live key in production', 'pk_live_51HxYzAbCdEfGhIjKlMnOpQr'],
	},
	'github-token': {
		positives: [
			{input: 'ghp_1234567890abcdefghijABCDEFGHIJ123456', secret: 'ghp_1234567890abcdefghijABCDEFGHIJ123456'},
			{
				input: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
				secret: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
			},
			{input: 'token gho_abcdefghijklmnopqrstuvwxyz0123456789', secret: 'gho_abcdefghijklmnopqrstuvwxyz0123456789'},
		],
		negatives: ['ghp_short', 'the ghp_ prefix'],
	},
	'aws-access-key-id': {
		positives: [
			{input: 'AKIAIOSFODNN7EXAMPLE', secret: 'AKIAIOSFODNN7EXAMPLE', expected: 'AKIA…[redacted, 20 chars]'},
			{input: 'id=ASIAY34FZKBOKMUTVV7A;', secret: 'ASIAY34FZKBOKMUTVV7A'},
		],
		negatives: ['AKIAIOSFODNN7EXAMPLEX', 'AKIA1234'],
	},
	'slack-token': {
		positives: [
			{
				input: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
				secret: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
			},
			{input: 'xapp-1-A0123456789-1234567890123-abcdef', secret: 'xapp-1-A0123456789-1234567890123-abcdef'},
		],
		negatives: ['xoxb-123', 'xoxz-123456789012345'],
	},
	'google-api-key': {
		positives: [
			{input: 'key=AIzaSyA1234567890abcdefghijklmnopqrstuv', secret: 'AIzaSyA1234567890abcdefghijklmnopqrstuv'},
			{input: '"AIzaSyB0000000000_-abcdefghijklmnopqrst"', secret: 'AIzaSyB0000000000_-abcdefghijklmnopqrst'},
		],
		negatives: ['AIzaSyA12345', 'AIzaSyA1234567890abcdefghijklmnopqrstuvEXTRA'],
	},
	'gitlab-token': {
		positives: [
			{input: 'glpat-xxxxxxxxxxxxxxxxxxxx', secret: 'glpat-xxxxxxxxxxxxxxxxxxxx'},
			{input: 'PRIVATE glpat-AbCdEf1234567890_-XyZ', secret: 'glpat-AbCdEf1234567890_-XyZ'},
		],
		negatives: ['glpat-short'],
	},
	'npm-token': {
		positives: [
			{input: 'npm_abcdefghijklmnopqrstuvwxyz0123456789', secret: 'npm_abcdefghijklmnopqrstuvwxyz0123456789'},
			{input: '//registry/:_authToken npm_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'},
		],
		negatives: ['npm_install_script', 'npm_abcdefghijklmnopqrstuvwxyz01234567890'],
	},
	'openai-anthropic-key': {
		positives: [
			{
				input: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
				secret: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
			},
			{input: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345', secret: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345'},
		],
		negatives: ['pip install sk-learn', 'sk-12345'],
	},
	'jwk-private-member': {
		positives: [
			{
				input:
					'{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}',
				secret: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
				expected: `{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","d":"${REDACTED}"}`,
			},
			{input: "{'kty': 'oct', 'k': 'GawgguFyGrWKav7AX4VKUg'}", secret: 'GawgguFyGrWKav7AX4VKUg'},
			{
				input: String.raw`"{"kty":"RSA","n":"0vx7ago","p":"83i-7IvMGXoMXCskv73TKr8637"}"`,
				secret: '83i-7IvMGXoMXCskv73TKr8637',
			},
		],
		negatives: ['{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}', '{"d":"2025-01-14"}'],
	},
	'aws-secret-access-key': {
		positives: [
			{
				input: 'AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				expected: 'AKIA…[redacted, 20 chars],wJal…[redacted, 40 chars]',
			},
			{
				input:
					'AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE\nAWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
				secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			},
		],
		negatives: ['sha1 0123456789abcdef0123456789abcdef01234567 alone'],
	},
	'slack-webhook': {
		positives: [
			{
				input: 'POST https://hooks.slack.com/services/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',
				secret: 'Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm',
				expected: 'POST https://hooks.slack.com/services/T024…[redacted, 44 chars]',
			},
			{input: '"https://hooks.slack.com/triggers/T024BE7LD/4711/Q2hlY2tlZE5vd2hl"', secret: 'Q2hlY2tlZE5vd2hl'},
		],
		negatives: ['https://hooks.slack.com/', 'https://api.slack.com/messaging/webhooks'],
	},
	'telegram-bot-token': {
		positives: [
			{
				input: 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ/sendMessage',
				secret: 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ',
				expected: 'https://api.telegram.org/bot1234…[redacted, 45 chars]/sendMessage',
			},
			{
				input: 'api.telegram.org/bot7012345678:AAF-Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4Wn/getMe',
				secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K',
			},
		],
		negatives: ['https://core.telegram.org/bots/api', 'robot 12345:short'],
	},
	'google-oauth-token': {
		positives: [
			{input: 'ya29.a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4', secret: 'a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4'},
			{input: 'Bearer%20ya29.A0ARrdaM-Zq8Lm3Wp7XvT8Ry2Hd9K', secret: 'A0ARrdaM-Zq8Lm3Wp7XvT8Ry2Hd9K'},
		],
		negatives: ['ya29.short', 'version ya29.1'],
	},
	'bip32-private-key': {
		positives: [
			{
				input:
					'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
				secret:
					'9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
				expected: 'xprv…[redacted, 111 chars]',
			},
			{
				input:
					'seed=tprv8ZgxMBicQKsPd9TeAdPADNnSyH9SSUUbTVeFszDE23Ki6TBB5nCefAdHkK8Fm3qMQR6sHwA56zqRmKmxnHk37JkiFzvncDqoKmPWubu7hDF',
				secret:
					'8ZgxMBicQKsPd9TeAdPADNnSyH9SSUUbTVeFszDE23Ki6TBB5nCefAdHkK8Fm3qMQR6sHwA56zqRmKmxnHk37JkiFzvncDqoKmPWubu7hDF',
			},
		],
		negatives: [
			'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8',
			'the xprv prefix',
		],
	},
	'putty-private-key': {
		positives: [
			{
				input:
					'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\n' +
					'AAAAC3NzaC1lZDI1NTE5AAAAIHq3\nbW9yZXB1YmxpYw\nPrivate-Lines: 2\nAAAAIFZq8Lm3Wp7XvT8Ry2Hd9K\n' +
					'Q2hlY2tlZE5vd2hlcmVIZXJl\nPrivate-MAC: 7f3a8b2c9d0e1f2a',
				secret: 'Q2hlY2tlZE5vd2hlcmVIZXJl',
				expected:
					'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\n' +
					'AAAAC3NzaC1lZDI1NTE5AAAAIHq3\nbW9yZXB1YmxpYw\nPrivate-Lines: 2\nAAAA…[redacted, 50 chars]\n' +
					'Private-MAC: 7f3a8b2c9d0e1f2a',
			},
			{
				input: String.raw`{"key": "PuTTY-User-Key-File-2: ssh-rsa
Private-Lines: 1
AAAAgQDZq8Lm3Wp7XvT8Ry2
Private-MAC: 00"}`,
				secret: 'AAAAgQDZq8Lm3Wp7XvT8Ry2',
			},
		],
		negatives: ['PuTTY-User-Key-File-3: ssh-ed25519\nPublic-Lines: 1\nAAAAC3NzaC1lZDI1NTE5AAAAIHq3'],
	},
	'card-number': {
		positives: [
			{
				input: 'card 4242 4242 4242 4242 declined',
				secret: '4242 4242 4242',
				expected: 'card [redacted card …4242] declined',
			},
			{input: '5555555555554444', secret: '5555555555554444', expected: '[redacted card …4444]'},
			{input: 'amex 3782-822463-10005', secret: '3782-822463'},
		],
		negatives: ['order 1234567812345678', '4242424242424241', 'ts 1700000000000', 'req_4242424242424242'],
	},
};

test('every documented rule has cases here, and rule names are unique', (t) => {
	const names = REDACTION_RULES.map((rule) => rule.name);
	t.is(new Set(names).size, names.length);
	t.deepEqual(names.toSorted(), Object.keys(cases).toSorted());
	for (const rule of REDACTION_RULES) {
		t.true(rule.description.length > 20, rule.name);
	}
});

for (const [name, rule] of Object.entries(cases)) {
	const redact = (input: string): string =>
		rule.header === undefined ? redactText(input) : redactHeaderValue(rule.header, input);

	test(`rule ${name}: redacts, idempotently, leaving no 8-character piece`, (t) => {
		t.true(rule.positives.length >= 2);
		for (const {input, secret, expected} of rule.positives) {
			const output = redact(input);
			t.not(output, input);
			if (expected !== undefined) {
				t.is(output, expected);
			}

			t.is(redact(output), output, `idempotent on ${JSON.stringify(output)}`);
			assertNoPiece(t, output, secret);
		}
	});

	test(`rule ${name}: near misses stay as written`, (t) => {
		t.true(rule.negatives.length > 0);
		for (const input of rule.negatives) {
			t.is(redact(input), input);
		}
	});
}

test('header names: secrets and near misses', (t) => {
	for (const name of [
		'Authorization',
		'proxy-authorization',
		'COOKIE',
		'Set-Cookie',
		'X-Api-Key',
		'api-key',
		'X-Auth-Token',
		'X-CSRF-Token',
		'X-XSRF-TOKEN',
		'X-Amz-Security-Token',
		'X-Goog-Api-Key',
		'X-DFNS-USERACTION',
		'X_API_KEY',
		'x-apikey',
		'Stripe-Signature',
		'X-Session-Id',
		'X-Client-Secret',
		'X-Db-Password',
		'X-Credential',
		'Ocp-Apim-Subscription-Key',
		'X-Auth-Key',
	]) {
		t.true(isSensitiveHeaderName(name), name);
	}

	for (const name of [
		'X-Request-Id',
		'X-DFNS-NONCE',
		'Idempotency-Key',
		'x-idempotency-key',
		'Content-Type',
		'Retry-After',
		'X-RateLimit-Remaining',
		'X-DFNS-APPID',
	]) {
		t.false(isSensitiveHeaderName(name), name);
	}
});

test('key names: secrets and near misses', (t) => {
	for (const name of [
		'password',
		'PASSWD',
		'pwd',
		'client_secret',
		'clientSecret',
		'access-token',
		'refresh_token',
		'id_token',
		'api_key',
		'apikey',
		'api-key',
		'private_key',
		'Authorization',
		'cookie',
		'session',
		'signature',
		'credentials',
		'card_number',
		'pan',
		'CVV',
		'cvc',
		'db.password',
		'aws_secret_access_key',
		'github_token',
	]) {
		t.true(isSensitiveKeyName(name), name);
	}

	for (const name of [
		'token_type',
		'expires_in',
		'max_tokens',
		'next_page_token',
		'pageToken',
		'client_id',
		'scope',
		'key_id',
		'idempotency_key',
	]) {
		t.false(isSensitiveKeyName(name), name);
	}
});

test('redactHeaders keeps names and order, redacts only secret values', (t) => {
	const headers = [
		['Authorization', `Bearer ${jwt}`],
		['X-Request-Id', 'req_7f3a8b2c'],
		['Set-Cookie', 'sid=abcdef0123456789; Path=/; HttpOnly; Max-Age=3600'],
		['X-DFNS-NONCE', 'eyJkYXRlIjoiMjAyNCJ9'],
		['Idempotency-Key', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
		['Content-Type', 'application/json'],
		['X-DFNS-USERACTION', 'ua-0123456789abcdefghijkl'],
	] as const;
	t.deepEqual(redactHeaders(headers), [
		['Authorization', `Bearer eyJh…[redacted, ${jwt.length} chars]`],
		['X-Request-Id', 'req_7f3a8b2c'],
		['Set-Cookie', `sid=${REDACTED}; Path=/; HttpOnly; Max-Age=3600`],
		['X-DFNS-NONCE', 'eyJkYXRlIjoiMjAyNCJ9'],
		['Idempotency-Key', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
		['Content-Type', 'application/json'],
		['X-DFNS-USERACTION', 'ua-0…[redacted, 25 chars]'],
	]);
});

test('a header that is not secret still loses secrets found by shape', (t) => {
	t.is(redactHeaderValue('X-Debug', `got ${jwt}`), `got eyJh…[redacted, ${jwt.length} chars]`);
	t.is(
		redactHeaderValue('Location', 'https://x.test/cb?code=1&access_token=abc'),
		`https://x.test/cb?code=1&access_token=${REDACTED}`,
	);
});

test('Authorization with parameters keeps how it was built and hides what it is', (t) => {
	t.is(
		redactHeaderValue(
			'Authorization',
			'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/s3/aws4_request, ' +
				'SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
		),
		`AWS4-HMAC-SHA256 Credential=${REDACTED}, SignedHeaders=host;x-amz-date, Signature=${REDACTED}`,
	);
	t.is(
		redactHeaderValue(
			'Authorization',
			'Digest username="bob", realm="api", uri="/x", response="6629fae49393a05397450978"',
		),
		`Digest username="bob", realm="api", uri="/x", response="${REDACTED}"`,
	);
});

test('placeholders stand for a secret without being one, so they stay visible', (t) => {
	t.is(redactHeaderValue('Authorization', 'Bearer $TOKEN'), 'Bearer $TOKEN');
	t.is(redactHeaderValue('Authorization', 'Bearer ${API_TOKEN}'), 'Bearer ${API_TOKEN}');
	t.is(redactHeaderValue('X-Api-Key', '{{apiKey}}'), '{{apiKey}}');
	t.is(redactHeaderValue('X-Api-Key', '<your api key>'), '<your api key>');
	t.is(redactHeaderValue('X-Api-Key', '$(cat key.txt)'), '$(cat key.txt)');
	t.is(redactText('password=$DB_PASSWORD'), 'password=$DB_PASSWORD');
	t.deepEqual(redactJson({client_secret: '{client_secret}'}), {client_secret: '{client_secret}'});
	t.is(redactHeaderValue('X-Api-Key', 'abc$TOKEN'), '[redacted, 9 chars]');
});

test('prose after `token:` in an error message stays readable', (t) => {
	t.is(redactText('Invalid token: expired'), 'Invalid token: expired');
	t.is(redactText('password: must be at least 8 characters'), 'password: must be at least 8 characters');
	t.is(redactText('token: abc123'), `token: ${REDACTED}`);
	t.is(redactText('password=invalid'), `password=${REDACTED}`);
});

test('an OAuth-style scope (`auth:read`) is a permission, not a label and its secret', (t) => {
	t.is(redactText('Missing scope auth:read'), 'Missing scope auth:read');
	t.is(redactText('requires tokens:write and secrets:*'), 'requires tokens:write and secrets:*');
	t.deepEqual(redactJson({error: 'insufficient_scope', scope: 'auth:read session:create'}), {
		error: 'insufficient_scope',
		scope: 'auth:read session:create',
	});
	// A value that is not an action, a space after the colon, or a password key: still a secret.
	t.is(redactText('token:abc123def456'), `token:${REDACTED}`);
	t.is(redactText('token:reader'), `token:${REDACTED}`);
	t.is(redactText('auth: read'), `auth: ${REDACTED}`);
	t.is(redactText('password:admin'), `password:${REDACTED}`);
	t.is(redactText('pwd:read'), `pwd:${REDACTED}`);
});

test('redactJson judges header-style keys as headers', (t) => {
	t.deepEqual(
		redactJson({
			'X-DFNS-USERACTION': 'opaque-user-action-signature',
			'X-Api-Key': 'k3y-value',
			'X-Request-Id': 'req_1',
		}),
		{'X-DFNS-USERACTION': REDACTED, 'X-Api-Key': REDACTED, 'X-Request-Id': 'req_1'},
	);
});

test('free text: labels, doubled schemes and CLI flags', (t) => {
	t.is(redactText('token: X-Auth-Token: abc123xyz'), 'token: X-Auth-Token: [redacted, 9 chars]');
	t.is(redactText('access token: Bearer Bearer abc123xyz'), `access token: ${REDACTED}`);
	t.is(redactText('sent Bearer Bearer abc123xyz'), 'sent Bearer Bearer [redacted, 9 chars]');
	t.is(redactHeaderValue('Authorization', 'Bearer Bearer abc123xyz'), 'Bearer Bearer [redacted, 9 chars]');
	t.is(redactText('app --password=hunter2 --verbose'), `app --password=${REDACTED} --verbose`);
	t.is(redactText('-Dspring.datasource.password=hunter2'), `-Dspring.datasource.password=${REDACTED}`);
	t.is(redactText("token = 'client_secret': 'abc'"), `token = '${REDACTED}': '${REDACTED}'`);
	t.is(redactText('X-Request-Id: req_123 token_type: bearer'), 'X-Request-Id: req_123 token_type: bearer');
});

test('Set-Cookie lines joined by newlines (HAR) are redacted one by one', (t) => {
	t.is(redactHeaderValue('set-cookie', 'a=1; Path=/\nb=2; Secure'), `a=${REDACTED}; Path=/\nb=${REDACTED}; Secure`);
});

test('redactUrl: userinfo, query and fragment parameters by key', (t) => {
	t.is(
		redactUrl('https://bob:pw0rd@api.x.test/v1/w?api_key=abc&limit=10&Client-Secret=x#access_token=tok&state=s'),
		`https://bob:${REDACTED}@api.x.test/v1/w?api_key=${REDACTED}&limit=10&Client-Secret=${REDACTED}#access_token=${REDACTED}&state=s`,
	);
	t.is(redactUrl('/v1/wallets?api%5Fkey=abc'), `/v1/wallets?api%5Fkey=${REDACTED}`);
	t.is(redactUrl('/v1/wallets?token_type=bearer&page_token=p1'), '/v1/wallets?token_type=bearer&page_token=p1');
	t.is(
		redactUrl('https://x.test/hooks/ghp_1234567890abcdefghijABCDEFGHIJ123456'),
		'https://x.test/hooks/ghp_…[redacted, 40 chars]',
	);
	t.is(redactUrl('https://api.x.test/v1/items?id=5'), 'https://api.x.test/v1/items?id=5');
});

test('free text: curl command with several secrets', (t) => {
	const command =
		`curl -X POST 'https://api.x.test/v1?key=AIzaSyA1234567890abcdefghijklmnopqrstuv' ` +
		`-H 'Authorization: Bearer ${jwt}' -H "X-Api-Key: sk_test_4eC39HqLyjWDarjtT1zdp7dc" ` +
		`-H 'Cookie: sid=abc123; lang=en' -d '{"password":"hunter2","name":"bob"}'`;
	t.is(
		redactText(command),
		`curl -X POST 'https://api.x.test/v1?key=AIza…[redacted, 39 chars]' ` +
			`-H 'Authorization: Bearer eyJh…[redacted, ${jwt.length} chars]' -H "X-Api-Key: sk_t…[redacted, 32 chars]" ` +
			`-H 'Cookie: sid=${REDACTED}; lang=${REDACTED}' -d '{"password":"${REDACTED}","name":"bob"}'`,
	);
});

test('free text: JSON escaped inside a JSON string (HAR read as text)', (t) => {
	t.is(
		redactText(String.raw`"text": "{\"password\":\"hunter2\",\"user\":\"bob\"}"`),
		String.raw`"text": "{\"password\":\"${REDACTED}\",\"user\":\"bob\"}"`,
	);
});

test('free text: a secret in the value of a key that is not secret is still found', (t) => {
	t.is(
		redactText('{"message": "login failed for password=hunter2"}'),
		`{"message": "login failed for password=${REDACTED}"}`,
	);
});

test('redactJson: sensitive keys at any depth, strings through redactText, structure kept', (t) => {
	const input = {
		access_token: jwt,
		token_type: 'Bearer',
		expires_in: 3600,
		nested: {list: [{password: 'p4ss', note: `jwt ${jwt}`}], credentials: {user: 'bob', pin: 1234, ok: true}},
		Password: '',
		cvv: 123,
		secret: null,
	};
	t.deepEqual(redactJson(input), {
		access_token: REDACTED,
		token_type: 'Bearer',
		expires_in: 3600,
		nested: {
			list: [{password: REDACTED, note: `jwt eyJh…[redacted, ${jwt.length} chars]`}],
			credentials: {user: REDACTED, pin: REDACTED, ok: true},
		},
		Password: '',
		cvv: REDACTED,
		secret: null,
	});
	t.deepEqual(input.nested.list[0], {password: 'p4ss', note: `jwt ${jwt}`}, 'the input is not mutated');
	t.is(redactJson('Bearer abc123def456ghi789'), 'Bearer abc1…[redacted, 18 chars]');
	t.is(redactJson(42), 42);
});

test('redactJson keeps __proto__ as data and does not pollute prototypes', (t) => {
	const parsed: unknown = JSON.parse('{"__proto__": {"password": "x", "polluted": 1}}');
	const redacted = redactJson(parsed) as Record<string, unknown>;
	t.deepEqual(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value, {password: REDACTED, polluted: 1});
	t.is(Object.getPrototypeOf(redacted), Object.prototype);
	t.is(({} as Record<string, unknown>).polluted, undefined);
});

test('redactJson handles 100,000-deep nesting without a stack overflow', (t) => {
	let deep: unknown = {password: 'deep-secret-value', keep: 'x'};
	for (let index = 0; index < 100_000; index++) {
		deep = index % 2 === 0 ? {a: deep} : [deep];
	}

	let node = redactJson(deep);
	for (let index = 0; index < 100_000; index++) {
		node = Array.isArray(node) ? node[0] : (node as Record<string, unknown>).a;
	}

	t.deepEqual(node, {password: REDACTED, keep: 'x'});
});

test('redactJson copes with cycles and shared objects under secret and plain keys', (t) => {
	const shared = {value: 'v'};
	const cyclic: Record<string, unknown> = {plain: shared, token: shared};
	cyclic.self = cyclic;
	const redacted = redactJson(cyclic) as Record<string, unknown>;
	t.deepEqual(redacted.plain, {value: 'v'});
	t.deepEqual(redacted.token, {value: REDACTED});
	t.is(redacted.self, redacted);
});

const request = (overrides: Partial<HttpRequest>): HttpRequest => ({
	method: 'POST',
	url: 'https://api.x.test/v1/login',
	headers: [],
	body: null,
	unexpanded: [],
	...overrides,
});

test('redactRequest: JSON body by keys keeps its indentation; unexpanded stays', (t) => {
	const redacted = redactRequest(
		request({
			url: 'https://u:p4ss@api.x.test/v1/login?token=t0k',
			headers: [
				['Authorization', 'Bearer $TOKEN'],
				['Content-Type', 'application/json'],
			],
			body: '{\n  "username": "bob",\n  "password": "hunter2",\n  "profile": {"api_key": 12345}\n}',
			unexpanded: ['$TOKEN'],
		}),
	);
	t.deepEqual(redacted, {
		method: 'POST',
		url: `https://u:${REDACTED}@api.x.test/v1/login?token=${REDACTED}`,
		headers: [
			['Authorization', 'Bearer $TOKEN'],
			['Content-Type', 'application/json'],
		],
		body: `{\n  "username": "bob",\n  "password": "${REDACTED}",\n  "profile": {\n    "api_key": "${REDACTED}"\n  }\n}`,
		unexpanded: ['$TOKEN'],
	});
});

test('redactRequest: a JSON body with nothing secret is returned as written', (t) => {
	const body = '{"amount":  100, "currency":"usd"}';
	t.is(redactRequest(request({body})).body, body);
});

test('redactRequest: form body by keys, text body by patterns, null body stays null', (t) => {
	t.is(
		redactRequest(request({body: 'grant_type=password&username=bob&password=hunter2&client_secret=cs%2Fx'})).body,
		`grant_type=password&username=bob&password=${REDACTED}&client_secret=${REDACTED}`,
	);
	t.is(
		redactRequest(
			request({
				headers: [['content-type', 'application/x-www-form-urlencoded']],
				body: 'pass%77ord=x&a=b c',
			}),
		).body,
		`pass%77ord=${REDACTED}&a=b c`,
	);
	t.is(redactRequest(request({body: `plain ${jwt}`})).body, `plain eyJh…[redacted, ${jwt.length} chars]`);
	t.is(redactRequest(request({body: '{"broken": "password=x"'})).body, `{"broken": "password=${REDACTED}"`);
	t.is(redactRequest(request({})).body, null);
});

test('never throws on huge, binary or hostile input', (t) => {
	const inputs = [
		'\u0000\uD800\uFFFF'.repeat(1000),
		'a:'.repeat(200_000),
		'"password":"'.repeat(50_000),
		'-----BEGIN PRIVATE KEY-----'.repeat(20_000),
		'eyJ'.repeat(100_000),
		'4'.repeat(500_000),
	];
	for (const input of inputs) {
		t.notThrows(() => {
			redactText(input);
			redactUrl(input);
			redactHeaderValue('Cookie', input);
			redactHeaderValue('Authorization', input);
		});
	}
});

const alphanumeric = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const secretText = fc
	.string({unit: fc.constantFrom(...alphanumeric), minLength: 10, maxLength: 40})
	.map((value) => `9${value}Z`);
const templates: ReadonlyArray<(secret: string) => string> = [
	(secret) => `Authorization: Bearer ${secret}`,
	(secret) => `Bearer ${secret}`,
	(secret) => `password=${secret}&x=1`,
	(secret) => `{"api_key": "${secret}"}`,
	(secret) => `'client_secret': '${secret}'`,
	(secret) => `https://user:${secret}@host.test/`,
	(secret) => `curl -u user:${secret} x`,
	(secret) => `X-Auth-Token: ${secret}`,
	(secret) => `Cookie: a=${secret}; b=2`,
	(secret) => `sk_live_${secret}`,
	(secret) => `ghp_${secret.padEnd(36, 'x')}`,
	(secret) => `eyJ${secret}.${secret}.${secret}`,
	(secret) => `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----`,
	(secret) => `{"name": "X-Api-Key", "value": "${secret}"}`,
	(secret) => String.raw`\"password\":\"${secret}\"`,
	(secret) => `access token: Bearer Bearer ${secret}`,
	(secret) => `token: X-Auth-Token: ${secret}`,
	(secret) => `token = 'client_secret': '${secret}'`,
];

test('property: a secret placed by any rule leaves no 8-character piece, and redaction is idempotent', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				secretText,
				fc.integer({min: 0, max: templates.length - 1}),
				fc.constantFrom(
					'',
					' ',
					'\n',
					'note: ',
					'{"x": 1} ',
					'"',
					"'",
					'(',
					'[',
					',',
					'> ',
					'-H ',
					'Bearer ',
					'.',
					'<',
				),
				fc.constantFrom('', ' ok', '\n', '"', "'", ';', ')', '.', '!', '>', ' note: ', ' token: ', ' a=1'),
				(secret, which, before, after) => {
					const output = redactText(before + templates[which]!(secret) + after);
					for (let index = 0; index + 8 <= secret.length; index++) {
						if (output.includes(secret.slice(index, index + 8))) {
							return false;
						}
					}

					return redactText(output) === output;
				},
			),
			{numRuns: 3000, seed: 424_242},
		),
	);
});

const fragments = fc.constantFrom(
	'Bearer ',
	'Basic ',
	'bearer\t',
	'password',
	'api_key',
	'X-Api-Key',
	'Authorization',
	'Cookie',
	'set-cookie',
	'token',
	'=',
	': ',
	':',
	'"',
	"'",
	'\\"',
	'\\n',
	'-u ',
	'--user=',
	'https://',
	'@',
	'eyJhbGciOi',
	'.',
	'sk_live_',
	'ghp_',
	'AKIA',
	'4242 ',
	'4242424242424242',
	'-----BEGIN PRIVATE KEY-----',
	'-----END PRIVATE KEY-----',
	'\n',
	'\r\n',
	'…',
	'[redacted]',
	'[redacted, 12 chars]',
	'abcd…[redacted, 40 chars]',
	'[redacted card …4242]',
	';',
	'&',
	',',
	' ',
	'{',
	'}',
	'[',
	'null',
	'YWxhZGRpbjpvcGVuc2VzYW1l',
	'a1b2c3d4e5f6g7h8i9',
	'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
	'"name": "',
	'", "value": "',
	'Signature=',
	'?',
	'#',
	'<x>',
	'$TOKEN',
	'expired',
	'-',
	'/',
);
const soup = fc.array(fc.oneof({weight: 4, arbitrary: fragments}, {weight: 1, arbitrary: fc.string()}), {
	maxLength: 30,
});

test('property: redactText is idempotent and never throws', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(soup, (parts) => {
				const once = redactText(parts.join(''));
				return redactText(once) === once;
			}),
			{numRuns: 5000, seed: 1_717_171},
		),
	);
});

test('property: header values and URLs redact idempotently', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.constantFrom('Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'X-Request-Id', 'Proxy-Authorization'),
				soup,
				(name, parts) => {
					const value = parts.join('');
					const header = redactHeaderValue(name, value);
					const url = redactUrl(value);
					return redactHeaderValue(name, header) === header && redactUrl(url) === url;
				},
			),
			{numRuns: 3000, seed: 2_024_060},
		),
	);
});

test('property: redactJson never throws on JSON values and on anything, and is idempotent on JSON', (t) => {
	const keyed = fc.jsonValue().map((value) => ({password: value, nested: {token: value, other: value}}));
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue(), keyed), (value) => {
				const once = redactJson(value);
				return isDeepStrictEqual(redactJson(once), once);
			}),
			{numRuns: 2000, seed: 31_415},
		),
	);
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.anything({
					withBigInt: true,
					withBoxedValues: true,
					withDate: true,
					withMap: true,
					withSet: true,
					withNullPrototype: true,
					withObjectString: true,
					withSparseArray: true,
					withTypedArray: true,
				}),
				(value) => {
					redactJson(value);
					redactJson({password: value, list: [value]});
				},
			),
			{numRuns: 2000, seed: 27_182},
		),
	);
});

test('cookie:NAME with no space and no = names where a token was found; a Cookie value is still redacted', (t) => {
	t.is(
		redactText('The JWT in cookie:session expired at 2025-01-10T10:00:00Z.'),
		'The JWT in cookie:session expired at 2025-01-10T10:00:00Z.',
	);
	t.is(redactText('set-cookie:__Secure-next-auth.session-token'), 'set-cookie:__Secure-next-auth.session-token');
	t.is(redactText('cookie:sid=abc123def456'), 'cookie:sid=[redacted]');
	t.is(redactText('Cookie: abcdef1234567890abcdef'), 'Cookie: [redacted]');
	t.is(redactText('cookie:abcdef1234567890abcdef'), 'cookie:[redacted]');
});

test('issue 12: header names of the credential family, not only an exact list', (t) => {
	for (const name of [
		'Authentication',
		'X-Auth',
		'X-Key',
		'X-Client-Key',
		'X-ClientKey',
		'X-CLIENTKEY',
		'X-Hmac',
		'X-Hmac-Signature',
		'X-Hub-Signature-256',
		'X-Shopify-Hmac-Sha256',
		'CB-ACCESS-SIGN',
		'OK-ACCESS-PASSPHRASE',
		'X-MBX-APIKEY',
		'x-functions-key',
		'X-Sentry-Auth',
	]) {
		t.true(isSensitiveHeaderName(name), name);
	}

	for (const name of ['Sec-WebSocket-Key', 'X-Cache-Key', 'WWW-Authenticate', 'Authentication-Info', 'X-Auth-Email']) {
		t.false(isSensitiveHeaderName(name), name);
	}

	t.is(redactText("{'X-Key': 'Zq8Lm3Wp7XvT8Ry2'}"), `{'X-Key': '${REDACTED}'}`);
	t.is(redactText('Authentication: Zq8Lm3Wp7XvT8Ry2'), `Authentication: ${REDACTED}`);
});

test('issue 12: an Authorization value whose first word is no known scheme is redacted whole', (t) => {
	t.is(redactHeaderValue('Authorization', 'Zq8Lm3Wp7XvT8Ry2Hd9K extra'), 'Zq8L…[redacted, 26 chars]');
	t.is(redactHeaderValue('Authorization', 'ApiKey Zq8Lm3Wp7XvT8Ry2Hd9K'), 'ApiKey Zq8L…[redacted, 20 chars]');
	t.is(redactText('Authorization: Zq8Lm3Wp7XvT8Ry2Hd9K extra'), 'Authorization: Zq8L…[redacted, 26 chars]');
});

test('issue 12: a known key shape inside placeholder brackets is a key', (t) => {
	for (const value of [
		'{{sk_live_51NbXq8FQz3kRt7Lw2YhVc}}',
		'<ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R>',
		'{a8f5f167f44f4964e6c998dee827110c}',
	]) {
		const redacted = redactHeaderValue('X-Api-Key', value);
		assertNoPiece(t, redacted, value.slice(1, -1));
	}

	t.is(redactHeaderValue('X-Api-Key', '{{apiKey}}'), '{{apiKey}}');
	t.is(redactHeaderValue('X-Api-Key', '<YOUR_API_KEY_V2>'), '<YOUR_API_KEY_V2>');
});

test('issue 12: a JWT after a percent-encoded `=`, or wrapped over lines by a terminal', (t) => {
	const location = `Location: https://app.example.com/login?next=%2Fcb%3Fstate%3D${jwt}`;
	assertNoPiece(t, redactText(location), jwt);
	assertNoPiece(t, redactText(`x%253D${jwt}`), jwt);
	for (const cut of [10, 40, jwt.length - 20]) {
		const wrapped = `> Authorization: Bearer ${jwt.slice(0, cut)}\n${jwt.slice(cut)}\n> Host: api.example.com`;
		const output = redactText(wrapped);
		assertNoPiece(t, output.replaceAll('\n', ''), jwt);
		t.true(output.endsWith('\n> Host: api.example.com'), output);
	}

	// What follows a token on the next line is kept when it cannot be part of it.
	t.is(
		redactText(`${jwt}\nContent-Type: text/plain`),
		`eyJh…[redacted, ${jwt.length} chars]\nContent-Type: text/plain`,
	);
	t.is(redactText(`${jwt}\nHTTP/1.1 401`), `eyJh…[redacted, ${jwt.length} chars]\nHTTP/1.1 401`);
});

test('issue 12: userinfo and curl passwords holding `@` or a quote', (t) => {
	t.is(redactText("https://svc:p@ss'w0rd@db.example.com/x"), `https://svc:${REDACTED}@db.example.com/x`);
	t.is(redactText(String.raw`curl -u 'ops:pa'\''ss9Zq8Lm' x`), `curl -u 'ops:${REDACTED}' x`);
});

test('issue 12: Azure, seeds, PINs, escaped and two-word names', (t) => {
	t.is(
		redactUrl('https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=Zq8Lm3Wp7XvT8Ry2Hd9K%3D'),
		`https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=${REDACTED}`,
	);
	t.is(
		redactText('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zq8Lm3Wp7XvT8Ry2Hd9K==;EndpointSuffix=x'),
		`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${REDACTED};EndpointSuffix=x`,
	);
	assertNoPiece(t, redactText('conn=AccountName%3Dacct%3BAccountKey%3DZq8Lm3Wp7XvT8Ry2Hd9K'), 'Zq8Lm3Wp7XvT8Ry2Hd9K');
	t.is(redactText('seed phrase: abandon ability able about above'), `seed phrase: ${REDACTED}`);
	t.is(redactText('{"mnemonic": "abandon ability able"}'), `{"mnemonic": "${REDACTED}"}`);
	t.is(redactText('pin=739184'), `pin=${REDACTED}`);
	t.is(redactText('{"pass\\u0077ord": "hunter2Zq8"}'), `{"pass\\u0077ord": "${REDACTED}"}`);
	t.is(redactText('your api key: Zq8Lm3Wp7XvT8Ry2'), `your api key: ${REDACTED}`);
	t.deepEqual(redactJson({privateKeyHex: '4c0883a69102937d6231471b5dbb6204'}), {privateKeyHex: REDACTED});
	t.deepEqual(redactJson({kty: 'EC', x: 'f83O', d: 'jpsQ'}), {kty: 'EC', x: 'f83O', d: REDACTED});
	t.deepEqual(redactJson({d: '2025-01-14'}), {d: '2025-01-14'});
});

test('issue 12: HAR pairs written value first', (t) => {
	t.is(
		redactText('{"value": "Zq8Lm3Wp7XvT8Ry2", "name": "X-Client-Key"}'),
		'{"value": "Zq8L…[redacted, 16 chars]", "name": "X-Client-Key"}',
	);
	t.is(redactText('{"value":"req_7f3a8b2c","name":"X-Request-Id"}'), '{"value":"req_7f3a8b2c","name":"X-Request-Id"}');
});

test('issue 12: catalog-like prose about credentials stays readable', (t) => {
	for (const prose of [
		'credentials: authentication is missing',
		'the key needs `Auth:Apps:Update`',
		'send it as `Authorization: Bearer`',
		'Authorization: required for this call',
	]) {
		t.is(redactText(prose), prose);
	}
});
