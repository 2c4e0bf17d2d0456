import {escapeForTerminal, escapeInline, toSafeJson} from '../core/escape.js';
import {redactHeaders, redactRequest, redactText} from '../core/redact/index.js';
import type {CheckOutcome, Diagnosis} from '../core/types.js';
import {reportJwt} from '../render/report.js';
import {checkSymbols, claimText, orderChecks, referenceSources, relativeTime, statusWords} from '../render/words.js';
import {visibleWidth, wrap} from '../render/wrap.js';
import type {ReportView, SectionId} from './state.js';

/*
The report screen's text, laid out as lines of styled segments for a given width. Pure, so the views only draw what
they are given and tests can read the text without a terminal. Every string from the input or a catalog is escaped
here (Ink passes control sequences through), and values copied from the input are redacted.
*/

export type Tone = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'selected';
export type Segment = {readonly text: string; readonly tone?: Tone};
export type Line = readonly Segment[];

/** A section's lines, and for the checklist where each item starts and ends (for moving the highlight). */
export type SectionLines = {
	readonly lines: readonly Line[];
	readonly items: ReadonlyArray<{readonly check: number; readonly top: number; readonly bottom: number}>;
};

/** Bodies and raw input beyond this are cut: a screen cannot show them usefully and wrapping them costs time. */
export const shownTextLimit = 256 * 1024;

const outcomeTones: Readonly<Record<CheckOutcome, Tone>> = {fail: 'red', warn: 'yellow', pass: 'green', manual: 'cyan'};

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
};

function createBuilder(width: number) {
	const lines: Line[] = [];
	const add = (text: string, options: AddOptions = {}): void => {
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
		for (const item of items) add(prose(item), {first: '  • '});
	};

	return {lines, add, verbatim, blank, heading, bullets};
}

/** The header line(s): provider, format, status, code, request id and reference time. */
export function headerLines(diagnosis: Diagnosis, width: number): Line[] {
	const {provider, reading, evidence} = diagnosis;
	const time = evidence.referenceTime;
	const segments: Segment[] = [
		{text: provider ? escapeInline(provider.name) : 'Unknown provider', tone: 'bold'},
		{text: reading.format},
		{text: statusWords(diagnosis.status, diagnosis.statusSource), tone: statusTone(diagnosis.status)},
		...(reading.code === null ? [] : [{text: `code ${escapeInline(reading.code)}`}]),
		...(reading.requestId === null ? [] : [{text: `request ${escapeInline(reading.requestId)}`}]),
		{text: `at ${escapeInline(time.iso.replace('.000Z', 'Z'))} (${referenceSources[time.source]})`, tone: 'dim'},
	];
	const lines: Segment[][] = [];
	let line: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		// A segment longer than the screen (a hostile code) is cut rather than allowed to push the layout.
		const text = visibleWidth(segment.text) > width ? wrap(segment.text, width)[0]! : segment.text;
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

function summaryLines(diagnosis: Diagnosis, width: number): SectionLines {
	const {explanation, reading, evidence, provider} = diagnosis;
	const b = createBuilder(width);
	b.add(prose(explanation.title), {tone: 'bold'});
	b.add(prose(explanation.summary), {first: '  '});
	if (reading.message !== null) {
		b.blank();
		b.add(prose(redactText(reading.message)), {first: 'Message: ', rest: '  '});
	}

	b.bullets('Likely causes', explanation.causes);
	b.bullets('What to do', explanation.solutions);
	b.bullets(
		'Field errors',
		reading.fieldErrors.map(
			({field, message, code}) => `${field}: ${redactText(message)}${code === null ? '' : ` (${code})`}`,
		),
	);
	if (explanation.docs !== null) {
		b.heading('Docs');
		b.add(prose(explanation.docs), {first: '  '});
	}

	b.bullets('Notes', explanation.notes);
	b.heading('Provider');
	if (provider) {
		b.add(`${escapeInline(provider.name)}, ${provider.confidence} confidence`, {first: '  '});
		for (const reason of provider.reasons) b.add(escapeInline(reason), {first: '  • '});
	} else {
		b.add(`Unknown: no provider signal matched; read as the ${reading.format} format`, {first: '  '});
	}

	b.bullets('About the input', evidence.notes);
	return {lines: b.lines, items: []};
}

function checklistLines(report: ReportView, width: number): SectionLines {
	const b = createBuilder(width);
	const items: Array<{check: number; top: number; bottom: number}> = [];
	const ordered = orderChecks(report.diagnosis.checks);
	if (ordered.length === 0) {
		b.add('No checks apply to this input.');
		return {lines: b.lines, items};
	}

	for (const [position, {check, index}] of ordered.entries()) {
		const top = b.lines.length;
		const pointer = position === report.selected ? '› ' : '  ';
		const box = check.result === 'manual' ? (report.ticked.has(index) ? '[x] ' : '[ ] ') : '';
		const label = check.id === 'checklist' ? '' : `${check.id}: `;
		b.add(`${box}${label}${escapeInline(check.message)}`, {
			first: pointer,
			rest: '    ',
			mark: {text: checkSymbols[check.result], tone: outcomeTones[check.result]},
			...(position === report.selected ? {tone: 'selected' as const} : {}),
		});
		items.push({check: index, top, bottom: b.lines.length});
	}

	b.blank();
	b.add('✔ passed  ✖ failed  ⚠ warning  ? verify by hand: Space ticks it once verified; c copies the ticks.', {
		tone: 'dim',
	});
	return {lines: b.lines, items};
}

function tokenLines(diagnosis: Diagnosis, width: number): SectionLines {
	const b = createBuilder(width);
	const {jwts, referenceTime} = diagnosis.evidence;
	if (jwts.length === 0) {
		b.add('No JWT was found in the input.');
		return {lines: b.lines, items: []};
	}

	for (const jwt of jwts) {
		// Only the decoded, redacted header and claims are shown: never the token itself.
		const shown = reportJwt(jwt);
		b.heading(`Token from ${escapeInline(jwt.source)}`);
		b.add('Header', {first: '  ', tone: 'dim'});
		for (const line of toSafeJson(shown.header, 2).split('\n')) b.add(escapeInline(line), {first: '    '});
		if (shown.payload === null) {
			b.add('The payload did not decode.', {first: '  ', tone: 'yellow'});
		} else {
			b.add('Claims', {first: '  ', tone: 'dim'});
			for (const [name, value] of Object.entries(shown.payload)) {
				b.add(`${escapeInline(name)}: ${escapeInline(claimText(value))}`, {first: '    ', rest: '      '});
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
			b.add(
				`${name} ${escapeInline(iso)}${words ? `, ${words}` : ''}${expired ? (jwt.expired ? ': expired' : ': valid') : ''}`,
				{
					first: '  ',
					rest: '    ',
					...(expired ? {tone: jwt.expired ? ('red' as const) : ('green' as const)} : {}),
				},
			);
		}

		for (const issue of jwt.issues) b.add(escapeInline(issue), {first: '  ', mark: {text: '!', tone: 'yellow'}});
	}

	return {lines: b.lines, items: []};
}

function bodyLines(b: ReturnType<typeof createBuilder>, body: string): void {
	if (body.trim() === '') return;
	const {text, cut} = capped(redactText(body));
	b.blank();
	for (const line of prose(text).split('\n')) b.verbatim(line, '  ');
	if (cut) b.add(`(cut at ${shownTextLimit / 1024} KiB of ${body.length} characters)`, {first: '  ', tone: 'dim'});
}

function exchangeLines(diagnosis: Diagnosis, width: number): SectionLines {
	const b = createBuilder(width);
	const {request: sent, response} = diagnosis.evidence;
	if (!sent && !response) b.add('The input held neither a request nor a response, only a body.');
	if (sent) {
		const request = redactRequest(sent);
		b.heading('Request, as sent (secrets redacted)');
		b.add(`${escapeInline(request.method)} ${escapeInline(request.url)}`, {first: '  ', rest: '    '});
		for (const [name, value] of request.headers) {
			b.add(`${escapeInline(name)}: ${escapeInline(value)}`, {first: '  ', rest: '    '});
		}

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
		b.add(`${escapeInline(response.httpVersion)} ${statusWords(response.status, null)}`, {
			first: '  ',
			tone: statusTone(response.status),
		});
		for (const [name, value] of redactHeaders(response.headers)) {
			b.add(`${escapeInline(name)}: ${escapeInline(value)}`, {first: '  ', rest: '    '});
		}

		bodyLines(b, response.body);
	}

	return {lines: b.lines, items: []};
}

function rawLines(input: string, width: number): SectionLines {
	const b = createBuilder(width);
	const {text, cut} = capped(input);
	b.add('The input as received: control characters shown as ␛ ␍ \\u{…}, secrets redacted.', {tone: 'dim'});
	b.blank();
	for (const line of prose(redactText(text)).split('\n')) b.verbatim(line);
	if (cut) b.add(`(cut at ${shownTextLimit / 1024} KiB of ${input.length} characters)`, {tone: 'dim'});
	return {lines: b.lines, items: []};
}

/** The lines of the report's current section at this width. */
export function sectionLines(report: ReportView, width: number): SectionLines {
	const sections: Readonly<Record<SectionId, () => SectionLines>> = {
		summary: () => summaryLines(report.diagnosis, width),
		checklist: () => checklistLines(report, width),
		tokens: () => tokenLines(report.diagnosis, width),
		request: () => exchangeLines(report.diagnosis, width),
		raw: () => rawLines(report.input, width),
	};
	return sections[report.section]();
}

/** Tab labels, with counts where a count helps decide whether to look. */
export function sectionLabels(diagnosis: Diagnosis, width: number): Readonly<Record<SectionId, string>> {
	const count = (outcome: CheckOutcome): number => diagnosis.checks.filter((check) => check.result === outcome).length;
	const counts = (['fail', 'warn', 'manual'] as const)
		.filter((outcome) => count(outcome) > 0)
		.map((outcome) => `${checkSymbols[outcome]}${count(outcome)}`)
		.join(' ');
	const tokens = diagnosis.evidence.jwts.length;
	const wide = width >= 72;
	return {
		summary: 'Summary',
		checklist: [wide ? 'Checklist' : 'Check', counts].filter(Boolean).join(' '),
		tokens: `${wide ? (tokens === 1 ? 'Token' : 'Tokens') : 'JWT'} ${tokens}`,
		request: wide ? 'Request / Response' : 'Req/Resp',
		raw: wide ? 'Raw input' : 'Raw',
	};
}
