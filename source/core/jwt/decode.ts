import {decodeJwt as josePayload, decodeProtectedHeader} from 'jose';
import {findJwtTokens, looksLikeJwt} from '../parts/jwt-token.js';
import type {DecodedJwt, Header, HttpRequest, HttpResponse, JwtSource} from '../types.js';

/** Leeway both ways when comparing JWT times with the reference time, as most servers allow. */
export const CLOCK_SKEW_SECONDS = 60;

// Larger than any credential a server accepts; decoding beyond this only burns memory.
const maxTokenLength = 16 * 1024 * 1024;
// 1e11 seconds is the year 5138: a bigger NumericDate was almost certainly written in milliseconds.
const millisecondsThreshold = 1e11;
const maxBodyNodes = 10_000;
const maxBodyDepth = 64;

type TimeReading = {readonly ms: number | null; readonly issues: string[]};

function describe(value: unknown): string {
	if (Array.isArray(value)) {
		return 'an array';
	}

	return value === null ? 'null' : `a ${typeof value}`;
}

function quote(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function readTime(claim: string, value: unknown): TimeReading {
	if (value === undefined) {
		return {ms: null, issues: []};
	}

	if (typeof value === 'string') {
		return {
			ms: null,
			issues: [
				`\`${claim}\` is a string (${quote(value)}); a NumericDate must be a JSON number of seconds, so most libraries reject the token`,
			],
		};
	}

	if (typeof value !== 'number') {
		return {ms: null, issues: [`\`${claim}\` is ${describe(value)}, not a number of seconds`]};
	}

	if (!Number.isFinite(value)) {
		return {ms: null, issues: [`\`${claim}\` is not a finite number`]};
	}

	if (value < 0) {
		return {ms: null, issues: [`\`${claim}\` is negative (${value}), before 1970`]};
	}

	if (value > millisecondsThreshold) {
		const asMilliseconds = value <= 8.64e15 ? ` (read as milliseconds: ${new Date(value).toISOString()})` : '';
		return {
			ms: null,
			issues: [
				`\`${claim}\` is ${value}, which looks like milliseconds${asMilliseconds}; a NumericDate counts seconds, so divide by 1000`,
			],
		};
	}

	const issues = Number.isInteger(value)
		? []
		: [`\`${claim}\` has a fraction (${value}); RFC 7519 allows it but some libraries reject non-integer times`];
	return {ms: value * 1000, issues};
}

function failure(error: unknown): string {
	return error instanceof Error ? error.message : 'unknown error';
}

function segmentIssue(segment: string, name: string, error: unknown): string {
	if (segment === '') {
		return `the ${name} segment is empty`;
	}

	if (/[+/=]/.test(segment)) {
		return `the ${name} segment uses standard base64 (\`+\`, \`/\` or \`=\`); JWTs use base64url without padding`;
	}

	return `the ${name} segment is not base64url-encoded JSON (${failure(error)})`;
}

function decodeHeader(segment: string, issues: string[]): Record<string, unknown> {
	try {
		return decodeProtectedHeader({protected: segment}) as Record<string, unknown>;
	} catch (error) {
		issues.push(segmentIssue(segment, 'header', error));
		return {};
	}
}

function decodePayload(header: string, payload: string, issues: string[]): Record<string, unknown> | null {
	try {
		return josePayload(`${header}.${payload}.`) as Record<string, unknown>;
	} catch (error) {
		issues.push(segmentIssue(payload, 'payload', error));
		return null;
	}
}

function toIso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** A token of which nothing could be read, with the reasons. */
function undecoded(token: string, source: JwtSource, issues: string[]): DecodedJwt {
	return {
		source,
		token,
		header: {},
		payload: null,
		expiresAt: null,
		notBefore: null,
		issuedAt: null,
		expired: null,
		issues,
	};
}

function decodeUnsafe(token: string, source: JwtSource, referenceTime: string): DecodedJwt {
	const issues: string[] = [];
	if (token.length > maxTokenLength) {
		return undecoded(token, source, [`the token is ${token.length} characters long, too large to decode`]);
	}

	let compact = token.trim();
	if (/\s/.test(compact)) {
		issues.push('the token contains whitespace or a line break (copied across lines?); remove it');
		compact = compact.replaceAll(/\s+/g, '');
	}

	if (compact === '') {
		return undecoded(token, source, [...issues, 'the token is empty']);
	}

	const segments = compact.split('.', 6);
	const count = segments.length > 5 ? compact.split('.').length : segments.length;
	const header = decodeHeader(segments[0] ?? '', issues);
	let payload: Record<string, unknown> | null = null;
	if (count === 5) {
		issues.push('this is a JWE (5 parts, encrypted): only its header can be read, the claims are encrypted');
	} else {
		if (count !== 3) {
			issues.push(`the token has ${count} part${count === 1 ? '' : 's'}; a JWT has 3 (header.payload.signature)`);
		}

		if (count >= 2) {
			payload = decodePayload(segments[0] ?? '', segments[1] ?? '', issues);
		}
	}

	const alg = header['alg'];
	if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
		issues.push('alg: none: the token is unsigned, and APIs reject unsigned tokens');
	} else if (Object.keys(header).length > 0 && alg === undefined) {
		issues.push('the header has no `alg`');
	}

	if (count === 3 && segments[2] === '' && typeof alg === 'string' && alg.toLowerCase() !== 'none') {
		issues.push(`the signature segment is empty although the header says alg ${quote(alg)}`);
	}

	const exp = readTime('exp', payload?.['exp']);
	const nbf = readTime('nbf', payload?.['nbf']);
	const iat = readTime('iat', payload?.['iat']);
	issues.push(...exp.issues, ...nbf.issues, ...iat.issues);
	const reference = Date.parse(referenceTime);
	const expired = exp.ms === null || Number.isNaN(reference) ? null : exp.ms < reference - CLOCK_SKEW_SECONDS * 1000;
	return {
		source,
		token,
		header,
		payload,
		expiresAt: toIso(exp.ms),
		notBefore: toIso(nbf.ms),
		issuedAt: toIso(iat.ms),
		expired,
		issues,
	};
}

/** Decodes a JWT locally (no signature verification, no network) and lists its pitfalls in words. Never throws. */
export function decodeJwt(token: string, source: JwtSource, referenceTime: string): DecodedJwt {
	try {
		return decodeUnsafe(token, source, referenceTime);
	} catch (error) {
		return undecoded(token, source, [`the token could not be decoded (${failure(error)})`]);
	}
}

/**
 * How much an issue from `decodeJwt` matters to a server: `fail` ones get the token rejected, `warn` ones are
 * accepted by most libraries but are likely bugs, `info` is no fault (an encrypted token cannot be read here).
 */
export function issueSeverity(issue: string): 'fail' | 'warn' | 'info' {
	if (issue.startsWith('this is a JWE')) {
		return 'info';
	}

	return issue.includes('looks like milliseconds') || issue.includes('has a fraction') ? 'warn' : 'fail';
}

function credentialValue(value: string): string {
	const trimmed = value.trim();
	// `Bearer Bearer <token>` is an auth.format finding, but the token inside still deserves decoding.
	const scheme = /^(?:bearer\s+)+/i.exec(trimmed);
	return scheme ? trimmed.slice(scheme[0].length).trim() : trimmed;
}

function cookies(header: string): Array<[name: string, value: string]> {
	const pairs: Array<[string, string]> = [];
	for (const piece of header.split(';')) {
		const equals = piece.indexOf('=');
		if (equals > 0) {
			pairs.push([
				piece.slice(0, equals).trim(),
				piece
					.slice(equals + 1)
					.trim()
					.replace(/^"(.*)"$/, '$1'),
			]);
		}
	}

	return pairs;
}

function memberPath(parent: string, key: string): string {
	return /^[a-z_$][\w$]*$/i.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function bodyStrings(body: unknown): Array<[path: string, value: string]> {
	const found: Array<[string, string]> = [];
	const stack: Array<[path: string, value: unknown, depth: number]> = [['$', body, 0]];
	let visited = 0;
	while (stack.length > 0 && visited < maxBodyNodes) {
		const [path, value, depth] = stack.pop()!;
		visited++;
		if (typeof value === 'string') {
			found.push([path, value]);
		} else if (value !== null && typeof value === 'object' && depth < maxBodyDepth) {
			const children: Array<[string, unknown, number]> = Array.isArray(value)
				? value.map((item, index) => [`${path}[${index}]`, item, depth + 1])
				: Object.entries(value).map(([key, item]) => [memberPath(path, key), item, depth + 1]);
			// Reversed so the walk visits members in document order.
			for (let index = children.length - 1; index >= 0; index--) {
				stack.push(children[index]!);
			}
		}
	}

	return found;
}

function authorizationCandidate(value: string): string | null {
	const credential = credentialValue(value);
	// A Bearer value shaped like a JWT but broken (two parts, bad base64) must still reach jwt.malformed.
	return looksLikeJwt(credential) || (/^eyJ[\w-]*\./.test(credential) && !/\s/.test(credential)) ? credential : null;
}

/** The cookie a `Set-Cookie` header sets: only the first `name=value` pair, the rest are attributes. */
function setCookie(header: string): [name: string, value: string] | null {
	return cookies(header.split(';', 1)[0] ?? '')[0] ?? null;
}

function parseJsonBody(text: string): {value: unknown} | null {
	try {
		return {value: JSON.parse(text) as unknown};
	} catch {
		return null;
	}
}

/**
 * JWTs a request body carries: JSON members by path (`$.id_token`), form fields by name (`refresh_token`), and in
 * any other body (broken JSON, multipart) whatever token-shaped text it holds, without a more precise place.
 */
function requestBodyCandidates(body: string | null): Array<[source: JwtSource, token: string]> {
	const text = body?.trim() ?? '';
	if (text === '' || !text.includes('eyJ')) {
		return [];
	}

	const json = text.startsWith('{') || text.startsWith('[') ? parseJsonBody(text) : null;
	if (json) {
		return bodyStrings(json.value)
			.map(([path, value]): [JwtSource, string] => [`request-body:${path}`, credentialValue(value)])
			.filter(([, token]) => looksLikeJwt(token));
	}

	if (!/^[[{]/.test(text) && !/\s/.test(text) && text.includes('=')) {
		const found: Array<[JwtSource, string]> = [];
		for (const [name, value] of new URLSearchParams(text)) {
			const credential = credentialValue(value);
			if (looksLikeJwt(credential)) {
				found.push([`request-body:${name}`, credential]);
			}
		}

		return found;
	}

	return findJwtTokens(text).map(({token}): [JwtSource, string] => ['request-body', token]);
}

function headerCandidates(headers: readonly Header[], side: 'request' | 'response'): Array<[JwtSource, string]> {
	const candidates: Array<[source: JwtSource, token: string]> = [];
	for (const [name, value] of headers) {
		const lower = name.toLowerCase();
		if (side === 'request' && lower === 'cookie') {
			for (const [cookie, cookieValue] of cookies(value)) {
				if (looksLikeJwt(cookieValue)) {
					candidates.push([`cookie:${cookie}`, cookieValue]);
				}
			}
		} else if (side === 'response' && lower === 'set-cookie') {
			const pair = setCookie(value);
			if (pair && looksLikeJwt(pair[1])) {
				candidates.push([`set-cookie:${pair[0]}`, pair[1]]);
			}
		} else if (side === 'request' && (lower === 'authorization' || lower === 'proxy-authorization')) {
			const token = authorizationCandidate(value);
			if (token !== null) {
				candidates.push([`header:${name}`, token]);
			}
		} else {
			const credential = credentialValue(value);
			if (looksLikeJwt(credential)) {
				candidates.push([`${side === 'request' ? 'header' : 'response-header'}:${name}`, credential]);
			}
		}
	}

	return candidates;
}

/**
 * Every JWT in a request (headers, cookies, body), a response (headers, `Set-Cookie`, the error body) or a bare
 * paste, with where it was found: `header:Authorization`, `cookie:<name>`, `request-body:$.id_token`,
 * `request-body:refresh_token`, `set-cookie:<name>`, `response-header:<name>`, `body:<json path>`, `paste`.
 * Deduplicated by token; the first place wins. Never throws.
 */
export function collectJwts(
	input: {request: HttpRequest | null; response?: HttpResponse | null; body: unknown; bareToken: string | null},
	referenceTime: string,
): DecodedJwt[] {
	const candidates: Array<[source: JwtSource, token: string]> = [];
	try {
		candidates.push(
			...headerCandidates(input.request?.headers ?? [], 'request'),
			...requestBodyCandidates(input.request?.body ?? null),
			...headerCandidates(input.response?.headers ?? [], 'response'),
		);
		for (const [path, value] of bodyStrings(input.body)) {
			const credential = credentialValue(value);
			if (looksLikeJwt(credential)) {
				candidates.push([`body:${path}`, credential]);
			}
		}

		if (input.bareToken !== null && input.bareToken.trim() !== '') {
			candidates.push(['paste', input.bareToken.trim()]);
		}
	} catch {
		// Whatever was collected before an exotic input broke the walk is still worth reporting.
	}

	const seen = new Set<string>();
	const decoded: DecodedJwt[] = [];
	for (const [source, token] of candidates) {
		if (!seen.has(token)) {
			seen.add(token);
			decoded.push(decodeJwt(token, source, referenceTime));
		}
	}

	return decoded;
}

const pastePrefixPattern = /^(?:(?:proxy-)?authorization[ \t]*:[ \t]*)?bearer[ \t]+/i;

/**
 * The JWTs in a paste for `errdoctor jwt`: the whole paste when it is one token (after `Bearer ` or
 * `Authorization: Bearer `), even a broken one, so its flaws can be named; else every JWT inside it, by line.
 */
export function pastedJwts(text: string): Array<[source: JwtSource, token: string]> {
	const trimmed = text.trim();
	const prefix = pastePrefixPattern.exec(trimmed);
	const bare = prefix ? trimmed.slice(prefix[0].length).trim() : trimmed;
	if (bare.startsWith('eyJ') && !/\s/.test(bare)) {
		return [['paste', bare]];
	}

	const found: Array<[JwtSource, string]> = [];
	const seen = new Set<string>();
	let line = 1;
	let counted = 0;
	for (const {start, token} of findJwtTokens(text)) {
		for (let index = counted; index < start; index++) {
			if (text.charCodeAt(index) === 0x0a) line++;
		}

		counted = start;
		if (!seen.has(token)) {
			seen.add(token);
			found.push([`paste:line ${line}`, token]);
		}
	}

	return found;
}
