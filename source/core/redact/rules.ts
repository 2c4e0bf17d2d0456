/*
What counts as a secret, kept as data so the readme can list every rule by name and a later change adds a rule
without touching the scanning code in redact.ts.
*/

export type RedactionRuleKind = 'header' | 'key' | 'pattern';

/** A documented redaction rule. `name` is stable (the readme lists it). */
export type RedactionRule = {readonly name: string; readonly kind: RedactionRuleKind; readonly description: string};

/** What replaces a secret that gets no hint. Values that only stand for a secret stay visible everywhere: shell
 *  variables (`$TOKEN`, `${KEY}`, `$(cat key)`), `<your key>` and `{{apiKey}}` templates. */
export const REDACTED = '[redacted]';

/** Header names (lowercase) whose value is always a credential. */
export const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set([
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
	'x-api-key',
	'api-key',
	'x-auth-token',
	'x-csrf-token',
	'x-xsrf-token',
	'x-amz-security-token',
	'x-goog-api-key',
	// Dfns: a signed user action, replayable until it expires.
	'x-dfns-useraction',
	// Not a standard name, but what people send their credential in by mistake (`header.name` reports it).
	'authentication',
]);

/** A header name containing one of these (lowercase, with `-` and `_` removed) is a credential. */
export const SECRET_HEADER_NAME_PARTS: readonly string[] = [
	'token',
	'secret',
	'apikey',
	'password',
	'passwd',
	'signature',
	'session',
	'credential',
	'authkey',
	'accesskey',
	'privatekey',
	'subscriptionkey',
	'passphrase',
	'hmac',
	'useraction',
];

/** The last word of a header name (`X-Key`, `X-Client-Key`, `X-Hmac`, `CB-ACCESS-SIGN`) that makes it a credential,
 *  once trailing versions and digest names are dropped (`X-Hub-Signature-256`, `X-Shopify-Hmac-Sha256`). */
export const SECRET_HEADER_LAST_WORDS: ReadonlySet<string> = new Set([
	'key',
	'auth',
	'authentication',
	'authorization',
	'sign',
	'sig',
	'pass',
	'pwd',
	'pin',
	'otp',
	'jwt',
	'pat',
	'hmac',
	'bearer',
]);

/** A word before a last word `key` that names something other than a credential: `Idempotency-Key`,
 *  `Sec-WebSocket-Key`, `X-Cache-Key`. */
export const NOT_SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
	'idempotency',
	'cache',
	'dedup',
	'dedupe',
	'deduplication',
	'partition',
	'routing',
	'sort',
	'public',
	'websocket',
	'socket',
	'object',
	'correlation',
	'lookup',
	'concurrency',
	'primary',
	'foreign',
]);

/** Key names (lowercase, with `_`, `-`, `.` and spaces removed) whose value is a secret. */
export const SECRET_KEY_NAMES: ReadonlySet<string> = new Set([
	'password',
	'passwd',
	'pwd',
	'passphrase',
	'secret',
	'clientsecret',
	'token',
	'accesstoken',
	'refreshtoken',
	'idtoken',
	'apikey',
	'privatekey',
	'authorization',
	'proxyauthorization',
	'auth',
	'cookie',
	'setcookie',
	'session',
	'sessionid',
	'signature',
	'credential',
	'credentials',
	'mnemonic',
	'otp',
	'cardnumber',
	'pan',
	'cvv',
	'cvv2',
	'cvc',
	'cvc2',
	'securitycode',
	// Azure: a SAS URL's `sig`, a storage or Service Bus connection string's `AccountKey` / `SharedAccessKey`.
	'sig',
	'accountkey',
	'sharedaccesskey',
	'accesskey',
	'pass',
	'pin',
	'pincode',
	'seed',
	'seedphrase',
	'recoveryphrase',
	'authentication',
]);

/** A key name ending in one of these (normalised as for SECRET_KEY_NAMES) is a secret: `db_password`, `github_token`. */
export const SECRET_KEY_SUFFIXES: readonly string[] = [
	'password',
	'passwd',
	'passphrase',
	'secret',
	'token',
	'apikey',
	'privatekey',
	'secretkey',
	'secretaccesskey',
	'signature',
	'credential',
	'credentials',
	'sessionid',
	'cookie',
	'cardnumber',
];

/** A key name containing one of these is a secret wherever it sits: `privateKeyHex`, `wallet_seed_phrase`. */
export const SECRET_KEY_PARTS: readonly string[] = ['privatekey', 'privkey', 'secretkey', 'seedphrase', 'mnemonic'];

/** Members of a JSON Web Key (an object with `kty`) that hold its private or symmetric key (RFC 7518 §6). */
export const JWK_PRIVATE_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);

/** Suffix matches that are not secrets: pagination cursors (a diagnosis needs to see them). */
export const NOT_SECRET_KEY_SUFFIXES: readonly string[] = ['pagetoken', 'nexttoken', 'continuationtoken', 'synctoken'];

/** A secret found by its shape anywhere in text; it is replaced by a hint (first 4 characters and its length). A
 *  token a terminal hard-wrapped over lines is read as one (text.ts joins the lines that continue it). */
export type TokenPattern = {
	readonly name: string;
	readonly description: string;
	/** Global, linear; matches exactly the secret. */
	readonly pattern: RegExp;
};

// Every pattern also starts right after a percent-encoded character (`id_token%3DeyJ…` in an encoded redirect URL,
// `%253D` when encoded twice), where a word character would otherwise end the boundary.
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
	{
		name: 'jwt',
		description:
			'JSON Web Tokens: three (or five, JWE) base64url segments starting `eyJ`, also when a terminal wrapped ' +
			'the token over lines',
		pattern:
			/(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![\w-]))eyJ[\w-]{5,}(?:\r?\n[\w-]+)*(?:\r?\n)?\.(?:\r?\n)?[\w-]{2,}(?:\r?\n[\w-]+)*(?:\r?\n)?\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g,
	},
	{
		name: 'stripe-key',
		description:
			'Stripe secret and restricted keys (`sk_live_`, `sk_test_`, `rk_live_`, `rk_test_`) and webhook secrets (`whsec_`)',
		pattern:
			/(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Za-z\d]))(?:[rs]k_(?:live|test)_[A-Za-z\d]{10,}|whsec_[A-Za-z\d+/=]{16,})/g,
	},
	{
		name: 'github-token',
		description: 'GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Za-z\d]))(?:gh[oprsu]_[A-Za-z\d]{30,}|github_pat_\w{30,})/g,
	},
	{
		name: 'aws-access-key-id',
		description: 'AWS access key ids (`AKIA` or `ASIA` and 16 upper-case letters or digits)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Z\d]))(?:AKIA|ASIA)[A-Z\d]{16}(?![A-Z\d])/g,
	},
	{
		name: 'slack-token',
		description: 'Slack tokens (`xoxa-`, `xoxb-`, `xoxc-`, `xoxd-`, `xoxp-`, `xoxr-`, `xoxs-`, `xapp-`)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Za-z\d]))(?:xox[a-dprs]|xapp)-[A-Za-z\d%-]{10,}/g,
	},
	{
		name: 'slack-webhook',
		description: 'the secret path of Slack incoming webhook and workflow URLs (`hooks.slack.com/services/…`)',
		pattern: /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/)[\w/-]{20,}/g,
	},
	{
		name: 'telegram-bot-token',
		description: 'Telegram bot tokens in Bot API URLs (`api.telegram.org/bot123456:ABC…/sendMessage`)',
		pattern: /(?<=bot)\d{5,12}:[\w-]{30,}/g,
	},
	{
		name: 'google-api-key',
		description: 'Google API keys (`AIza` and 35 characters)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![\w-]))AIza[\w-]{35}(?![\w-])/g,
	},
	{
		name: 'google-oauth-token',
		description: 'Google OAuth 2.0 access tokens (`ya29.`)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![\w.-]))ya29\.[\w-]{20,}/g,
	},
	{
		name: 'gitlab-token',
		description: 'GitLab personal access tokens (`glpat-`)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![\w-]))glpat-[\w-]{20,}/g,
	},
	{
		name: 'npm-token',
		description: 'npm access tokens (`npm_` and 36 letters or digits)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Za-z\d]))npm_[A-Za-z\d]{36}(?![A-Za-z\d])/g,
	},
	{
		name: 'openai-anthropic-key',
		description: 'OpenAI and Anthropic style keys (`sk-`, `sk-proj-`, `sk-ant-` and at least 32 characters)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![\w-]))sk-[\w-]{32,}/g,
	},
	{
		name: 'bip32-private-key',
		description: 'BIP32 extended private keys (`xprv`, and `tprv`, `yprv`, `zprv`, with 100 or more base58 characters)',
		pattern: /(?:(?<=%(?:25)?[\dA-Fa-f]{2})|(?<![A-Za-z\d]))[txyz]prv[1-9A-HJ-NP-Za-km-z]{100,}(?![A-Za-z\d])/g,
	},
	{
		name: 'putty-private-key',
		description: 'the private lines of a PuTTY key file (`PuTTY-User-Key-File-3`), after `Private-Lines: N`',
		// Lines are split by line breaks, JSON `\n` escapes, or spaces where a paste lost its line breaks; the line
		// break after the count may be gone where wrapped lines were joined. The key blob starts `AAAA` (a length).
		pattern:
			/(?<=Private-Lines:[ \t]*\d{1,4}(?:\s|\\r|\\n){0,4})[A-Za-z+/][A-Za-z\d+/=]*(?:(?:\s|\\r|\\n){1,4}(?!Private-)[A-Za-z\d+/=]+)*/g,
	},
];

export const REDACTION_RULES: readonly RedactionRule[] = [
	{
		name: 'credential-header',
		kind: 'header',
		description:
			'Authorization, Proxy-Authorization, Authentication, X-Api-Key, Api-Key, X-Auth-Token, X-CSRF-Token, ' +
			'X-XSRF-Token, X-Amz-Security-Token, X-Goog-Api-Key, X-DFNS-USERACTION: the value becomes a hint (at most ' +
			'its first 4 characters and its length, `Bearer eyJh…[redacted, 812 chars]`); an Authorization scheme is ' +
			'kept when it is a known one (Bearer, Basic, Digest, AWS4-HMAC-SHA256, ApiKey, …), otherwise the first word ' +
			'may be the credential and the whole value becomes the hint',
	},
	{
		name: 'cookie-header',
		kind: 'header',
		description: 'Cookie and Set-Cookie: cookie names and Set-Cookie attributes are kept, cookie values redacted',
	},
	{
		name: 'secret-header-word',
		kind: 'header',
		description:
			'any header whose name contains token, secret, api-key (apikey, api_key), password, passphrase, signature, ' +
			'session, credential, hmac, auth-key, access-key, private-key or subscription-key, or whose last word (after ' +
			'a version or digest name) is key, auth, sign, sig, pass, pwd, pin, otp, jwt, pat, hmac, bearer, ' +
			'authentication or authorization (`X-Key`, `X-Client-Key`, `X-Auth`, `CB-ACCESS-SIGN`, ' +
			'`X-Hub-Signature-256`). Not secret: X-Request-Id, X-DFNS-NONCE, Idempotency-Key, X-Idempotency-Key, ' +
			'Sec-WebSocket-Key, X-Cache-Key, Content-Type, WWW-Authenticate',
	},
	{
		name: 'secret-key',
		kind: 'key',
		description:
			'JSON keys, query and form parameters and `key=value` / `"key": "value"` in text, compared ' +
			'case-insensitively without `_`, `-`, `.` and spaces, also JSON-escaped (`pass\\u0077ord`), ' +
			'percent-encoded (`%3BAccountKey%3D`) or two words in prose (`api key: …`, `seed phrase: …`): password, ' +
			'passwd, pwd, pass, passphrase, secret, client_secret, token, access_token, refresh_token, id_token, ' +
			'api_key, access_key, private_key, authorization, authentication, auth, cookie, session, session_id, ' +
			'signature, sig (Azure SAS), AccountKey, SharedAccessKey, credential(s), mnemonic, seed, seed_phrase, ' +
			'recovery_phrase (a seed, mnemonic, recovery phrase or passphrase runs to the end of the line), otp, pin, pin_code, card_number, pan, cvv, cvc, security_code, ' +
			'and any key containing private_key, priv_key, secret_key, seed_phrase or mnemonic (`privateKeyHex`). ' +
			'Everything below such a JSON key is redacted; empty values, null and booleans stay. In text, a value ' +
			'that is a common word after a colon (`Invalid token: expired`, `credentials: authentication is ' +
			'missing`) is prose and stays, and so does an OAuth-style scope, names and colons ending in an action ' +
			'with no space (`auth:read`, `secrets:*`, `Auth:Apps:Update`; not after a password key)',
	},
	{
		name: 'secret-key-suffix',
		kind: 'key',
		description:
			'keys ending in password, secret, token, api_key, private_key, secret_key, secret_access_key ' +
			'(`aws_secret_access_key = …`), signature, credential(s), session_id, cookie, card_number. Not secret: ' +
			'token_type, expires_in, max_tokens, page_token, next_token, continuation_token, sync_token',
	},
	{
		name: 'jwk-private-member',
		kind: 'key',
		description:
			'the private members of a JSON Web Key (an object with `kty`): `d`, and `p`, `q`, `dp`, `dq`, `qi`, ' +
			'`oth` of RSA keys, `k` of symmetric keys; the public `x`, `y`, `n`, `e` stay',
	},
	{
		name: 'private-key-block',
		kind: 'pattern',
		description:
			'PEM private keys (`-----BEGIN … PRIVATE KEY-----` to `-----END … PRIVATE KEY-----`), also when ' +
			'the END line is missing and inside JSON strings',
	},
	{
		name: 'har-name-value',
		kind: 'pattern',
		description:
			'HAR `{"name": "…", "value": "…"}` pairs (headers, query strings, form fields), in either order, whose ' +
			'name is a secret header or key name',
	},
	{
		name: 'url-userinfo',
		kind: 'pattern',
		description:
			'the password of `scheme://user:password@host`, up to the last `@` before the host (a password may hold ' +
			"`@` or `'`); the user name is kept",
	},
	{
		name: 'curl-user',
		kind: 'pattern',
		description:
			"the password of curl `-u user:pass`, `--user user:pass`, `--proxy-user user:pass` (also with `'\\''` " +
			'inside single quotes)',
	},
	{
		name: 'authorization-scheme',
		kind: 'pattern',
		description:
			'`Bearer <token>` (a token of 8 or more characters with a digit or symbol, or 20 or more letters) and ' +
			'`Basic <base64 of user:password>`: the scheme is kept, the credential becomes a hint',
	},
	{
		name: 'aws-secret-access-key',
		kind: 'pattern',
		description:
			'a 40-character AWS secret access key within 48 characters after its access key id (`AKIA…:wJal…`, a CSV ' +
			'row, `aws configure` prompts)',
	},
	...TOKEN_PATTERNS.map((rule) => ({name: rule.name, kind: 'pattern' as const, description: rule.description})),
	{
		name: 'card-number',
		kind: 'pattern',
		description:
			'payment card numbers: 13 to 19 digits (or 4-4-4-4, 4-6-5 groups with spaces or dashes) starting 2–6 ' +
			'that pass the Luhn check, shown as `[redacted card …4242]`',
	},
];
