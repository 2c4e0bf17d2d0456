import {toSafeJson} from '../core/escape.js';
import {durationInWords} from '../core/time-words.js';
import type {CheckOutcome, ReferenceTimeSource, StatusSource} from '../core/types.js';

const statusSources: Readonly<Record<StatusSource, string>> = {
	response: '',
	log: ' (from a client error or log line)',
	body: ' (from the error body)',
	catalog: ' (documented for this code)',
};

/** "401 Unauthorized", with where the status came from when it was not the status line. */
export function statusWords(status: number | null, title: string | null, source: StatusSource | null): string {
	if (status === null) {
		return 'no status';
	}

	return `${status}${title ? ` ${title}` : ''}${source ? statusSources[source] : ''}`;
}

export const referenceSources: Readonly<Record<ReferenceTimeSource, string>> = {
	flag: 'from --now',
	'date-header': 'from the response Date header',
	body: 'from the error body timestamp',
	clock: "from this computer's clock",
};

export const checkSymbols: Readonly<Record<CheckOutcome, string>> = {pass: '✔', fail: '✖', warn: '⚠', manual: '?'};

/** A claim value as one line: strings bare, anything else as JSON. A claim can be nested far deeper than
 *  JSON.stringify's recursion allows, so the serialiser that never throws writes it. */
export function claimText(value: unknown): string {
	return typeof value === 'string' ? value : toSafeJson(value);
}

/** "2 h 13 min before the reference time", or null when either time does not parse. */
export function relativeTime(iso: string, referenceIso: string): string | null {
	const delta = Date.parse(iso) - Date.parse(referenceIso);
	if (!Number.isFinite(delta)) {
		return null;
	}

	return delta === 0
		? 'at the reference time'
		: `${durationInWords(delta)} ${delta < 0 ? 'before' : 'after'} the reference time`;
}
