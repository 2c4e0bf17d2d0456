/**
 * A compact JWS (three base64url segments) or JWE (five), starting with `eyJ` (`{"` encoded). Not preceded by a
 * base64url character or a dot, so a match never starts inside a longer run, which keeps a global search linear.
 * Empty segments are allowed where the specs allow them: an unsecured JWS has no signature, a `dir` JWE no key.
 */
export const JWT_PATTERN_SOURCE = String.raw`(?<![\w.-])eyJ[\w-]*\.[\w-]*\.[\w-]*(?:\.[\w-]*\.[\w-]*)?(?![\w-])`;

const wholeTokenPattern = /^eyJ[\w-]*\.[\w-]*\.[\w-]*(?:\.[\w-]*\.[\w-]*)?$/;
const authorizationPrefixPattern = /^(?:authorization[ \t]*:[ \t]*)?bearer[ \t]+/i;

function base64UrlValue(code: number): number {
	if (code >= 0x41 && code <= 0x5a) return code - 0x41;
	if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 26;
	if (code >= 0x30 && code <= 0x39) return code - 0x30 + 52;
	if (code === 0x2d) return 62;
	if (code === 0x5f) return 63;
	return -1;
}

function base64UrlBytes(segment: string): Uint8Array | null {
	if (segment.length % 4 === 1) return null;
	const bytes = new Uint8Array(Math.floor((segment.length * 3) / 4));
	let buffer = 0;
	let bits = 0;
	let length = 0;
	for (let index = 0; index < segment.length; index++) {
		const value = base64UrlValue(segment.charCodeAt(index));
		if (value === -1) return null;
		buffer = ((buffer << 6) | value) & 0xfff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[length++] = (buffer >> bits) & 0xff;
		}
	}

	return bytes.subarray(0, length);
}

/** The JOSE header as an object, or null when the segment is not base64url of a UTF-8 JSON object. */
function joseHeader(segment: string): Record<string, unknown> | null {
	const bytes = base64UrlBytes(segment);
	if (!bytes) return null;
	try {
		const value: unknown = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** The shape test on a candidate the pattern matched: a header with `alg` (and `enc` for JWE), a non-empty body. */
function hasJwtHeader(token: string): boolean {
	const segments = token.split('.');
	const header = joseHeader(segments[0] ?? '');
	if (!header || typeof header['alg'] !== 'string') return false;
	if (segments.length === 5) return typeof header['enc'] === 'string' && segments[3] !== '';
	return segments.length === 3 && segments[1] !== '';
}

/** The whole value is one compact JWS/JWE whose header decodes to a JSON object with `alg`. */
export function looksLikeJwt(value: string): boolean {
	return wholeTokenPattern.test(value) && hasJwtHeader(value);
}

/** Every JWT in a text, in order. A single `eyJ…` segment without dots (a Dfns nonce) is not one. */
export function findJwtTokens(text: string): Array<{start: number; end: number; token: string}> {
	const found: Array<{start: number; end: number; token: string}> = [];
	for (const match of text.matchAll(new RegExp(JWT_PATTERN_SOURCE, 'g'))) {
		if (hasJwtHeader(match[0])) found.push({start: match.index, end: match.index + match[0].length, token: match[0]});
	}

	return found;
}

/**
 * The token when the whole paste is one JWT, optionally written as `Bearer <token>` or
 * `Authorization: Bearer <token>`, with whitespace around it; null for anything else.
 */
export function isBareJwtPaste(text: string): string | null {
	const trimmed = text.trim();
	const prefix = authorizationPrefixPattern.exec(trimmed);
	const token = prefix ? trimmed.slice(prefix[0].length) : trimmed;
	return looksLikeJwt(token) ? token : null;
}
