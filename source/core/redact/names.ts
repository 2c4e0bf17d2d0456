/** Which names mark a secret: header names, and JSON, query or form keys. */
import {
	NOT_SECRET_KEY_QUALIFIERS,
	NOT_SECRET_KEY_SUFFIXES,
	SECRET_HEADER_LAST_WORDS,
	SECRET_HEADER_NAME_PARTS,
	SECRET_HEADER_NAMES,
	SECRET_KEY_NAMES,
	SECRET_KEY_PARTS,
	SECRET_KEY_SUFFIXES,
} from './rules.js';

export function normaliseKey(name: string): string {
	return name.toLowerCase().replaceAll(/[\s._-]/g, '');
}

/** True for a JSON key, query or form parameter name whose value is a secret (`password`, `client_secret`). */
export function isSensitiveKeyName(name: string): boolean {
	const key = normaliseKey(name);
	if (SECRET_KEY_NAMES.has(key) || SECRET_KEY_PARTS.some((part) => key.includes(part))) {
		return true;
	}

	return (
		SECRET_KEY_SUFFIXES.some((suffix) => key.endsWith(suffix)) &&
		!NOT_SECRET_KEY_SUFFIXES.some((suffix) => key.endsWith(suffix))
	);
}

const wordBoundary = /[\s._-]+|(?<=[a-z\d])(?=[A-Z])/;
// A version or a digest name at the end says how a credential was made, not what the header is.
const trailingQualifier = /^(?:v?\d+|sha\d*|md5)$/;

/** The words of a header name, lowercase, without a trailing version or digest name: `X-Hub-Signature-256` gives
 *  x, hub, signature; `X-ClientKey` gives x, client, key. */
function headerWords(name: string): string[] {
	const words = name
		.split(wordBoundary)
		.filter((word) => word !== '')
		.map((word) => word.toLowerCase());
	while (words.length > 1 && trailingQualifier.test(words.at(-1)!)) {
		words.pop();
	}

	return words;
}

export function isSensitiveHeaderName(name: string): boolean {
	const lower = name.trim().toLowerCase();
	if (SECRET_HEADER_NAMES.has(lower)) {
		return true;
	}

	const compact = lower.replaceAll(/[\s._-]/g, '');
	if (SECRET_HEADER_NAME_PARTS.some((part) => compact.includes(part))) {
		return true;
	}

	// `X-CLIENTKEY`, `X-MBX-APIKEY`: a last word ending in `key` is read as `X-Client-Key`.
	const words = headerWords(name.trim());
	const last = words.at(-1) ?? '';
	const [qualifier, word] =
		last.length > 3 && last.endsWith('key') ? [last.slice(0, -3), 'key'] : [words.at(-2) ?? '', last];
	return SECRET_HEADER_LAST_WORDS.has(word) && (word !== 'key' || !NOT_SECRET_KEY_QUALIFIERS.has(qualifier));
}

/** Header-style names (`X-Auth-Token`) are judged by the header rules, an exact credential header name
 *  (`Authentication`) too, and other names by the key rules. */
export function isSecretName(name: string): boolean {
	return (
		isSensitiveKeyName(name) ||
		SECRET_HEADER_NAMES.has(name.trim().toLowerCase()) ||
		(name.includes('-') && isSensitiveHeaderName(name))
	);
}
