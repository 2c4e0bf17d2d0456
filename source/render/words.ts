import {toSafeJson} from '../core/escape.js';
import {durationInWords} from '../core/time-words.js';
import type {CheckOutcome, CheckResult, ReferenceTimeSource, StatusSource} from '../core/types.js';

// The renderers have no catalog at hand, and HTTP/2 responses carry no reason phrase at all.
const reasons: Readonly<Record<number, string>> = {
	100: 'Continue',
	101: 'Switching Protocols',
	200: 'OK',
	201: 'Created',
	202: 'Accepted',
	203: 'Non-Authoritative Information',
	204: 'No Content',
	205: 'Reset Content',
	206: 'Partial Content',
	207: 'Multi-Status',
	300: 'Multiple Choices',
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	304: 'Not Modified',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	406: 'Not Acceptable',
	407: 'Proxy Authentication Required',
	408: 'Request Timeout',
	409: 'Conflict',
	410: 'Gone',
	411: 'Length Required',
	412: 'Precondition Failed',
	413: 'Content Too Large',
	414: 'URI Too Long',
	415: 'Unsupported Media Type',
	416: 'Range Not Satisfiable',
	417: 'Expectation Failed',
	421: 'Misdirected Request',
	422: 'Unprocessable Content',
	423: 'Locked',
	424: 'Failed Dependency',
	425: 'Too Early',
	426: 'Upgrade Required',
	428: 'Precondition Required',
	429: 'Too Many Requests',
	431: 'Request Header Fields Too Large',
	451: 'Unavailable For Legal Reasons',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
	505: 'HTTP Version Not Supported',
	507: 'Insufficient Storage',
	511: 'Network Authentication Required',
};

const statusSources: Readonly<Record<StatusSource, string>> = {
	response: '',
	body: ' (from the error body)',
	catalog: ' (documented for this code)',
};

/** "401 Unauthorized", with where the status came from when it was not the status line. */
export function statusWords(status: number | null, source: StatusSource | null): string {
	if (status === null) {
		return 'no status';
	}

	const reason = reasons[status];
	return `${status}${reason ? ` ${reason}` : ''}${source ? statusSources[source] : ''}`;
}

export const referenceSources: Readonly<Record<ReferenceTimeSource, string>> = {
	flag: 'from --now',
	'date-header': 'from the response Date header',
	body: 'from the error body timestamp',
	clock: "from this computer's clock",
};

export const checkSymbols: Readonly<Record<CheckOutcome, string>> = {pass: '✔', fail: '✖', warn: '⚠', manual: '?'};

/** Automatic checks first, then the provider's checklist; `index` stays the position in `checks`. */
export function orderChecks(checks: readonly CheckResult[]): Array<{check: CheckResult; index: number}> {
	const indexed = checks.map((check, index) => ({check, index}));
	return [
		...indexed.filter(({check}) => check.id !== 'checklist'),
		...indexed.filter(({check}) => check.id === 'checklist'),
	];
}

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
