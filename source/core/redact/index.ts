import type {Header, HttpRequest} from '../types.js';
import {
	NOT_SECRET_KEY_SUFFIXES,
	REDACTED,
	SECRET_HEADER_NAME_PARTS,
	SECRET_HEADER_NAMES,
	SECRET_KEY_NAMES,
	SECRET_KEY_SUFFIXES,
	TOKEN_PATTERNS,
} from './rules.js';

export {REDACTED, REDACTION_RULES} from './rules.js';
export type {RedactionRule, RedactionRuleKind} from './rules.js';

/*
Everything errdoctor shows, saves or copies passes through here. Each replacement is itself left alone by every
rule (a marker is recognised before a secret is looked for), so redacting twice changes nothing. A hint keeps at
most 4 characters, so no 8-character piece of a secret survives.
*/

const hintPrefixMinimumLength = 16;
const hintPrefix = /^[\w.~+/=:-]{4}/;
// A redaction marker as written by this module: `[redacted]`, `[redacted, 12 chars]`, `eyJh…[redacted, 812 chars]`.
const markerSource = String.raw`(?:[\w.~+/=:-]{0,4}…)?\[redacted(?:, \d+ chars| card …\d{4})?\]`;
const wholeMarker = new RegExp(`^${markerSource}$`);
const stickyMarker = new RegExp(markerSource, 'y');

function isMarker(text: string): boolean {
	return wholeMarker.test(text);
}

// Shell variables, `<token>` and `{{token}}` templates stand for a secret without being one; showing them explains
// an `auth.format` finding.
const placeholder = /^(?:\$\w+|\$\{\w+\}|\$\([^()\r\n]*\)|<[\w .-]{1,40}>|\{\{?[\w .-]{1,40}\}?\})$/;

/** Nothing to hide: empty, already redacted, or a placeholder. */
function isKept(value: string): boolean {
	const trimmed = value.trim();
	return trimmed === '' || isMarker(trimmed) || placeholder.test(trimmed);
}

/** A short hint that cannot rebuild the secret: at most its first 4 characters, and its length. */
function hint(secret: string): string {
	const prefix = secret.length >= hintPrefixMinimumLength ? (hintPrefix.exec(secret)?.[0] ?? '') : '';
	return `${prefix === '' ? '' : prefix + '…'}[redacted, ${secret.length} chars]`;
}

function normaliseKey(name: string): string {
	return name.toLowerCase().replaceAll(/[\s._-]/g, '');
}

/** True for a JSON key, query or form parameter name whose value is a secret (`password`, `client_secret`). */
export function isSensitiveKeyName(name: string): boolean {
	const key = normaliseKey(name);
	if (SECRET_KEY_NAMES.has(key)) {
		return true;
	}

	return (
		SECRET_KEY_SUFFIXES.some((suffix) => key.endsWith(suffix)) &&
		!NOT_SECRET_KEY_SUFFIXES.some((suffix) => key.endsWith(suffix))
	);
}

export function isSensitiveHeaderName(name: string): boolean {
	const lower = name.trim().toLowerCase();
	if (SECRET_HEADER_NAMES.has(lower)) {
		return true;
	}

	const compact = lower.replaceAll(/[_-]/g, '');
	return SECRET_HEADER_NAME_PARTS.some((part) => compact.includes(part));
}

// A doubled scheme (`Bearer Bearer x`) stays visible: it is what `auth.format` reports.
const repeatedSchemes = String.raw`(?:(?:Bearer|Basic|Token)[ \t]+)*`;
const schemeWord = new RegExp(String.raw`[ \t]*[A-Z][\w.+/-]*[ \t]+${repeatedSchemes}`, 'iy');
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
const bareScheme = /^\s*(?:bearer|basic|token|digest|negotiate)\s*$/i;

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
function redactCredential(key: string, value: string): string {
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

export function redactHeaderValue(name: string, value: string): string {
	try {
		return isSensitiveHeaderName(name) ? redactCredential(normaliseKey(name), value) : redactText(value);
	} catch {
		return REDACTED;
	}
}

export function redactHeaders(headers: readonly Header[]): Header[] {
	return headers.map(([name, value]) => [name, redactHeaderValue(name, value)] as const);
}

// ---- free text ----

const pemBegin = /-----BEGIN [A-Z\d ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const pemEnd = /-----END [A-Z\d ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
// An unterminated key (a truncated paste): base64 lines, JSON `\n` escapes and the encrypted-key header lines.
const pemUnterminatedBody = /(?:(?:Proc-Type|DEK-Info):[^\r\n\\]*|\\[nr]|[A-Za-z\d+/=\r\n])*/y;
const pemBase64 = /[A-Z\d+/=]/i;

function pemNewline(body: string): string {
	if (body.startsWith('\\n')) {
		return '\\n';
	}

	if (body.startsWith('\r\n')) {
		return '\r\n';
	}

	return body.startsWith('\n') ? '\n' : ' ';
}

function redactPrivateKeys(text: string): string {
	if (!text.includes('PRIVATE KEY')) {
		return text;
	}

	const out: string[] = [];
	let copied = 0;
	let endMissing = false;
	pemBegin.lastIndex = 0;
	for (let begin = pemBegin.exec(text); begin !== null; begin = pemBegin.exec(text)) {
		const bodyStart = begin.index + begin[0].length;
		if (!endMissing) {
			pemEnd.lastIndex = bodyStart;
			const end = pemEnd.exec(text);
			if (end === null) {
				endMissing = true;
			} else {
				const body = text.slice(bodyStart, end.index);
				if (body.trim() !== '') {
					const newline = pemNewline(body);
					out.push(text.slice(copied, bodyStart), newline + REDACTED + newline);
					copied = end.index;
				}

				pemBegin.lastIndex = end.index + end[0].length;
				continue;
			}
		}

		pemUnterminatedBody.lastIndex = bodyStart;
		const run = pemUnterminatedBody.exec(text)?.[0] ?? '';
		if (pemBase64.test(run.replaceAll(/\\[nr]/g, ''))) {
			const newline = pemNewline(run);
			out.push(text.slice(copied, bodyStart), newline + REDACTED);
			copied = bodyStart + run.length;
		}

		pemBegin.lastIndex = bodyStart + run.length;
	}

	out.push(text.slice(copied));
	return out.join('');
}

// HAR headers, query strings and form fields are `{"name": "…", "value": "…"}` objects: the secret name and its value
// are in different keys, so the key rule alone cannot see them.
const harNameValue = /"name"[ \t]*:[ \t]*"([^"\\\r\n]{1,100})"[ \t]*,\s*"value"[ \t]*:[ \t]*"((?:[^"\\\r\n]|\\.)*)"/g;

function redactHarPairs(text: string): string {
	return text.replace(harNameValue, (match, name: string, value: string) => {
		if (isKept(value) || !isSecretName(name)) {
			return match;
		}

		const redacted = redactKeyedValue(name, '', ':', value);
		return match.slice(0, match.length - value.length - 1) + redacted + '"';
	});
}

const urlUserinfo = /(?<=[a-z\d]:\/\/)([^\s:/?#@"'<>]*:)([^\s/?#@"'<>]+)@/gi;

function redactUserinfo(text: string): string {
	return text.replace(urlUserinfo, (match, head: string, password: string) =>
		isMarker(password) ? match : `${head}${REDACTED}@`,
	);
}

const curlUser = /(?<![\w-])(-u|-U|--user|--proxy-user)([ \t]+|=)(?:'([^'\r\n]*)'|"([^"\r\n]*)"|([^\s"']+))/g;

function redactCurlUser(text: string): string {
	return text.replace(
		curlUser,
		(
			match,
			option: string,
			separator: string,
			single: string | undefined,
			double: string | undefined,
			bare: string | undefined,
		) => {
			const value = single ?? double ?? bare ?? '';
			const colon = value.indexOf(':');
			const password = colon === -1 ? '' : value.slice(colon + 1);
			if (password === '' || isMarker(password)) {
				return match;
			}

			const redacted = value.slice(0, colon + 1) + REDACTED;
			const quote = single === undefined ? (double === undefined ? '' : '"') : "'";
			return option + separator + quote + redacted + quote;
		},
	);
}

// `name: value`, `name=value`, `"name": "value"`, `'name': 'value'`, and `\"name\": \"value\"` in JSON inside a
// JSON string (a HAR file read as text). The name is checked before the value is read, so the value of a name
// that is not secret is scanned like any other text. A name starts after a non-word character (`--password=`
// counts; the `api` of `x-api-key` or of `x.api` does not, which also keeps long dotted runs cheap).
const keyAndSeparator = /(?<!\w)(?<!\w[.-])((?:\\?["'])?)([A-Z_][\w.-]{0,63})\1[ \t]*([:=])[ \t]*/gi;
const escapedQuoted = /\\"((?:[^"\\\r\n]|\\[^"\r\n])*)/y;
const doubleQuoted = /"((?:[^"\\\r\n]|\\.)*)/y;
const singleQuoted = /'([^'\r\n]*)/y;
// A colon followed by a space ends a bare value: in `token: X-Auth-Token: abc` the first value is the next name.
const bareValue = /(?:[^\s"'&;,<>:\\]|:(?!\s))+/y;
const toLineEnd = /[^\r\n"']*/y;
const authorizationScheme = new RegExp(String.raw`[A-Z][\w.+/-]*[ \t]+${repeatedSchemes}(?=[^\s"'])`, 'iy');
// Any secret key may hold a scheme and its credential (`access token: Bearer eyJ…`): both are the value.
const knownScheme = new RegExp(String.raw`(?:Bearer|Basic|Token)[ \t]+${repeatedSchemes}(?=[^\s"'])`, 'iy');
const nameShape = /^[A-Z_][\w.-]{0,63}$/i;
const notSecretLiteral = /^(?:null|true|false|undefined|none)$/i;
// After `token:` or `password:` in an error message comes prose ("Invalid token: expired"), not the secret.
const proseAfterColon = new Set([
	'a',
	'an',
	'the',
	'is',
	'was',
	'has',
	'must',
	'should',
	'cannot',
	'does',
	'not',
	'no',
	'too',
	'expired',
	'invalid',
	'missing',
	'required',
	'empty',
	'malformed',
	'revoked',
	'unknown',
	'incorrect',
	'wrong',
	'mismatch',
	'blank',
	'unauthorized',
	'forbidden',
	'denied',
]);
// `auth:read`, `tokens:write`, `secrets:*`: a name, a colon and an action with no space between is an OAuth-style
// scope or permission, not a label and its secret. Passwords are left out: `password:admin` is a password.
const scopeActions: ReadonlySet<string> = new Set([
	'*',
	'all',
	'admin',
	'create',
	'delete',
	'execute',
	'full',
	'get',
	'list',
	'manage',
	'read',
	'readonly',
	'read_only',
	'readwrite',
	'read_write',
	'revoke',
	'sign',
	'update',
	'use',
	'view',
	'write',
]);
const passwordKeys: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'passphrase']);

function isScope(text: string, start: number, key: string, separator: string, value: string): boolean {
	return (
		separator === ':' && text[start - 1] === ':' && scopeActions.has(value.toLowerCase()) && !passwordKeys.has(key)
	);
}

const headerCredentialKeys: ReadonlySet<string> = new Set([
	'authorization',
	'proxyauthorization',
	'cookie',
	'setcookie',
]);

function readSticky(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
	pattern.lastIndex = position;
	return pattern.exec(text);
}

/** An unquoted value: a whole redaction marker, or up to whitespace, a quote or a separator. */
function bareValueAt(text: string, position: number): string {
	return (readSticky(stickyMarker, text, position) ?? readSticky(bareValue, text, position))?.[0] ?? '';
}

/** The value's text is `start`…`end`; `opener` is where its opening quote is, -1 when it is bare. */
type Span = {readonly start: number; readonly end: number; readonly opener: number};

function quotedSpan(pattern: RegExp, text: string, opener: number, openerLength: number): Span {
	const content = readSticky(pattern, text, opener)?.[1] ?? '';
	return {start: opener + openerLength, end: opener + openerLength + content.length, opener};
}

/** Where the value after `name:` / `name=` is, or undefined when there is nothing to redact there. */
function valueSpan(text: string, start: number, key: string, separator: string): Span | undefined {
	if (text.startsWith('\\"', start)) {
		return quotedSpan(escapedQuoted, text, start, 2);
	}

	const first = text[start];
	if (first === '"' || first === "'") {
		return quotedSpan(first === '"' ? doubleQuoted : singleQuoted, text, start, 1);
	}

	// A nested object or array: its own keys are checked as the scan goes on.
	if (first === undefined || first === '{' || first === '[') {
		return undefined;
	}

	if (separator === ':' && (key === 'cookie' || key === 'setcookie')) {
		return {start, end: start + (readSticky(toLineEnd, text, start)?.[0].length ?? 0), opener: -1};
	}

	const scheme = key === 'authorization' || key === 'proxyauthorization' ? authorizationScheme : knownScheme;
	const from = start + (readSticky(scheme, text, start)?.[0].length ?? 0);

	const value = bareValueAt(text, from);
	if (
		value === '' ||
		(text[from + value.length] === ':' && nameShape.test(value) && isSecretName(value)) ||
		notSecretLiteral.test(value) ||
		(separator === ':' && proseAfterColon.has(value.toLowerCase())) ||
		(from === start && isScope(text, start, key, separator, value))
	) {
		return undefined;
	}

	return {start, end: from + value.length, opener: -1};
}

/** Header-style names (`X-Auth-Token`) are judged by the header rules, other names by the key rules. */
function isSecretName(name: string): boolean {
	return isSensitiveKeyName(name) || (name.includes('-') && isSensitiveHeaderName(name));
}

function redactKeyedValue(name: string, quote: string, separator: string, value: string): string {
	const key = normaliseKey(name);
	const headerLike = quote === '' && separator === ':' && name.includes('-') && isSensitiveHeaderName(name);
	if (headerLike || headerCredentialKeys.has(key)) {
		return redactCredential(key, value);
	}

	return isKept(value) ? value : REDACTED;
}

// `dfns:auth:user`, `urn:token:type`: a name between colons inside one word is a segment of an identifier (a JWT
// `aud`, a URN), not a label before a secret.
const urnSegmentBefore = /\w:$/;

function isUrnSegment(text: string, index: number, quote: string, separator: string): boolean {
	return quote === '' && separator === ':' && urnSegmentBefore.test(text.slice(Math.max(0, index - 2), index));
}

function redactKeyValues(text: string): string {
	const out: string[] = [];
	let copied = 0;
	keyAndSeparator.lastIndex = 0;
	for (let found = keyAndSeparator.exec(text); found !== null; found = keyAndSeparator.exec(text)) {
		const name = found[2]!;
		const separator = found[3]!;
		if (!isSecretName(name) || isUrnSegment(text, found.index, found[1]!, separator)) {
			continue;
		}

		const key = normaliseKey(name);
		const span = valueSpan(text, found.index + found[0].length, key, separator);
		// A span starting before `copied` lies inside a value already redacted.
		if (span === undefined || span.start < copied || text.slice(span.start, span.end).trim() === '') {
			continue;
		}

		out.push(
			text.slice(copied, span.start),
			redactKeyedValue(name, found[1]!, separator, text.slice(span.start, span.end)),
		);
		copied = span.end;
		// What looked like a quoted value may be the next key (`token = 'client_secret': '…'`), so its inside is
		// scanned too; quotes bound it, which keeps the scan linear. A bare value can run on, so it is skipped.
		keyAndSeparator.lastIndex = span.opener === -1 ? span.end : span.opener;
	}

	out.push(text.slice(copied));
	return out.join('');
}

const schemeCredential = new RegExp(
	String.raw`(?<![\w-])(Bearer|Basic)([ \t]+${repeatedSchemes})(${markerSource}|[\w~+/-][\w.~+/-]*=*)`,
	'gi',
);
const authParameterName = /^[A-Z][\w-]*=$/i;
const base64Text = /^[A-Z\d+/]+={0,2}$/i;
const base64Prefix = /^[A-Z\d+/]+={0,2}/i;

function looksLikeBearerToken(token: string): boolean {
	if (token.length < 8 || authParameterName.test(token)) {
		return false;
	}

	return /[\d.~+/=_-]/.test(token) || token.length >= 20;
}

function looksLikeBasicCredential(token: string): boolean {
	if (token.length < 8 || token.length % 4 !== 0 || !base64Text.test(token)) {
		return false;
	}

	try {
		return atob(token).includes(':');
	} catch {
		return false;
	}
}

function redactSchemes(text: string): string {
	return text.replace(schemeCredential, (match, scheme: string, space: string, credential: string) => {
		if (isMarker(credential)) {
			return match;
		}

		if (scheme.toLowerCase() === 'basic') {
			// Base64 has no `.` or `_`: what follows (sentence punctuation) is not part of the credential.
			const base64 = base64Prefix.exec(credential)?.[0] ?? '';
			return looksLikeBasicCredential(base64) ? scheme + space + hint(base64) + credential.slice(base64.length) : match;
		}

		return looksLikeBearerToken(credential) ? scheme + space + hint(credential) : match;
	});
}

function redactTokens(text: string): string {
	let result = text;
	for (const {pattern} of TOKEN_PATTERNS) {
		result = result.replace(pattern, hint);
	}

	return result;
}

const cardNumber = /(?<![\w.])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{5})\b/g;

function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) {
				digit -= 9;
			}
		}

		sum += digit;
	}

	return sum % 10 === 0;
}

function redactCards(text: string): string {
	return text.replace(cardNumber, (match) => {
		const digits = match.replaceAll(/\D/g, '');
		const first = digits.charCodeAt(0) - 48;
		return first >= 2 && first <= 6 && passesLuhn(digits) ? `[redacted card …${digits.slice(-4)}]` : match;
	});
}

function redactOnce(text: string): string {
	let result = redactPrivateKeys(text);
	result = redactHarPairs(result);
	result = redactUserinfo(result);
	result = redactCurlUser(result);
	result = redactKeyValues(result);
	result = redactSchemes(result);
	result = redactTokens(result);
	return redactCards(result);
}

// A marker written by one rule can give another rule the boundary it looks for (`4242…4242-u x:y` gains a
// non-word character before `-u`), so passes repeat until nothing changes. Text without secrets takes one pass.
const maximumPasses = 4;

/** Redacts secrets recognised by shape or by a sensitive name anywhere in free text. */
export function redactText(text: string): string {
	try {
		let result = text;
		for (let pass = 0; pass < maximumPasses; pass++) {
			const next = redactOnce(result);
			if (next === result) {
				break;
			}

			result = next;
		}

		return result;
	} catch {
		// Only reachable on exhaustion (a string too large to copy); showing nothing is the safe answer.
		return REDACTED;
	}
}

// ---- URLs, JSON, requests ----

function decodeName(name: string): string {
	try {
		return decodeURIComponent(name.replaceAll('+', ' '));
	} catch {
		return name;
	}
}

// What must stay encoded for the pair to read back the same: the pair's own delimiters, `%` and line breaks. Spaces
// stay, so a redaction marker still reads as one (`Bearer dg_a…[redacted, 26 chars]`).
const pairDelimiters = /[^\S ]|[%&#+=]/gu;

/** A value that is percent-encoded hides a secret's shape (`Bearer%20dg_at_…`) from the text rules: they read it
 *  decoded, and a redacted value is written back with its delimiters still encoded. */
function redactEncodedValue(pair: string, equals: number): string {
	const value = pair.slice(equals + 1);
	const decoded = decodeName(value);
	if (decoded === value) {
		return pair;
	}

	const redacted = redactText(decoded);
	return redacted === decoded ? pair : pair.slice(0, equals + 1) + redacted.replace(pairDelimiters, encodeURIComponent);
}

/** Redacts the values of `a=b&c=d` pairs whose name is a secret key name, and secrets in encoded values. */
function redactPairs(pairs: string): string {
	return pairs
		.split('&')
		.map((pair) => {
			const equals = pair.indexOf('=');
			if (equals === -1) {
				return pair;
			}

			if (!isSensitiveKeyName(decodeName(pair.slice(0, equals)))) {
				return redactEncodedValue(pair, equals);
			}

			// Read as the text rule reads a bare value, so the two agree and redacting twice is stable.
			const value = pair.slice(equals + 1);
			const secret = bareValueAt(value, 0);
			return isKept(secret) ? pair : pair.slice(0, equals + 1) + REDACTED + value.slice(secret.length);
		})
		.join('&');
}

/** Redacts `user:password@`, sensitive query and fragment parameters (`#access_token=`), and tokens in the path. */
export function redactUrl(url: string): string {
	try {
		const hash = url.indexOf('#');
		const beforeHash = hash === -1 ? url : url.slice(0, hash);
		const question = beforeHash.indexOf('?');
		let result =
			question === -1 ? beforeHash : beforeHash.slice(0, question + 1) + redactPairs(beforeHash.slice(question + 1));
		if (hash !== -1) {
			result += '#' + redactPairs(url.slice(hash + 1));
		}

		return redactText(result);
	} catch {
		return REDACTED;
	}
}

type Container = Record<string, unknown> | unknown[];
type Task = {readonly source: unknown; readonly target: Container; readonly key: string; readonly secret: boolean};

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') {
		return false;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function setOwn(target: Container, key: string, value: unknown): void {
	// defineProperty, not assignment: a `__proto__` key in parsed JSON must stay a plain property.
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

function redactScalar(value: unknown, secret: boolean): unknown {
	if (typeof value === 'string') {
		if (secret) {
			return isKept(value) ? value : REDACTED;
		}

		return redactText(value);
	}

	return secret && (typeof value === 'number' || typeof value === 'bigint') ? REDACTED : value;
}

type Walk = {readonly value: unknown; readonly changed: boolean};

/** Iterative (an explicit work list), so 100,000-deep JSON cannot overflow the stack; shared and cyclic references
 *  map to the same copy. */
function walkJson(root: unknown): Walk {
	let changed = false;
	// One copy per source object and per "below a secret key" flag: a shared object can sit under both.
	const plainCopies = new Map<object, Container>();
	const secretCopies = new Map<object, Container>();
	const copies = (secret: boolean): Map<object, Container> => (secret ? secretCopies : plainCopies);
	const isContainer = (value: unknown): value is Container => Array.isArray(value) || isPlainObject(value);
	const scalar = (value: unknown, secret: boolean): unknown => {
		const redacted = redactScalar(value, secret);
		changed ||= redacted !== value;
		return redacted;
	};

	if (!isContainer(root)) {
		return {value: scalar(root, false), changed};
	}

	const result: Container = Array.isArray(root) ? [] : {};
	plainCopies.set(root, result);
	const pending: Array<{readonly source: Container; readonly secret: boolean}> = [{source: root, secret: false}];
	const tasks: Task[] = [];
	while (pending.length > 0) {
		const {source, secret} = pending.pop()!;
		const target = copies(secret).get(source)!;
		const keys = Array.isArray(source) ? Array.from(source, (_, index) => String(index)) : Object.keys(source);
		for (const key of keys) {
			const child = (source as Record<string, unknown>)[key];
			// Header-style keys (`{"X-DFNS-USERACTION": …}`, a request's headers as JSON) are judged as headers.
			const childSecret = secret || (!Array.isArray(source) && isSecretName(key));
			tasks.push({source: child, target, key, secret: childSecret});
			const seen = copies(childSecret);
			if (isContainer(child) && !seen.has(child)) {
				seen.set(child, Array.isArray(child) ? [] : {});
				pending.push({source: child, secret: childSecret});
			}
		}
	}

	for (const {source, target, key, secret} of tasks) {
		setOwn(target, key, isContainer(source) ? copies(secret).get(source)! : scalar(source, secret));
	}

	return {value: result, changed};
}

/** A copy of parsed JSON with the values of sensitive keys (at any depth, every leaf below them) replaced and every
 *  other string passed through redactText. Empty strings, booleans and null stay (they show "missing", not a secret). */
export function redactJson(value: unknown): unknown {
	try {
		return walkJson(value).value;
	} catch {
		return REDACTED;
	}
}

const formBody = /^[\w.%+[\]-]+=[^&\s]*(?:&[\w.%+[\]-]+=[^&\s]*)*$/;

function jsonIndent(body: string): number {
	const indent = /\n( +)\S/.exec(body);
	return indent === null ? 0 : Math.min(indent[1]!.length, 8);
}

function redactBody(body: string, headers: readonly Header[]): string {
	const trimmed = body.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			const walked = walkJson(JSON.parse(body));
			if (!walked.changed) {
				return body;
			}

			const indent = body.includes('\n\t') ? '\t' : jsonIndent(body);
			return JSON.stringify(walked.value, null, indent);
		} catch {
			// Not JSON after all (or too deep to serialise): text rules still apply.
		}
	}

	const contentType = headers.find(([name]) => name.trim().toLowerCase() === 'content-type')?.[1] ?? '';
	if (/application\/x-www-form-urlencoded/i.test(contentType) || formBody.test(body)) {
		return redactText(redactPairs(body));
	}

	return redactText(body);
}

/** Redacts the URL, headers and body of a request; `unexpanded` (shell variables as written) stays. */
export function redactRequest(request: HttpRequest): HttpRequest {
	try {
		return {
			...request,
			url: redactUrl(request.url),
			headers: redactHeaders(request.headers),
			body: request.body === null ? null : redactBody(request.body, request.headers),
		};
	} catch {
		return {...request, url: REDACTED, headers: [], body: request.body === null ? null : REDACTED};
	}
}
