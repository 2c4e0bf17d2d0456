import {redactCredential} from './credentials.js';
import {isSensitiveHeaderName, normaliseKey} from './names.js';
import {REDACTED} from './rules.js';
import {redactText} from './text.js';
import type {Header} from '../types.js';

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
