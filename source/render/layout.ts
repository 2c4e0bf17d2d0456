import {escapeForTerminal, escapeInline, toSafeJson} from '../core/escape.js';
import type {SectionId} from '../core/config/config.js';
import type {CheckOutcome} from '../core/types.js';
import type {ShownReport} from './shown.js';
import {showInput} from './shown.js';
import {checkSymbols, claimText, referenceSources, relativeTime, statusWords} from './words.js';
import {visibleWidth, wrap} from './wrap.js';

/*
The report as it is shown: sections of lines made of toned segments, for a given width. The text renderer paints
the tones with SGR sequences, the TUI with Ink. Every string is escaped here, by the builder, so no painter ever
receives a control character from the input; what is shown was redacted before (see shown.ts).
*/

export type Tone = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'selected';
export type Segment = {readonly text: string; readonly tone?: Tone};
export type Line = readonly Segment[];

/** A section's lines, and for the checklist where each item starts and ends (for moving the highlight). */
export type SectionLines = {
	readonly lines: readonly Line[];
	readonly items: ReadonlyArray<{readonly check: number; readonly top: number; readonly bottom: number}>;
};

/** Where the reader is in an interactive report; the static report has no highlight and no ticks. */
export type Focus = {
	/** Position of the highlighted checklist item, in display order; -1 for none. */
	readonly selected: number;
	/** Positions in the diagnosis's checks of manual items the reader has confirmed. */
	readonly ticked: ReadonlySet<number>;
	/** The checklist explains its keys. */
	readonly interactive: boolean;
};

const staticFocus: Focus = {selected: -1, ticked: new Set(), interactive: false};

/** Bodies and raw input beyond this are cut: a screen cannot show them usefully and wrapping them costs time. */
export const shownTextLimit = 256 * 1024;

const outcomeTones: Readonly<Record<CheckOutcome, Tone>> = {fail: 'red', warn: 'yellow', pass: 'green', manual: 'cyan'};

/** Prose keeps its line breaks; tabs become spaces, whose width does not depend on the column. */
const prose = (text: string): string => escapeForTerminal(text).replaceAll('\t', '    ');

function statusTone(status: number | null): Tone {
	if (status === null) return 'dim';
	return status >= 400 ? 'red' : status >= 300 ? 'yellow' : 'green';
}

function capped(text: string): {text: string; cut: boolean} {
	return text.length > shownTextLimit ? {text: text.slice(0, shownTextLimit), cut: true} : {text, cut: false};
}

type AddOptions = {
	/** Text before the first line (its width is kept as the hanging indent unless `rest` is given). */
	readonly first?: string;
	readonly rest?: string;
	readonly tone?: Tone;
	/** A styled mark at the end of `first`, such as a check symbol. */
	readonly mark?: Segment;
	/** One value (a header, a code): its line breaks are shown as `␊`, not followed. */
	readonly inline?: boolean;
};

function createBuilder(width: number) {
	const lines: Line[] = [];
	const add = (raw: string, options: AddOptions = {}): void => {
		const text = options.inline ? escapeInline(raw) : prose(raw);
		const mark = options.mark ? `${options.mark.text} ` : '';
		const first = (options.first ?? '') + mark;
		const rest = options.rest ?? ' '.repeat(visibleWidth(first));
		for (const [index, line] of wrap(text, width, first, rest).entries()) {
			const lead = index === 0 ? first : rest;
			const body = line.slice(lead.length);
			const segments: Segment[] = [];
			if (index === 0 && options.mark) {
				segments.push({text: options.first ?? ''}, {text: options.mark.text, tone: options.mark.tone}, {text: ' '});
			} else {
				segments.push({text: lead});
			}

			segments.push(options.tone ? {text: body, tone: options.tone} : {text: body});
			lines.push(segments.filter((segment) => segment.text !== ''));
		}
	};

	/** A line of a body or of the raw input: wrapped, its own indentation kept on every screen line. */
	const verbatim = (line: string, margin = ''): void => {
		const indent = margin + ' '.repeat(Math.min(line.length - line.trimStart().length, Math.floor(width / 2)));
		add(line.trimStart(), {first: indent, rest: indent});
	};

	const blank = (): void => {
		if (lines.length > 0 && lines.at(-1)!.length > 0) lines.push([]);
	};

	const heading = (title: string): void => {
		blank();
		add(title, {tone: 'bold'});
	};

	const bullets = (title: string, items: readonly string[]): void => {
		if (items.length === 0) return;
		heading(title);
		for (const item of items) add(item, {first: '  • '});
	};

	return {lines, add, verbatim, blank, heading, bullets};
}

type Builder = ReturnType<typeof createBuilder>;

/** "401 Unauthorized", with where the status came from when it was not the status line. */
function reportStatus(report: ShownReport): string {
	return statusWords(report.status, report.statusTitle, report.statusSource);
}

/** The header line(s): provider, format, status, code, request id and reference time. */
export function headerLines(report: ShownReport, width: number): Line[] {
	const time = report.referenceTime;
	const segments: Segment[] = [
		{text: report.provider ? report.provider.name : 'Unknown provider', tone: 'bold'},
		{text: report.format},
		{text: reportStatus(report), tone: statusTone(report.status)},
		...(report.code === null ? [] : [{text: `code ${report.code}`}]),
		...(report.requestId === null ? [] : [{text: `request ${report.requestId}`}]),
		{text: `at ${time.iso.replace('.000Z', 'Z')} (${referenceSources[time.source]})`, tone: 'dim'},
	];
	const lines: Segment[][] = [];
	let line: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		const escaped = escapeInline(segment.text);
		// A segment longer than the screen (a hostile code) is cut rather than allowed to push the layout.
		const text = visibleWidth(escaped) > width ? wrap(escaped, width)[0]! : escaped;
		const size = visibleWidth(text);
		if (line.length > 0 && used + 3 + size <= width) {
			line.push({text: ' · ', tone: 'dim'}, {...segment, text});
			used += 3 + size;
		} else {
			if (line.length > 0) lines.push(line);
			line = [{...segment, text}];
			used = size;
		}
	}

	lines.push(line);
	return lines;
}

function summaryLines(report: ShownReport, b: Builder): void {
	const {explanation, provider} = report;
	b.add(explanation.title, {tone: 'bold'});
	b.add(explanation.summary, {first: '  '});
	if (report.message !== null) {
		b.blank();
		b.add(report.message, {first: 'Message: ', rest: '  '});
	}

	b.bullets('Likely causes', explanation.causes);
	b.bullets('What to do', explanation.solutions);
	b.bullets(
		'Field errors',
		report.fieldErrors.map(({field, message, code}) => `${field}: ${message}${code === null ? '' : ` (${code})`}`),
	);
	if (explanation.docs !== null) {
		b.heading('Docs');
		b.add(explanation.docs, {first: '  ', inline: true});
	}

	b.bullets('Notes', explanation.notes);
	b.heading('Provider');
	if (provider) {
		b.add(`${provider.name}, ${provider.confidence} confidence`, {first: '  ', inline: true});
		for (const reason of provider.reasons) b.add(reason, {first: '  • ', inline: true});
	} else {
		const why =
			report.providerCandidates.length > 0 ? 'the evidence is too weak to name one' : 'no provider signal matched';
		b.add(`Unknown: ${why}; read as the ${report.format} format`, {first: '  '});
		for (const candidate of report.providerCandidates) {
			b.add(`could be ${candidate.id} (${candidate.reasons.join('; ')}): --provider ${candidate.id}`, {
				first: '  • ',
				inline: true,
			});
		}
	}

	b.bullets('About the input', report.inputNotes);
}

function checklistLines(report: ShownReport, b: Builder, focus: Focus): SectionLines['items'] {
	const items: Array<{check: number; top: number; bottom: number}> = [];
	if (report.checks.length === 0) {
		b.add('No checks apply to this input.');
		return items;
	}

	for (const [position, check] of report.checks.entries()) {
		const top = b.lines.length;
		const selected = position === focus.selected;
		const box = check.result === 'manual' ? (focus.ticked.has(check.index) ? '[x] ' : '[ ] ') : '';
		const label = check.id === 'checklist' ? '' : `${check.id}: `;
		b.add(`${box}${label}${check.message}`, {
			first: focus.interactive ? (selected ? '› ' : '  ') : '  ',
			rest: '    ',
			inline: true,
			mark: {text: checkSymbols[check.result], tone: outcomeTones[check.result]},
			...(selected ? {tone: 'selected' as const} : {}),
		});
		items.push({check: check.index, top, bottom: b.lines.length});
	}

	if (focus.interactive) {
		b.blank();
		b.add('✔ passed  ✖ failed  ⚠ warning  ? verify by hand: Space ticks it once verified; c copies the ticks.', {
			tone: 'dim',
		});
	}

	return items;
}

function tokenLines(report: ShownReport, b: Builder): void {
	const {jwts, referenceTime} = report;
	if (jwts.length === 0) {
		b.add('No JWT was found in the input.');
		return;
	}

	for (const jwt of jwts) {
		b.heading(`Token from ${escapeInline(jwt.source)}`);
		b.add('Header', {first: '  ', tone: 'dim'});
		// toSafeJson escapes line breaks inside strings, so every line break here is the JSON's own indentation.
		for (const line of toSafeJson(jwt.header, 2).split('\n')) b.verbatim(line, '    ');
		if (jwt.payload === null) {
			b.add('The payload did not decode.', {first: '  ', tone: 'yellow'});
		} else {
			b.add('Claims', {first: '  ', tone: 'dim'});
			for (const [name, value] of Object.entries(jwt.payload)) {
				b.add(`${name}: ${claimText(value)}`, {first: '    ', rest: '      ', inline: true});
			}
		}

		const times = [
			['expires', jwt.expiresAt],
			['not before', jwt.notBefore],
			['issued', jwt.issuedAt],
		] as const;
		for (const [name, iso] of times) {
			if (iso === null) continue;
			const words = relativeTime(iso, referenceTime.iso);
			const expired = name === 'expires' && jwt.expired !== null;
			b.add(`${name} ${iso}${words ? `, ${words}` : ''}${expired ? (jwt.expired ? ': expired' : ': valid') : ''}`, {
				first: '  ',
				rest: '    ',
				inline: true,
				...(expired ? {tone: jwt.expired ? ('red' as const) : ('green' as const)} : {}),
			});
		}

		for (const issue of jwt.issues) b.add(issue, {first: '  ', mark: {text: '!', tone: 'yellow'}, inline: true});
	}
}

function bodyLines(b: Builder, body: string): void {
	if (body.trim() === '') return;
	const {text, cut} = capped(body);
	b.blank();
	for (const line of prose(text).split('\n')) b.verbatim(line, '  ');
	if (cut) b.add(`(cut at ${shownTextLimit / 1024} KiB of ${body.length} characters)`, {first: '  ', tone: 'dim'});
}

function exchangeLines(report: ShownReport, b: Builder): void {
	const {request, response} = report;
	if (!request && !response) b.add('The input held neither a request nor a response, only a body.');
	if (request) {
		b.heading(report.secretsShown ? 'Request, as sent (secrets shown)' : 'Request, as sent (secrets redacted)');
		b.add(`${request.method} ${request.url}`, {first: '  ', rest: '    ', inline: true});
		for (const [name, value] of request.headers) b.add(`${name}: ${value}`, {first: '  ', rest: '    ', inline: true});
		if (request.unexpanded.length > 0) {
			b.add(`Left unexpanded by the shell: ${request.unexpanded.map((item) => escapeInline(item)).join(', ')}`, {
				first: '  ',
				tone: 'yellow',
			});
		}

		bodyLines(b, request.body ?? '');
	}

	if (response) {
		b.heading('Response');
		const title = response.status === report.status ? report.statusTitle : null;
		b.add(`${response.httpVersion} ${statusWords(response.status, title, null)}`, {
			first: '  ',
			tone: statusTone(response.status),
			inline: true,
		});
		for (const [name, value] of response.headers) b.add(`${name}: ${value}`, {first: '  ', rest: '    ', inline: true});
		bodyLines(b, response.body);
	}
}

function rawLines(input: string, b: Builder): void {
	const {text, cut} = showInput(input, shownTextLimit);
	b.add('The input as received: control characters shown as ␛ ␍ \\u{…}, secrets redacted.', {tone: 'dim'});
	b.blank();
	for (const line of prose(text).split('\n')) b.verbatim(line);
	if (cut) b.add(`(cut at ${shownTextLimit / 1024} KiB of ${input.length} characters)`, {tone: 'dim'});
}

/** The lines of one section of the report at this width; `input` is the text that was diagnosed (for Raw). */
export function sectionLines(
	report: ShownReport,
	section: SectionId,
	width: number,
	options: {readonly focus?: Focus; readonly input?: string} = {},
): SectionLines {
	const b = createBuilder(width);
	let items: SectionLines['items'] = [];
	switch (section) {
		case 'summary': {
			summaryLines(report, b);
			break;
		}

		case 'checklist': {
			items = checklistLines(report, b, options.focus ?? staticFocus);
			break;
		}

		case 'tokens': {
			tokenLines(report, b);
			break;
		}

		case 'request': {
			exchangeLines(report, b);
			break;
		}

		case 'raw': {
			rawLines(options.input ?? '', b);
			break;
		}
	}

	return {lines: b.lines, items};
}

/** Section headings of the static report, which shows every section but Raw one after another. */
export const sectionTitles: Readonly<Record<Exclude<SectionId, 'raw'>, string>> = {
	summary: 'Summary',
	checklist: 'Checks',
	tokens: 'Tokens',
	request: 'Request and response',
};

/** Tab labels, with counts where a count helps decide whether to look. */
export function sectionLabels(report: ShownReport, width: number): Readonly<Record<SectionId, string>> {
	const count = (outcome: CheckOutcome): number => report.checks.filter((check) => check.result === outcome).length;
	const counts = (['fail', 'warn', 'manual'] as const)
		.filter((outcome) => count(outcome) > 0)
		.map((outcome) => `${checkSymbols[outcome]}${count(outcome)}`)
		.join(' ');
	const tokens = report.jwts.length;
	const wide = width >= 72;
	return {
		summary: 'Summary',
		checklist: [wide ? 'Checklist' : 'Check', counts].filter(Boolean).join(' '),
		tokens: `${wide ? (tokens === 1 ? 'Token' : 'Tokens') : 'JWT'} ${tokens}`,
		request: wide ? 'Request / Response' : 'Req/Resp',
		raw: wide ? 'Raw input' : 'Raw',
	};
}
