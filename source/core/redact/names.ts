/** Which names mark a secret: header names, and JSON, query or form keys. */
import {
	NOT_SECRET_KEY_SUFFIXES,
	SECRET_HEADER_NAME_PARTS,
	SECRET_HEADER_NAMES,
	SECRET_KEY_NAMES,
	SECRET_KEY_SUFFIXES,
} from './rules.js';

export function normaliseKey(name: string): string {
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

/** Header-style names (`X-Auth-Token`) are judged by the header rules, other names by the key rules. */
export function isSecretName(name: string): boolean {
	return isSensitiveKeyName(name) || (name.includes('-') && isSensitiveHeaderName(name));
}
