import {Buffer} from 'node:buffer';
import type {HarEntry, Header, HttpRequest, HttpResponse} from '../types.js';

// A HAR file may come from anyone: every field is read as unknown, and a wrong type reads as absent.
function field(value: unknown, key: string): unknown {
	if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
	return (value as Record<string, unknown>)[key];
}

function isObject(value: unknown): value is object {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** HAR 1.2 `status`; 0 (what browsers record for a request without a response) when unreadable. */
function status(value: unknown): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 999) return value;
	return typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : 0;
}

function headers(value: unknown): Header[] {
	if (!Array.isArray(value)) return [];
	const result: Header[] = [];
	for (let index = 0; index < value.length; index++) {
		const name: unknown = field(value[index], 'name');
		if (typeof name === 'string' && name !== '') result.push([name, text(field(value[index], 'value'))]);
	}

	return result;
}

/**
 * `content.text` with `encoding: "base64"` decoded as UTF-8. Text that is not valid base64 is returned as it is:
 * some tools set the encoding on plain text, and showing it beats showing nothing.
 */
function decodeBase64(encoded: string): string {
	const compact = encoded.replaceAll(/\s/g, '');
	if (!/^[\w+/-]*={0,2}$/.test(compact)) return encoded;
	const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
	const unpadded = compact.length - padding;
	if (unpadded % 4 === 1 || (padding > 0 && compact.length % 4 !== 0)) return encoded;
	return Buffer.from(compact, 'base64').toString('utf8');
}

function request(value: object): HttpRequest {
	const postText = field(field(value, 'postData'), 'text');
	return {
		method: text(field(value, 'method')),
		url: text(field(value, 'url')),
		headers: headers(field(value, 'headers')),
		body: typeof postText === 'string' ? postText : null,
		unexpanded: [],
	};
}

function response(value: object): HttpResponse {
	const content = field(value, 'content');
	const body = text(field(content, 'text'));
	return {
		status: status(field(value, 'status')),
		statusText: text(field(value, 'statusText')),
		httpVersion: text(field(value, 'httpVersion')),
		headers: headers(field(value, 'headers')),
		body: field(content, 'encoding') === 'base64' ? decodeBase64(body) : body,
	};
}

/** A HAR file's shape: `log.entries` is an array. */
export function isHar(value: unknown): boolean {
	return Array.isArray(field(field(value, 'log'), 'entries'));
}

/**
 * Every entry of a HAR file, in order, reduced to request and response. Entries without a request or response
 * object are skipped; other fields of the wrong type read as empty strings (status 0, body null).
 */
export function harEntries(value: unknown): HarEntry[] {
	const entries = field(field(value, 'log'), 'entries');
	if (!Array.isArray(entries)) return [];
	const result: HarEntry[] = [];
	for (let index = 0; index < entries.length; index++) {
		const entry: unknown = entries[index];
		const entryRequest = field(entry, 'request');
		const entryResponse = field(entry, 'response');
		if (!isObject(entryRequest) || !isObject(entryResponse)) continue;
		const started = field(entry, 'startedDateTime');
		result.push({
			startedDateTime: typeof started === 'string' ? started : null,
			request: request(entryRequest),
			response: response(entryResponse),
		});
	}

	return result;
}
