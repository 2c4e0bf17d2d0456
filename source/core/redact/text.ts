/** Secrets in free text, found by their shape (keys, tokens, cards, `Bearer …`) or by the name written before them. */
import {
	authorizationScheme,
	hint,
	isKept,
	isMarker,
	knownScheme,
	redactCredential,
	schemeCredential,
	stickyMarker,
} from './credentials.js';
import {isSecretName, isSensitiveHeaderName, normaliseKey} from './names.js';
import {REDACTED, TOKEN_PATTERNS} from './rules.js';

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
// Tools that write the pair in the other order (`{"value": "…", "name": "Authorization"}`).
const harValueName = /"value"[ \t]*:[ \t]*"((?:[^"\\\r\n]|\\.)*)"[ \t]*,\s*"name"[ \t]*:[ \t]*"([^"\\\r\n]{1,100})"/g;

function redactHarPair(name: string, value: string): string | undefined {
	return isKept(value) || !isSecretName(name) ? undefined : redactKeyedValue(name, '', ':', value);
}

function redactHarPairs(text: string): string {
	const nameFirst = text.replace(harNameValue, (match, name: string, value: string) => {
		const redacted = redactHarPair(name, value);
		return redacted === undefined ? match : match.slice(0, match.length - value.length - 1) + redacted + '"';
	});
	return nameFirst.replace(harValueName, (match, value: string, name: string) => {
		const redacted = redactHarPair(name, value);
		const opener = match.indexOf('"', match.indexOf(':'));
		return redacted === undefined
			? match
			: match.slice(0, opener + 1) + redacted + match.slice(opener + 1 + value.length);
	});
}

// The password runs to the last `@` before the host: browsers and clients accept an unescaped `@` or `'` in it.
const urlUserinfo = /(?<=[a-z\d]:\/\/)([^\s:/?#@"'<>]*:)([^\s/?#"<>]+)@/gi;

function redactUserinfo(text: string): string {
	return text.replace(urlUserinfo, (match, head: string, password: string) =>
		isMarker(password) ? match : `${head}${REDACTED}@`,
	);
}

// `'pa'\''ss'` is how bash writes a `'` inside single quotes: the password goes on after it.
const curlUser = /(?<![\w-])(-u|-U|--user|--proxy-user)([ \t]+|=)(?:'((?:[^'\r\n]|'\\'')*)'|"([^"\r\n]*)"|([^\s"']+))/g;

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
// Two words may make one name (`api key: …`, `"seed phrase": …`); a name may hold JSON escapes (`pass\u0077ord`);
// name and separator may be percent-encoded (`%3BAccountKey%3D…` in an encoded connection string).
const keyAndSeparator =
	/(?:(?<=%[\dA-F]{2})|(?<!\w)(?<!\w[.-]))((?:\\?["'])?)(?:([A-Z_][\w.-]{0,63})[ \t])?((?:[A-Z_]|\\{1,2}u[\dA-F]{4})(?:[\w.-]|\\{1,2}u[\dA-F]{4}){0,63})\1[ \t]*([:=]|%3[AD])(?:[ \t]|%20)*/gi;
const jsonEscape = /\\{1,2}u([\dA-F]{4})/gi;

function decodedName(name: string): string {
	return name.replaceAll(jsonEscape, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
}
const escapedQuoted = /\\"((?:[^"\\\r\n]|\\[^"\r\n])*)/y;
const doubleQuoted = /"((?:[^"\\\r\n]|\\.)*)/y;
const singleQuoted = /'([^'\r\n]*)/y;
// A colon followed by a space ends a bare value: in `token: X-Auth-Token: abc` the first value is the next name.
const bareValue = /(?:[^\s"'&;,<>:\\]|:(?!\s))+/y;
const toLineEnd = /[^\r\n"']*/y;
// A terminal hard-wraps a long token: the next line goes on with the token's characters and ends with it. A line
// that starts a header (`Content-Type:`) or a status line (`HTTP/1.1`) is not a continuation. The rest of a JWT
// has dots, the rest of base64 has `/`, `+` and `=`; no token has both.
// Nor is the first word of a two-word label (`seed phrase: …`).
const wrappedTail = /\r?\n(?:[\w-]+(?:\.[\w-]+)*|[\w~+/=-]+)(?![\w.:~+/=-]|[ \t]+[a-z_][\w.-]{0,63}[ \t]*[:=])/iy;
// A seed phrase is words separated by spaces: its value runs to the end of the line.
const phraseKeys: ReadonlySet<string> = new Set(['seed', 'seedphrase', 'mnemonic', 'recoveryphrase', 'passphrase']);

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
	'failed',
	'rejected',
	'none',
	'authentication',
	'authorization',
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

// `Auth:Apps:Update`: a permission of several segments ends in its action; punctuation after it is prose.
const scopeSegments = /^(?:[A-Z]+:)*([A-Z_*]+)[\x60'".,;)]*$/i;

function isScope(text: string, start: number, key: string, separator: string, value: string): boolean {
	const action = scopeSegments.exec(value)?.[1]?.toLowerCase() ?? '';
	return separator === ':' && text[start - 1] === ':' && scopeActions.has(action) && !passwordKeys.has(key);
}

const headerCredentialKeys: ReadonlySet<string> = new Set([
	'authorization',
	'proxyauthorization',
	'cookie',
	'setcookie',
]);

const cookieLabel = /^(?:[A-Z_.-]{1,64}|[\w.-]{1,15})(?=\s|$)/i;

function readSticky(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
	pattern.lastIndex = position;
	return pattern.exec(text);
}

/** An unquoted value: a whole redaction marker, or up to whitespace, a quote or a separator. */
export function bareValueAt(text: string, position: number): string {
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

	if (phraseKeys.has(key)) {
		const line = readSticky(toLineEnd, text, start)?.[0].trimEnd() ?? '';
		const first = bareValueAt(text, start);
		return first === '' ||
			notSecretLiteral.test(first) ||
			(separator === ':' && proseAfterColon.has(first.toLowerCase()))
			? undefined
			: {start, end: start + line.length, opener: -1};
	}

	if (separator === ':' && (key === 'cookie' || key === 'setcookie')) {
		const line = readSticky(toLineEnd, text, start)?.[0] ?? '';
		// `cookie:session` with no space and no `=` names a cookie (where a JWT was found), not a Cookie header; a long
		// word with digits there is still taken for a bare cookie value.
		if (text[start - 1] === ':' && cookieLabel.test(line)) return undefined;
		return {start, end: start + line.length, opener: -1};
	}

	const scheme = key === 'authorization' || key === 'proxyauthorization' ? authorizationScheme : knownScheme;
	const from = start + (readSticky(scheme, text, start)?.[0].length ?? 0);
	// `Authorization: required for …` is prose; the first word decides before a scheme is looked for.
	if (from !== start && separator === ':' && proseAfterColon.has(bareValueAt(text, start).trim().toLowerCase())) {
		return undefined;
	}

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

	// A value a terminal wrapped goes on over the line break, as a token does.
	const tail = readSticky(wrappedTail, text, from + value.length)?.[0] ?? '';
	return {start, end: from + value.length + tail.length, opener: -1};
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
		const last = found[3]!.includes('\\') ? decodedName(found[3]!) : found[3]!;
		// The last word alone decides when it can (`in cookie:session` is about `cookie`).
		const name = isSecretName(last)
			? last
			: found[2] !== undefined && isSecretName(`${found[2]} ${last}`)
				? `${found[2]} ${last}`
				: undefined;
		const separator = found[4]!.length === 1 ? found[4]! : decodeURIComponent(found[4]!);
		if (name === undefined || isUrnSegment(text, found.index, found[1]!, separator)) {
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

const lineBreaks = /\r?\n/g;

// A terminal hard-wraps a long token: the line break comes right after a token character, and the next line goes on
// with the token's characters and ends with them (as wrappedTail reads it). Such a token is read whole: the last
// word of the line before is joined with the lines that continue it, and the patterns are run on that piece alone,
// so a boundary the token needs on its left is still there.
const tokenCharacter = /[\w~+/=.-]/;
const wrappedLine = /(?:[\w-]+(?:\.[\w-]+)*|[\w~+/=-]+)(?![\w.:~+/=-]|[ \t]+[a-z_][\w.-]{0,63}[ \t]*[:=])/iy;
// Longer than any token; it bounds the work per line break.
const maximumWrappedToken = 16_384;

/** A wrapped piece: its text with the line breaks taken out, where each of its characters is in the original, and
 *  how long its first part (the end of the line before the first break) is. */
type Wrapped = {readonly joined: string; readonly origins: readonly number[]; readonly head: number};

/** The wrapped piece whose first line break is the one at `newline`, or undefined when that break is no wrap. */
function wrappedAt(text: string, newline: number): Wrapped | undefined {
	const lineEnd = newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
	let start = lineEnd;
	while (start > 0 && lineEnd - start < maximumWrappedToken && tokenCharacter.test(text[start - 1]!)) start--;
	if (start === lineEnd) {
		return undefined;
	}

	const origins = Array.from({length: lineEnd - start}, (_, index) => start + index);
	let joined = text.slice(start, lineEnd);
	let next = newline + 1;
	for (;;) {
		const word = readSticky(wrappedLine, text, next)?.[0] ?? '';
		if (word === '' || joined.length + word.length > maximumWrappedToken) break;
		joined += word;
		for (let index = 0; index < word.length; index++) origins.push(next + index);
		const after = next + word.length;
		const following = text[after] === '\r' && text[after + 1] === '\n' ? after + 1 : after;
		if (text[following] !== '\n') break;
		next = following + 1;
	}

	return joined.length === lineEnd - start ? undefined : {joined, origins, head: lineEnd - start};
}

/** Where the pattern finds a token across a wrap: ranges of the original text, in order, not overlapping. */
function wrappedMatches(text: string, pattern: RegExp): Array<readonly [number, number]> {
	const ranges: Array<readonly [number, number]> = [];
	let covered = 0;
	let read = 0;
	for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
		// Each line is read in one piece only, which keeps this linear: a token that starts a line inside a piece
		// is found as written (with the lines that continue it), or as part of the piece.
		const piece = newline < read ? undefined : wrappedAt(text, newline);
		if (piece === undefined) continue;
		read = piece.origins.at(-1)! + 1;
		// Read from the end of the line before, and from the start of the next line: a token that starts a line needs
		// the line break as its boundary, which joining takes away.
		for (const from of [0, piece.head]) {
			const joined = piece.joined.slice(from);
			pattern.lastIndex = 0;
			for (let found = pattern.exec(joined); found !== null; found = pattern.exec(joined)) {
				const start = piece.origins[from + found.index]!;
				const end = piece.origins[from + found.index + found[0].length - 1]! + 1;
				// Only a match across a line break is new; the others were found as written.
				if (start >= covered && text.slice(start, end).includes('\n')) {
					ranges.push([start, end]);
					covered = end;
				}
			}
		}
	}

	return ranges;
}

/** Replaces every match of a token pattern (with the lines that continue it) by its hint, then every token it finds
 *  only across a wrap (its first line too short to be recognised). */
function redactPattern(text: string, pattern: RegExp): string {
	const ranges: Array<readonly [number, number]> = [];
	pattern.lastIndex = 0;
	for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
		const end = found.index + found[0].length;
		ranges.push([found.index, end + (readSticky(wrappedTail, text, end)?.[0].length ?? 0)]);
	}

	const written = replaceRanges(text, ranges);
	return written.includes('\n') ? replaceRanges(written, wrappedMatches(written, pattern)) : written;
}

function replaceRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
	if (ranges.length === 0) {
		return text;
	}

	const out: string[] = [];
	let copied = 0;
	for (const [start, end] of ranges) {
		// A hint's own prefix (`AAAA…[redacted, 26 chars]`) can look like the start of a key's body.
		if (start < copied || readSticky(stickyMarker, text, start) !== null) continue;
		out.push(text.slice(copied, start), hint(text.slice(start, end).replaceAll(lineBreaks, '')));
		copied = end;
	}

	out.push(text.slice(copied));
	return out.join('');
}

function redactTokens(text: string): string {
	let result = text;
	for (const {pattern} of TOKEN_PATTERNS) {
		result = redactPattern(result, pattern);
	}

	return result;
}

// An AWS secret access key is 40 base64 characters with no prefix of its own; beside its access key id (a CSV row,
// `id:secret`, the next prompt of `aws configure`) it is recognised by where it stands.
const awsKeyPair =
	/((?:AKIA|ASIA)[A-Z\d]{16}(?![A-Z\d])|(?:AKIA|ASIA)…\[redacted, 20 chars\])([\s\S]{0,48}?)(?<![A-Za-z\d/+])([A-Za-z\d/+]{40})(?![A-Za-z\d/+=])/g;

function redactAwsSecretKeys(text: string): string {
	return text.includes('AKIA') || text.includes('ASIA')
		? text.replace(awsKeyPair, (_, id: string, between: string, secret: string) => id + between + hint(secret))
		: text;
}

// A JSON Web Key is recognised by its `kty` member; its private members (`d`, and `p`, `q`, `dp`, `dq`, `qi` of RSA,
// `k` of a symmetric key) are one-letter names no other rule would call secret. Written plainly, JSON-escaped or as
// a Python dict.
const jwkType = /\\?["']kty\\?["']/g;
const jwkPrivateMember = /(\\?["'](?:[dkpq]|dp|dq|qi)\\?["'][ \t]*:[ \t]*\\?["'])([\w-]+)/g;

function redactJwkMembers(text: string): string {
	if (!text.includes('kty')) {
		return text;
	}

	const out: string[] = [];
	let copied = 0;
	jwkType.lastIndex = 0;
	for (let found = jwkType.exec(text); found !== null; found = jwkType.exec(text)) {
		// The object around `kty`: JWK members are flat, so the nearest braces bound it.
		const open = Math.max(text.lastIndexOf('{', found.index), text.lastIndexOf('}', found.index) + 1, copied);
		const closeAt = text.slice(found.index).search(/[{}]/);
		const close = closeAt === -1 ? text.length : found.index + closeAt;
		const object = text
			.slice(open, close)
			.replace(jwkPrivateMember, (_, head: string, value: string) =>
				isMarker(value) ? head + value : head + REDACTED,
			);
		out.push(text.slice(copied, open), object);
		copied = close;
		jwkType.lastIndex = close;
	}

	out.push(text.slice(copied));
	return out.join('');
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

// A percent-encoded run (a redirect URL inside a query, `Location: …?next=%2Fcb%3Fstate%3DeyJ…`) hides a secret's
// shape and the name before it: the rules read it decoded. A run whose decoded form loses a secret is shown decoded
// and redacted, with `%` itself encoded again, so that reading the output again decodes to the same text. A run
// starts after a delimiter (which keeps the scan linear) and goes on through the spaces inside a redaction marker
// and through `'`, which encodeURIComponent leaves as it is.
const encodedRun =
	/(?<![^\s"<>%])(?:[^\s"<>%]|(?<=\[redacted(?:,|, \d{1,9}| card)?) )*(?:%[\dA-F]{2}(?:[^\s"<>%]|(?<=\[redacted(?:,|, \d{1,9}| card)?) )*)+/gi;
const encodedBytes = /(?:%[\dA-F]{2})+/gi;
const onlySpacesEncoded = /^(?:[^%]|%20)*$/;
// `%253D` is encoded twice; a third layer is not read (and cannot make the work grow with the input's nesting).
const maximumDecodings = 2;

function percentDecoded(run: string): string {
	return run.replace(encodedBytes, (bytes) => {
		try {
			return decodeURIComponent(bytes);
		} catch {
			return bytes;
		}
	});
}

function redactPercentEncoded(text: string, decodings: number): string {
	if (decodings >= maximumDecodings || !text.includes('%')) {
		return text;
	}

	return text.replace(encodedRun, (run) => {
		// Encoded spaces alone hide no name or separator (`%20` in a path), and reading each such run is not free.
		const decoded = onlySpacesEncoded.test(run) ? run : percentDecoded(run);
		if (decoded === run) {
			return run;
		}

		const redacted = redactTextDecoded(decoded, decodings + 1);
		return redacted === decoded ? run : redacted.replaceAll('%', '%25');
	});
}

function redactOnce(text: string, decodings: number): string {
	let result = redactPrivateKeys(text);
	result = redactJwkMembers(result);
	result = redactAwsSecretKeys(result);
	result = redactHarPairs(result);
	result = redactUserinfo(result);
	result = redactCurlUser(result);
	result = redactKeyValues(result);
	result = redactSchemes(result);
	result = redactTokens(result);
	result = redactCards(result);
	return redactPercentEncoded(result, decodings);
}

// A marker written by one rule can give another rule the boundary it looks for (`4242…4242-u x:y` gains a
// non-word character before `-u`), so passes repeat until nothing changes. Text without secrets takes one pass.
const maximumPasses = 4;

/** redactText on text that is already `decodings` percent-decodings deep. */
function redactTextDecoded(text: string, decodings: number): string {
	let result = text;
	for (let pass = 0; pass < maximumPasses; pass++) {
		const next = redactOnce(result, decodings);
		if (next === result) {
			break;
		}

		result = next;
	}

	return result;
}

/** Redacts secrets recognised by shape or by a sensitive name anywhere in free text. */
export function redactText(text: string): string {
	try {
		return redactTextDecoded(text, 0);
	} catch {
		// Only reachable on exhaustion (a string too large to copy); showing nothing is the safe answer.
		return REDACTED;
	}
}
