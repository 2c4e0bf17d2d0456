import type {CatalogSet} from '../catalog/catalog.js';
import {type ErrorContext, identify, readBody} from '../identify.js';
import type {ErrorReading, ReaderCrash} from '../types.js';

/** What every error of one group shares. */
export type ErrorKind = {
	readonly provider: string | null;
	readonly status: number | null;
	readonly code: string | null;
	/** The explanation's title and first solution, from the catalogs. */
	readonly title: string;
	readonly fix: string | null;
};

/** One group of a census: errors with the same provider, status and code. */
export type CensusGroup = ErrorKind & {
	readonly count: number;
	readonly firstSeen: string | null;
	readonly lastSeen: string | null;
	/** Up to five distinct request ids, in the order seen. */
	readonly requestIds: readonly string[];
	/** The first error of the group as text `diagnose` understands (a line, a `curl -v` capture, a one-entry HAR). */
	readonly example: string;
};

/** Errors per bucket over the span of the timed errors. */
export type Histogram = {
	readonly bucketMinutes: number;
	/** Start of the first bucket. */
	readonly start: string;
	readonly counts: readonly number[];
};

export type CensusReport = {
	readonly total: number;
	/** Largest first. */
	readonly groups: readonly CensusGroup[];
	readonly histogram: Histogram | null;
	/** Errors counted in `total` but in no group: past `MAX_GROUPS` distinct groups. */
	readonly ungrouped: number;
};

/** Distinct groups kept; a log with more is not grouped by anything useful, and memory must stay bounded. */
export const MAX_GROUPS = 10_000;
const MAX_REQUEST_IDS = 5;
/** After this many errors of a group without a new id, its ids stop being collected (one id repeated). */
const REQUEST_ID_TRIES = 50;
/**
 * Ids a part of a log keeps per group, in order and repeats included: each one either adds an id or counts a try,
 * so this many settle the ids of a merged group whatever the parts before had collected.
 */
const MAX_PART_IDS = MAX_REQUEST_IDS + REQUEST_ID_TRIES;
const MAX_EXAMPLE = 64 * 1024;
const MAX_CODE = 200;
/** Histogram widths, smallest first; the smallest that fits `MAX_BARS` bars is chosen. */
const BUCKET_MINUTES = [1, 5, 15, 60, 360, 1440, 10_080] as const;
const MAX_BARS = 60;
/** Distinct buckets kept while counting; past it the counting bucket widens, so memory follows the span, capped. */
const MAX_BUCKETS = 100_000;
const MINUTE = 60_000;

/** Whether a reading is an error: a known format or a status of 400 and above, not a documented non-error. */
function isError(reading: ErrorReading, status: number | null, responseStatus: number | null): boolean {
	if (responseStatus !== null && responseStatus < 400) {
		// A success status carries an error only in formats that report errors that way (GraphQL, Slack).
		return reading.format === 'graphql' || reading.format === 'slack';
	}

	return reading.format !== 'unknown' || (status !== null && status >= 400);
}

/** Kinds kept for sharing; past it the memory is dropped and filled again. */
const MAX_KINDS = 10_000;

/**
 * Identifies error bodies the way `explain` does (one `identify` step) and reduces each to what a census groups by.
 * Identifications that group alike share one `ErrorKind`, so the census compares most errors by identity.
 */
export class Classifier {
	/** The first crash of a reader, for `--debug`; one is enough to show, and a log may repeat it a million times. */
	crash: ReaderCrash | null = null;
	private readonly kinds = new Map<string, ErrorKind | null>();

	constructor(private readonly catalogs: CatalogSet) {}

	/**
	 * `kind` is null when the body is not an error; `reading` is the identified one (a provider's format only when
	 * that provider sent it).
	 */
	classify(body: unknown, bodyText: string, context: ErrorContext): {kind: ErrorKind | null; reading: ErrorReading} {
		const read = readBody(body, context);
		if (read.crash) this.crash ??= read.crash;
		// A body in no known format is an error only with a status that says so: without one, the records of a log
		// (`{"level": "info", "msg": …}`) would reach provider detection, which matches loose messages.
		if (read.format === 'unknown' && !((context.status ?? read.status ?? 0) >= 400)) return {kind: null, reading: read};
		const {reading, provider, entry, status, explanation} = identify({reading: read, bodyText, context}, this.catalogs);
		// Whether it is an error goes by the shape read, before a provider's format is settled to `unknown`.
		const error = !entry?.notAnError && isError(read, status, context.status);
		const code = reading.code === null ? null : reading.code.slice(0, MAX_CODE);
		const title = explanation.title;
		const fix = explanation.solutions[0] ?? null;
		const key = [error, provider?.id, status, code, title, fix].join('\u0000');
		const known = this.kinds.get(key);
		if (known !== undefined) return {kind: known, reading};
		const kind = error ? {provider: provider?.id ?? null, status, code, title, fix} : null;
		if (this.kinds.size >= MAX_KINDS) this.kinds.clear();
		this.kinds.set(key, kind);
		return {kind, reading};
	}
}

type OpenGroup = {
	readonly kind: ErrorKind;
	count: number;
	first: number | null;
	last: number | null;
	requestIds: string[];
	idTries: number;
	readonly example: string;
};

/**
 * What a census of one part of a log hands over to be merged (it survives `postMessage`): its groups in the order
 * they were first seen, each with its ids as they came (up to `MAX_PART_IDS`), and its histogram buckets.
 */
export type CensusPart = {
	readonly total: number;
	readonly ungrouped: number;
	readonly groups: ReadonlyArray<{
		readonly kind: ErrorKind;
		readonly count: number;
		readonly first: number | null;
		readonly last: number | null;
		readonly requestIds: readonly string[];
		readonly example: string;
	}>;
	readonly bucketMinutes: number;
	readonly buckets: ReadonlyArray<readonly [number, number]>;
	readonly earliest: number | null;
	readonly latest: number | null;
	readonly crash: ReaderCrash | null;
};

/**
 * A copy of a string that shares no memory with the text it was cut from: a slice of a read chunk keeps the whole
 * chunk alive, and a census keeps its examples and ids to the end.
 */
export function detached(text: string): string {
	return JSON.parse(JSON.stringify(text)) as string;
}

function groupKey(kind: ErrorKind): string {
	return `${kind.provider ?? ''}\u0000${kind.status ?? ''}\u0000${kind.code ?? ''}`;
}

function iso(time: number | null): string | null {
	return time === null ? null : new Date(time).toISOString();
}

const earlier = (a: number | null, b: number | null): number | null => (a === null || (b !== null && b < a) ? b : a);
const later = (a: number | null, b: number | null): number | null => (a === null || (b !== null && b > a) ? b : a);

/**
 * Counts errors into groups as they stream by; memory is bounded by the number of groups, not of errors. A census
 * of a part of a log (`part: true`) keeps its ids as they come instead, for `merged`.
 */
export class Census {
	/**
	 * One census of parts of a log censused side by side, in the order of the parts: the census of the whole log, or
	 * null when a part or the whole has more groups than `MAX_GROUPS`, where which errors stay ungrouped depends on
	 * the order of every error.
	 */
	static merged(parts: readonly CensusPart[]): Census | null {
		const keys = new Set<string>();
		for (const part of parts) {
			if (part.ungrouped > 0) return null;
			for (const group of part.groups) keys.add(groupKey(group.kind));
		}

		if (keys.size > MAX_GROUPS) return null;
		const census = new Census();
		for (const part of parts) census.mergePart(part);
		return census;
	}

	total = 0;
	/** The first crash of a format reader while counting, for `--debug`. */
	crash: ReaderCrash | null = null;
	private ungrouped = 0;
	private readonly groups = new Map<string, OpenGroup>();
	/** Kinds are shared by every error read from the same text, so most lookups skip building the key. */
	private readonly byKind = new Map<ErrorKind, OpenGroup>();
	private readonly buckets = new Map<number, number>();
	private bucketMinutes = 1;
	private earliest: number | null = null;
	private latest: number | null = null;

	constructor(private readonly options: {readonly part?: boolean} = {}) {}

	/** Counts one error. `example` is called only for the first error of a group. */
	add(kind: ErrorKind, time: number | null, requestId: string | null, example: () => string): void {
		this.total++;
		const group = this.groupOf(kind, example);
		if (!group) {
			this.ungrouped++;
			return;
		}

		group.count++;
		if (requestId !== null) {
			if (!this.options.part) this.addRequestId(group, requestId);
			else if (group.requestIds.length < MAX_PART_IDS) group.requestIds.push(detached(requestId));
		}

		if (time === null || !Number.isFinite(time)) return;
		if (group.first === null || time < group.first) group.first = time;
		if (group.last === null || time > group.last) group.last = time;
		if (this.earliest === null || time < this.earliest) this.earliest = time;
		if (this.latest === null || time > this.latest) this.latest = time;
		this.addToBucket(Math.floor(time / (this.bucketMinutes * MINUTE)), 1);
	}

	/** Whether an error of this kind would add its request id: lets a reader skip looking for one. */
	wantsRequestId(kind: ErrorKind): boolean {
		const group = this.byKind.get(kind);
		if (!group) return true;
		if (this.options.part) return group.requestIds.length < MAX_PART_IDS;
		return group.requestIds.length < MAX_REQUEST_IDS && group.idTries < REQUEST_ID_TRIES;
	}

	/** This census as a part of a log, for `Census.merged`. */
	part(): CensusPart {
		return {
			total: this.total,
			ungrouped: this.ungrouped,
			groups: [...this.groups.values()].map(({kind, count, first, last, requestIds, example}) => ({
				kind,
				count,
				first,
				last,
				requestIds,
				example,
			})),
			bucketMinutes: this.bucketMinutes,
			buckets: [...this.buckets],
			earliest: this.earliest,
			latest: this.latest,
			crash: this.crash,
		};
	}

	report(): CensusReport {
		const groups = [...this.groups.values()]
			.sort((a, b) => b.count - a.count || (a.first ?? Infinity) - (b.first ?? Infinity))
			.map((group): CensusGroup => ({
				...group.kind,
				count: group.count,
				firstSeen: iso(group.first),
				lastSeen: iso(group.last),
				requestIds: group.requestIds,
				example: group.example,
			}));
		return {total: this.total, groups, histogram: this.histogram(), ungrouped: this.ungrouped};
	}

	/** Adds the next part of the log; the census must not know of more than `MAX_GROUPS` groups after it. */
	private mergePart(part: CensusPart): void {
		this.total += part.total;
		this.crash ??= part.crash;
		for (const item of part.groups) {
			const group = this.groupOf(item.kind, () => item.example);
			if (!group) throw new Error('merged census parts with too many groups');
			group.count += item.count;
			for (const id of item.requestIds) this.addRequestId(group, id);
			group.first = earlier(group.first, item.first);
			group.last = later(group.last, item.last);
		}

		this.earliest = earlier(this.earliest, part.earliest);
		this.latest = later(this.latest, part.latest);
		// Widths nest (each divides the next), so buckets of either width are counted again in the wider one exactly.
		while (this.bucketMinutes < part.bucketMinutes) this.widenBuckets();
		for (const [bucket, count] of part.buckets) {
			this.addToBucket(Math.floor((bucket * part.bucketMinutes) / this.bucketMinutes), count);
		}
	}

	private addRequestId(group: OpenGroup, requestId: string): void {
		if (group.requestIds.length >= MAX_REQUEST_IDS || group.idTries >= REQUEST_ID_TRIES) return;
		if (group.requestIds.includes(requestId)) group.idTries++;
		else group.requestIds.push(detached(requestId));
	}

	/**
	 * Widening until the buckets fit makes the width depend only on the times counted, not on their order: a census
	 * merged from parts ends with the width of one census of the whole.
	 */
	private addToBucket(bucket: number, count: number): void {
		this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + count);
		while (this.buckets.size > MAX_BUCKETS) this.widenBuckets();
	}

	private groupOf(kind: ErrorKind, example: () => string): OpenGroup | null {
		const known = this.byKind.get(kind);
		if (known) return known;
		const key = groupKey(kind);
		let group = this.groups.get(key);
		if (!group) {
			if (this.groups.size >= MAX_GROUPS) return null;
			group = {
				kind,
				count: 0,
				first: null,
				last: null,
				requestIds: [],
				idTries: 0,
				example: detached(example().slice(0, MAX_EXAMPLE)),
			};
			this.groups.set(key, group);
		}

		if (this.byKind.size >= MAX_GROUPS * 4) this.byKind.clear();
		this.byKind.set(kind, group);
		return group;
	}

	private widenBuckets(): void {
		const wider = BUCKET_MINUTES.find((minutes) => minutes > this.bucketMinutes) ?? this.bucketMinutes * 2;
		const counts = [...this.buckets];
		this.buckets.clear();
		for (const [bucket, count] of counts) {
			const merged = Math.floor((bucket * this.bucketMinutes) / wider);
			this.buckets.set(merged, (this.buckets.get(merged) ?? 0) + count);
		}

		this.bucketMinutes = wider;
	}

	private histogram(): Histogram | null {
		if (this.earliest === null || this.latest === null) return null;
		const spanMinutes = (this.latest - this.earliest) / MINUTE;
		const width =
			BUCKET_MINUTES.find((minutes) => minutes >= this.bucketMinutes && spanMinutes / minutes < MAX_BARS) ??
			Math.max(this.bucketMinutes, Math.ceil(spanMinutes / (MAX_BARS - 1)));
		const first = Math.floor(this.earliest / (width * MINUTE));
		const counts = Array.from<number>({length: Math.floor(this.latest / (width * MINUTE)) - first + 1}).fill(0);
		for (const [bucket, count] of this.buckets) {
			const index = Math.floor((bucket * this.bucketMinutes) / width) - first;
			counts[index] = (counts[index] ?? 0) + count;
		}

		return {bucketMinutes: width, start: new Date(first * width * MINUTE).toISOString(), counts};
	}
}

/** The `--json` shape: `{total, groups: [{provider, status, code, count, firstSeen, lastSeen, requestIds}]}`. */
export function censusJson(report: CensusReport): unknown {
	return {
		total: report.total,
		groups: report.groups.map((group) => ({
			provider: group.provider,
			status: group.status,
			code: group.code,
			count: group.count,
			firstSeen: group.firstSeen,
			lastSeen: group.lastSeen,
			requestIds: group.requestIds,
		})),
	};
}
