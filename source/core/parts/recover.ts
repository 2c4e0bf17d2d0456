import type {ErrorReading, Part} from '../types.js';
import {normaliseInput, splitParts} from './index.js';
import {scanKeys} from './key-scan.js';
import {repairs} from './lenient-json.js';

/*
Repairs to a whole paste that the JSON reader cannot make from inside one value: they change lines or add what the
copy lost. Applied only when the paste as written gives nothing to diagnose, each at most once, each linear.
*/

export const textRepairs = {
	logPrefixes: 'log prefixes on every line',
	console: 'Chrome console markers (▶, ▼, [[Prototype]])',
	outerBraces: 'missing outer braces',
	xmlTag: 'a lost opening XML tag',
} as const;

const level = String.raw`(?:\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|SEVERE)\]?:?[ \t]+)?`;
const timestamp = String.raw`\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?`;

/**
 * The part of a line that a logger writes before the message and that changes from line to line: a timestamp
 * (with a level; Heroku's `app[web.1]:` and a Kubernetes container log's `stdout F` after it), or kubectl's
 * `--prefix`. What follows and is the same on every line (a logger name) is found by comparing the lines.
 */
const linePrefix = new RegExp(
	String.raw`^(?:${timestamp}[ \t]+(?:(?:app|heroku|router)\[[\w.-]+\]:[ \t]?|(?:stdout|stderr)[ \t][FP][ \t])?${level}|\[pod/[^\]\s]{1,200}\][ \t])`,
);

/** Splits lines keeping nothing but their text; the paste was normalised to LF already. */
function lines(text: string): string[] {
	return text.split('\n');
}

/** The longest prefix every line shares, cut back to its last space so a word is never split. */
function sharedPrefix(rest: readonly string[]): string {
	let shared = rest[0] ?? '';
	for (const line of rest) {
		let length = 0;
		while (length < shared.length && length < line.length && shared[length] === line[length]) length++;
		shared = shared.slice(0, length);
		if (shared === '') return '';
	}
	const cut = Math.max(shared.lastIndexOf(' '), shared.lastIndexOf('\t'));
	return cut < 0 ? '' : shared.slice(0, cut + 1);
}

/** Every line of a log carries the logger's prefix, so a body logged over several lines is cut by them. */
function stripLogPrefixes(text: string): string | null {
	const all = lines(text);
	const written = all.filter((line) => line.trim() !== '');
	if (written.length < 2 || !written.every((line) => linePrefix.test(line))) return null;
	const rest = written.map((line) => line.replace(linePrefix, ''));
	const shared = sharedPrefix(rest);
	return rest.map((line) => line.slice(shared.length)).join('\n');
}

const consoleMarker = /[▶▼►]/g;
const prototypeLine = /^\s*\[\[Prototype\]\]: \w+\s*$/;

/**
 * A Chrome console object copied expanded: markers before members, `[[Prototype]]` lines, and a one-line preview
 * (`{error: {…}}`) above the members, which is dropped when members follow, since they say more.
 */
function cleanConsole(text: string): string | null {
	if (!/[▶▼►]|\[\[Prototype\]\]/.test(text)) return null;
	const kept = lines(text.replace(consoleMarker, ''))
		.filter((line) => !prototypeLine.test(line))
		.map((line) => line.trimEnd());
	const members = kept.slice(1).filter((line) => line.trim() !== '');
	const isPreview = (kept[0]?.includes('…') ?? false) && members.length > 0;
	return (isPreview ? kept.slice(1) : kept).join('\n').trim();
}

/** `"error": {…}` or `error: {…}` pasted alone: the braces around it were not selected. */
function addOuterBraces(text: string): string | null {
	const trimmed = text.trim();
	if (!/^(?:"[\w$-]{1,100}"|'[\w$-]{1,100}'|[A-Z_$][\w$]{0,99})[ \t]*:[ \t]*[[{"'\d\-tfn]/i.test(trimmed)) return null;
	if (!trimmed.includes('\n') && !/^["']/.test(trimmed) && !/:\s*[[{]/.test(trimmed)) return null;
	return `{${trimmed.replace(/,\s*$/, '')}\n}`;
}

/** An AWS XML error whose copy began after `<Error>` (or in the middle of it): `<Code>…</Code>…</Error>`. */
function restoreXmlTag(text: string): string | null {
	const trimmed = text.trim();
	if (/<Error[\s>]/.test(trimmed) || !trimmed.includes('</Error>') || !trimmed.includes('<Code>')) return null;
	return '<Error>' + trimmed.replace(/^[\w:-]*>/, '');
}

const steps: ReadonlyArray<readonly [string, (text: string) => string | null]> = [
	[textRepairs.logPrefixes, stripLogPrefixes],
	[textRepairs.console, cleanConsole],
	[textRepairs.xmlTag, restoreXmlTag],
	[textRepairs.outerBraces, addOuterBraces],
];

/** Said when only the key scan found something: the body's shape was not recovered. */
export const keyScanRepair = 'key scan of a body that would not parse (shape lost)';

/** Whether some part already says what went wrong: a request or response, a token, or a body a reader knows. */
function readable(parts: readonly Part[]): boolean {
	return parts.some((part) => {
		if (part.kind === 'text' || part.kind === 'curl-command' || part.kind === 'jwt') return false;
		return part.kind !== 'error-json' || part.reading.format !== 'unknown' || part.reading.code !== null;
	});
}

/**
 * The parts of a paste, repairing it when it gives nothing to read as written (or read it only by joining lines):
 * the whole-text repairs first, then a key scan. `repairs` names the whole-text repairs that were needed; a body's own repairs stay on its part.
 */
export function splitRecovering(input: string): {readonly parts: Part[]; readonly repairs: readonly string[]} {
	const parts = splitParts(input);
	// A line break inside a string may be a log's own line prefix cutting the body: that is repaired on the lines.
	const cut = parts.some((part) => part.kind === 'error-json' && part.repairs.includes(repairs.lineBreak));
	if (readable(parts) && !cut) return {parts, repairs: []};
	const text = normaliseInput(input);
	// Each repair is kept only with those before it and tried as soon as it applies: a later one (outer braces)
	// would misread what an earlier one already made readable.
	let current = text;
	const applied: string[] = [];
	for (const [repair, step] of steps) {
		const repaired = step(current);
		if (repaired === null || repaired === current) continue;
		current = repaired;
		applied.push(repair);
		const again = splitParts(current);
		if (readable(again)) return {parts: again, repairs: applied};
	}
	if (readable(parts)) return {parts, repairs: []};
	// Only what no other part took is scanned: a curl command's here-document is the request's body, not the error.
	const leftover = parts.length === 0 ? text : (parts.find((part) => part.kind === 'text')?.text ?? '');
	const scanned = scanKeys(leftover);
	const parsed = parts.some((part) => part.kind === 'error-json');
	// A body that parsed keeps its own reading unless the scan finds the code that reading lacks.
	if (!scanned || (parsed && scanned.code === null)) return {parts, repairs: []};
	const rest = parts.filter((part) => part.kind !== 'error-json' && part.kind !== 'text');
	const found: Part = {
		start: 0,
		end: text.length,
		kind: 'error-json',
		body: text,
		reading: scanned,
		lenient: true,
		repairs: [keyScanRepair],
	};
	return {parts: [...rest, found], repairs: []};
}

/**
 * Repairs that left a body without a code or a message leave its shape in doubt (`{error: {…}}` could be any
 * format): such a reading is `unknown` rather than a guess.
 */
export function settleRepaired(reading: ErrorReading, repairs: readonly string[]): ErrorReading {
	if (repairs.length === 0 || reading.code !== null || reading.message !== null) return reading;
	return reading.format === 'unknown' ? reading : {...reading, format: 'unknown'};
}
