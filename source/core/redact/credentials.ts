/** How a credential is recognised and replaced: the redaction marker, hints, and Authorization and cookie values. */
import {REDACTED, TOKEN_PATTERNS} from './rules.js';

const hintPrefixMinimumLength = 16;
const hintPrefix = /^[\w.~+/=:-]{4}/;
// A redaction marker as the rules write it: `[redacted]`, `[redacted, 12 chars]`, `eyJh…[redacted, 812 chars]`.
const markerSource = String.raw`(?:[\w.~+/=:-]{0,4}…)?\[redacted(?:, \d+ chars| card …\d{4})?\]`;
const wholeMarker = new RegExp(`^${markerSource}$`);
export const stickyMarker = new RegExp(markerSource, 'y');

export function isMarker(text: string): boolean {
	return wholeMarker.test(text);
}

// Shell variables, `<token>` and `{{token}}` templates stand for a secret without being one; showing them explains
// an `auth.format` finding.
const placeholder = /^(?:\$\w+|\$\{\w+\}|\$\([^()\r\n]*\)|<[\w .-]{1,40}>|\{\{?[\w .-]{1,40}\}?\})$/;

// A template name is a word or a few (`apiKey`, `your api key`); four digits or more in a long run is a value.
const randomInside = /^\S{16,}$/;
const digit = /\d/g;

/** True when the text holds a secret of a known shape (TOKEN_PATTERNS: `sk_live_…`, a JWT, `ghp_…`). */
export function hasKnownTokenShape(text: string): boolean {
	return TOKEN_PATTERNS.some(({pattern}) => {
		pattern.lastIndex = 0;
		const found = pattern.test(text);
		pattern.lastIndex = 0;
		return found;
	});
}

/** `{{sk_live_…}}` or `<ghp_…>`: a real key in placeholder brackets is a key (the known shapes win). */
function isPlaceholder(text: string): boolean {
	if (!placeholder.test(text)) {
		return false;
	}

	let start = 0;
	let end = text.length;
	while (start < end && '$({<'.includes(text[start]!)) start++;
	while (end > start && ')}>'.includes(text[end - 1]!)) end--;
	const inside = text.slice(start, end);
	return !hasKnownTokenShape(inside) && !(randomInside.test(inside) && (inside.match(digit)?.length ?? 0) >= 4);
}

/** Nothing to hide: empty, already redacted, or a placeholder. */
export function isKept(value: string): boolean {
	const trimmed = value.trim();
	return trimmed === '' || isMarker(trimmed) || isPlaceholder(trimmed);
}

/** A short hint that cannot rebuild the secret: at most its first 4 characters, and its length. */
export function hint(secret: string): string {
	const prefix = secret.length >= hintPrefixMinimumLength ? (hintPrefix.exec(secret)?.[0] ?? '') : '';
	return `${prefix === '' ? '' : prefix + '…'}[redacted, ${secret.length} chars]`;
}

// A doubled scheme (`Bearer Bearer x`) stays visible: it is what `auth.format` reports.
const repeatedSchemes = String.raw`(?:(?:Bearer|Basic|Token)[ \t]+)*`;
// Schemes of the IANA registry and of public APIs. Any other first word may be the credential itself
// (`Authorization: sk_live_… x`), so it is not kept.
const knownSchemes = String.raw`(?:Basic|Bearer|Digest|Negotiate|NTLM|Token|OAuth|DPoP|GNAP|HOBA|Mutual|Concealed|PrivateToken|SCRAM-SHA-1|SCRAM-SHA-256|vapid|AWS4-HMAC-SHA256|AWS|EG1-HMAC-SHA256|SharedKey|SharedKeyLite|SharedAccessSignature|SSWS|ApiKey|Splunk|GenieKey|Klaviyo-API-Key|Zoho-oauthtoken|DeepL-Auth-Key|Discogs|Client-ID|Hawk)`;
const schemeWord = new RegExp(String.raw`[ \t]*${knownSchemes}[ \t]+${repeatedSchemes}`, 'iy');
// `Digest username="u", response="…"`, `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
const authParameterList = /^[A-Z][\w-]*=[^=\s][^,]*,/i;
// Parameters that say how a credential was built, not what it is; a diagnosis needs them (`SignedHeaders`).
const publicAuthParameters: ReadonlySet<string> = new Set([
	'realm',
	'algorithm',
	'signedheaders',
	'headers',
	'qop',
	'uri',
	'nc',
	'username',
	'keyid',
	'scope',
]);

function redactAuthParameters(list: string): string {
	return list
		.split(',')
		.map((parameter) => {
			const equals = parameter.indexOf('=');
			const name = parameter.slice(0, equals).trim().toLowerCase();
			const value = parameter.slice(equals + 1).trim();
			const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
			if (equals === -1) {
				return isKept(parameter) ? parameter : REDACTED;
			}

			if (publicAuthParameters.has(name) || isKept(quoted ? value.slice(1, -1) : value)) {
				return parameter;
			}

			return parameter.slice(0, parameter.indexOf(value, equals)) + (quoted ? `"${REDACTED}"` : REDACTED);
		})
		.join(',');
}
// A scheme named alone, also in prose (`send it as \`Authorization: Bearer\``).
const bareScheme = new RegExp(String.raw`^\s*${knownSchemes}[\s\x60'".,;:)]*$`, 'i');

/** Keeps the authentication scheme (`Bearer`) and hints at the credential after it. */
function redactAuthorization(value: string): string {
	if (isKept(value) || bareScheme.test(value)) {
		return value;
	}

	schemeWord.lastIndex = 0;
	const scheme = schemeWord.exec(value);
	if (scheme !== null && scheme[0].length < value.length) {
		const credential = value.slice(scheme[0].length);
		if (isKept(credential)) {
			return value;
		}

		return scheme[0] + (authParameterList.test(credential) ? redactAuthParameters(credential) : hint(credential));
	}

	return hint(value);
}

function redactCookiePair(pair: string): string {
	const equals = pair.indexOf('=');
	if (equals === -1) {
		return isKept(pair) ? pair : REDACTED;
	}

	return isKept(pair.slice(equals + 1)) ? pair : pair.slice(0, equals + 1) + REDACTED;
}

function redactCookie(value: string): string {
	return value.split(';').map(redactCookiePair).join(';');
}

/** One Set-Cookie per line (HAR joins them with newlines): the first pair is the cookie, the rest are attributes. */
function redactSetCookie(value: string): string {
	return value
		.split('\n')
		.map((line) => {
			const semicolon = line.indexOf(';');
			return semicolon === -1
				? redactCookiePair(line)
				: redactCookiePair(line.slice(0, semicolon)) + line.slice(semicolon);
		})
		.join('\n');
}

/** The value of a header or key known to be a credential; `key` is its normalised name. */
export function redactCredential(key: string, value: string): string {
	if (key === 'cookie') {
		return redactCookie(value);
	}

	if (key === 'setcookie') {
		return redactSetCookie(value);
	}

	if (key === 'authorization' || key === 'proxyauthorization') {
		return redactAuthorization(value);
	}

	return isKept(value) ? value : hint(value);
}

// The free-text rules' scheme and marker patterns are built here, beside their sources: the regex speed test
// (test/hostile/regex-speed.test.ts) evaluates a `new RegExp` only from constants of its own file.
export const authorizationScheme = new RegExp(String.raw`[A-Z][\w.+/-]*[ \t]+${repeatedSchemes}(?=[^\s"'])`, 'iy');
// Any secret key may hold a scheme and its credential (`access token: Bearer eyJ…`): both are the value.
export const knownScheme = new RegExp(String.raw`(?:Bearer|Basic|Token)[ \t]+${repeatedSchemes}(?=[^\s"'])`, 'iy');

export const schemeCredential = new RegExp(
	String.raw`(?<![\w-])(Bearer|Basic)([ \t]+${repeatedSchemes})(${markerSource}|[\w~+/-][\w.~+/-]*=*)`,
	'gi',
);
