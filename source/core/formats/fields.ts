import type {ErrorReading, FieldError, FormatId} from '../types.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

/** Reads one format from an object body; null when the body is not in that format. */
export type FormatReader = (body: JsonRecord) => ErrorReading | null;

/** Lists in a body can hold millions of items; a report needs the first few. */
export const maxItems = 100;

/** Values copied into `extra` are cut at this depth, so renderers never walk a hostile nesting. */
const maxExtraDepth = 6;
const maxExtraNodes = 1000;

export const upperSnakeCase = /^[A-Z][\dA-Z]*(?:_[\dA-Z]+)*$/;

export function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: `constructor` or `toString` must not be read off the prototype. */
export function own(record: JsonRecord, key: string): unknown {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A string with something in it, else null. */
export function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function ownText(record: JsonRecord, key: string): string | null {
	return text(own(record, key));
}

export function ownRecord(record: JsonRecord, key: string): JsonRecord | null {
	const value = own(record, key);
	return isRecord(value) ? value : null;
}

export function ownList(record: JsonRecord, key: string): readonly unknown[] | null {
	const value = own(record, key);
	return Array.isArray(value) ? value : null;
}

export function firstRecord(list: readonly unknown[] | null): JsonRecord | null {
	const first = list?.[0];
	return isRecord(first) ? first : null;
}

/** The first `maxItems` records of a list. */
export function records(list: readonly unknown[] | null): JsonRecord[] {
	const found: JsonRecord[] = [];
	if (!list) return found;
	const end = Math.min(list.length, maxItems);
	for (let index = 0; index < end; index++) {
		const item = list[index];
		if (isRecord(item)) found.push(item);
	}

	return found;
}

/** An HTTP status written as a number or a numeric string. */
export function httpStatus(value: unknown): number | null {
	let status = Number.NaN;
	if (typeof value === 'number') status = value;
	else if (typeof value === 'string' && /^\s*\d{3}\s*$/.test(value)) status = Number(value);
	return Number.isInteger(status) && status >= 100 && status <= 599 ? status : null;
}

function isoFromMilliseconds(milliseconds: number): string | null {
	const date = new Date(milliseconds);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO 8601 or HTTP date string, or epoch seconds / milliseconds, as an ISO string. */
export function isoTime(value: unknown): string | null {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) return null;
		// Seconds until the year 5138, milliseconds after: no real timestamp is ambiguous.
		return isoFromMilliseconds(value < 1e11 ? value * 1000 : value);
	}

	if (typeof value !== 'string' || value.length > 64) return null;
	const trimmed = value.trim();
	if (/^\d{10}(?:\d{3})?$/.test(trimmed)) return isoTime(Number(trimmed));
	if (!/\d{4}/.test(trimmed)) return null;
	// A zone-less ISO time would be read in the machine's zone; servers mean UTC.
	const zoneless = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(trimmed);
	const normalised = zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : trimmed;
	return isoFromMilliseconds(Date.parse(normalised));
}

const requestIdKeys = [
	'requestId',
	'request_id',
	'requestID',
	'traceId',
	'trace_id',
	'correlationId',
	'correlation_id',
] as const;

/** The first request, trace or correlation id in the given objects, in order. */
export function requestIdIn(...sources: ReadonlyArray<JsonRecord | null>): string | null {
	for (const source of sources) {
		if (!source) continue;
		for (const key of requestIdKeys) {
			const value = own(source, key);
			if (text(value)) return value as string;
			if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		}
	}

	return null;
}

/** The first `timestamp`, `time` or `date` in the given objects that reads as a time. */
export function timestampIn(...sources: ReadonlyArray<JsonRecord | null>): string | null {
	for (const source of sources) {
		if (!source) continue;
		for (const key of ['timestamp', 'time', 'date']) {
			const iso = isoTime(own(source, key));
			if (iso) return iso;
		}
	}

	return null;
}

export function fieldError(field: unknown, message: unknown, code: unknown): FieldError | null {
	const name = text(field);
	if (!name) return null;
	return {field: name, message: text(message) ?? '', code: text(code)};
}

export function presentFieldErrors(candidates: ReadonlyArray<FieldError | null>): FieldError[] {
	return candidates.filter((candidate): candidate is FieldError => candidate !== null);
}

/** A copy of an untrusted value, cut in depth and size, safe to render or serialise. */
export function bounded(value: unknown, depth = 0, budget = {nodes: maxExtraNodes}): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	// The node budget also stops shared references (possible from callers, never from JSON) copying exponentially.
	const cut = depth >= maxExtraDepth || budget.nodes <= 0;
	if (Array.isArray(value)) {
		if (cut) return '[…]';
		budget.nodes--;
		return value.slice(0, maxItems).map((item: unknown) => bounded(item, depth + 1, budget));
	}

	if (!isRecord(value)) return null;
	if (cut) return '{…}';
	budget.nodes--;
	const keys = Object.keys(value).slice(0, maxItems);
	return Object.fromEntries(keys.map((key) => [key, bounded(value[key], depth + 1, budget)]));
}

/** `extra` without absent values, each value bounded. */
export function extraOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
	const entries = Object.entries(values).filter(([, value]) => value !== undefined && value !== null);
	return Object.fromEntries(entries.map(([key, value]) => [key, bounded(value)]));
}

type ReadingValues = {
	readonly status?: number | null;
	readonly code?: string | null;
	readonly message?: string | null;
	readonly requestId?: string | null;
	readonly timestamp?: string | null;
	readonly fieldErrors?: readonly FieldError[];
	readonly extra?: Readonly<Record<string, unknown>>;
};

export function reading(format: FormatId, values: ReadingValues): ErrorReading {
	return {
		format,
		status: values.status ?? null,
		code: values.code ?? null,
		message: values.message ?? null,
		requestId: values.requestId ?? null,
		timestamp: values.timestamp ?? null,
		fieldErrors: values.fieldErrors ?? [],
		extra: values.extra ?? {},
	};
}
