import {reading, upperSnakeCase} from '../formats/fields.js';
import type {ErrorReading} from '../types.js';

/*
The last resort for a paste no reader could parse even after repairs: the keys a person would look for, wherever
they stand. What it finds carries no format (the shape around the keys was lost), so the reading is `unknown`.
*/

/** `key: value`, `"key": "value"` or `key=value`; values are cut at a line break, so no match runs past its line. */
const keyValue =
	/(?<![\w$-])["']?([A-Z_$][\w$-]{0,40})["']?[ \t]*[:=][ \t]*(?:"((?:[^"\\\n]|\\.){0,500})"|'((?:[^'\\\n]|\\.){0,500})'|([\w.:/#@-]{1,300}))/gi;

type Role = 'code' | 'status' | 'message' | 'requestId';

/** Keys by role, most specific first, compared without case, `_` or `-`. */
const keys: Readonly<Record<Role, readonly string[]>> = {
	code: ['errorcode', 'code', 'error', 'status', 'type'],
	status: ['statuscode', 'httpstatus', 'status', 'code'],
	message: ['message', 'errordescription', 'detail', 'errormessage', 'msg', 'title'],
	requestId: ['requestid', 'xrequestid', 'traceid', 'correlationid'],
};

function normaliseKey(key: string): string {
	return key.toLowerCase().replaceAll(/[-_]/g, '');
}

/** Whether a value can be a code for the key it stands under: an OAuth `error` is a word, a Google `status` shouts. */
function codeValue(key: string, value: string): string | null {
	if (key === 'status') return upperSnakeCase.test(value) ? value : null;
	if (key === 'error') return /^[a-z][\w.-]*$/i.test(value) ? value : null;
	if (key === 'type') {
		// An RFC 9457 problem type names the problem by its fragment, else by its last path segment; AWS's
		// `__type` by what follows `#`; Stripe's `type` is a word.
		if (!/^https?:\/\//.test(value)) return /\s/.test(value) ? null : value.slice(value.lastIndexOf('#') + 1);
		const path = value.includes('#') ? value.slice(value.lastIndexOf('#') + 1) : value;
		const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
		return trimmed.slice(trimmed.lastIndexOf('/') + 1) || null;
	}
	return /^\d+$/.test(value) ? null : value;
}

function statusValue(value: string): number | null {
	if (!/^\d{3}$/.test(value)) return null;
	const status = Number(value);
	return status >= 100 && status <= 599 ? status : null;
}

/**
 * The code, message, status and request id that `key: value` pairs in `text` name, the first found for each key
 * in the order of `keys`; null when none of them is there.
 */
export function scanKeys(text: string): ErrorReading | null {
	const found = new Map<string, string>();
	for (const match of text.matchAll(keyValue)) {
		const key = normaliseKey(match[1]!);
		const value = match[2] ?? match[3] ?? match[4] ?? '';
		if (value.trim() !== '' && !found.has(key)) found.set(key, value);
	}
	const pick = <T>(role: Role, read: (key: string, value: string) => T | null): T | null => {
		for (const key of keys[role]) {
			const value = found.get(key);
			const result = value === undefined ? null : read(key, value);
			if (result !== null) return result;
		}
		return null;
	};
	const code = pick('code', codeValue);
	const status = pick('status', (_key, value) => statusValue(value));
	const message = pick('message', (_key, value) => value);
	const requestId = pick('requestId', (_key, value) => value);
	if (code === null && status === null && message === null) return null;
	return reading('unknown', {code, status, message, requestId});
}
