import {isKept} from './credentials.js';
import {isSensitiveKeyName} from './names.js';
import {REDACTED} from './rules.js';
import {bareValueAt, redactText} from './text.js';

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
export function redactPairs(pairs: string): string {
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
