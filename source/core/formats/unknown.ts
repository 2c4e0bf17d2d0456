// Bodies in no known format: still pull out what a person would read first.
import type {ErrorReading} from '../types.js';
import {
	type JsonRecord,
	firstRecord,
	httpStatus,
	own,
	ownList,
	ownRecord,
	ownText,
	reading,
	requestIdIn,
	text,
	timestampIn,
} from './fields.js';

const messageKeys = [
	'message',
	'Message',
	'error',
	'detail',
	'error_description',
	'errorMessage',
	'error_message',
	'msg',
	'title',
] as const;
// `type` names the error in `{"error": {"type": "unauthorized"}}` (Dakota's older docs and others).
const codeKeys = ['code', 'errorCode', 'error_code', 'type'] as const;
const statusKeys = ['status', 'statusCode', 'status_code'] as const;

/** `"code": 401` beside a message is the HTTP status again, not a code of the API's own. */
const isHttpStatus = (value: number): boolean => value >= 100 && value <= 599;

function firstOf(sources: ReadonlyArray<JsonRecord | null>, keys: readonly string[], numbers = false): string | null {
	for (const source of sources) {
		if (!source) continue;
		for (const key of keys) {
			const value = ownText(source, key);
			if (value !== null) return value;
			// A numbered code (Twilio's `"code": 20003`) is a code too; a status number is not asked for here.
			const number = numbers ? own(source, key) : undefined;
			if (typeof number === 'number' && Number.isSafeInteger(number) && !isHttpStatus(number)) return String(number);
		}
	}

	return null;
}

export function readUnknownObject(body: JsonRecord): ErrorReading {
	const error = ownRecord(body, 'error');
	const errors = ownList(body, 'errors');
	const firstError = firstRecord(errors);
	const sources = [body, error, firstError];
	let status: number | null = null;
	for (const source of [body, error]) {
		for (const key of statusKeys) status ??= source ? httpStatus(own(source, key)) : null;
	}

	return reading('unknown', {
		status,
		code: firstOf(sources, codeKeys, true),
		message: firstOf(sources, messageKeys) ?? text(errors?.[0]),
		requestId: requestIdIn(body, error),
		timestamp: timestampIn(body, error),
	});
}

const maxTextMessage = 500;

function decodeBasicEntities(value: string): string {
	return value.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** A proxy's HTML error page says what happened in its `<title>`; a short plain-text body is the message. */
export function readUnknownText(body: string): ErrorReading {
	const title = /<title[^<>]*>([^<]*)<\/title>/i.exec(body)?.[1];
	if (title !== undefined) return reading('unknown', {message: text(decodeBasicEntities(title).trim())});
	const trimmed = body.trim();
	if (trimmed === '' || trimmed.includes('\0') || /^<[!?a-z]/i.test(trimmed)) return reading('unknown', {});
	const firstLine = trimmed.slice(0, trimmed.indexOf('\n') === -1 ? undefined : trimmed.indexOf('\n')).trim();
	return reading('unknown', {message: firstLine.length <= maxTextMessage ? firstLine : null});
}
