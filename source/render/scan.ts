import type {CensusReport, Histogram} from '../core/scan/groups.js';
import {censusJson} from '../core/scan/groups.js';
import {escapeInline, toSafeJson} from '../core/escape.js';
import type {ShownScan} from './shown.js';
import {createStyle} from './style.js';
import {visibleWidth, wrap} from './wrap.js';

export type CensusTextOptions = {readonly color: boolean; readonly width: number};

const levels = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const markdownSpecial = /[\\`*_[\]<>|&~#]/g;

function number(value: number): string {
	return value.toLocaleString('en-US');
}

/** `2025-03-04 10:15:42` (UTC). */
function shortTime(iso: string | null): string {
	return iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function plural(count: number, word: string): string {
	return `${number(count)} ${word}${count === 1 ? '' : 's'}`;
}

function bucketWords(minutes: number): string {
	if (minutes % 1440 === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
	if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
	return minutes === 1 ? 'minute' : `${minutes} minutes`;
}

/** One bar per bucket, highest = █; an empty bucket is a space so a gap in the errors shows as one. */
export function sparkline(counts: readonly number[]): string {
	const peak = Math.max(1, ...counts);
	return counts.map((count) => (count === 0 ? ' ' : levels[Math.ceil((count / peak) * levels.length) - 1])).join('');
}

function bucketLabel(histogram: Histogram, index: number): string {
	const iso = new Date(Date.parse(histogram.start) + index * histogram.bucketMinutes * 60_000).toISOString();
	return histogram.bucketMinutes >= 1440 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The histogram as three lines: a title, the bars between the first and last bucket's times, and the peak. */
export function histogramLines(histogram: Histogram): string[] {
	const {counts} = histogram;
	const peak = Math.max(...counts);
	const peakIndex = counts.indexOf(peak);
	return [
		`Errors per ${bucketWords(histogram.bucketMinutes)} (UTC)`,
		`  ${bucketLabel(histogram, 0)} │${sparkline(counts)}│ ${bucketLabel(histogram, counts.length - 1)}`,
		`  peak ${number(peak)} at ${bucketLabel(histogram, peakIndex)}`,
	];
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

function headline(report: CensusReport): string {
	const times = report.groups.flatMap((group) => [group.firstSeen, group.lastSeen]).filter((time) => time !== null);
	times.sort();
	const span = times.length > 0 ? ` · ${shortTime(times[0] ?? null)} → ${shortTime(times.at(-1) ?? null)} UTC` : '';
	return `${plural(report.total, 'error')} in ${plural(report.groups.length, 'group')}${span}`;
}

/** The census as a terminal table: one row per group with its top fix and request ids under it, then the histogram. */
export function renderCensusText({report}: ShownScan, options: CensusTextOptions): string {
	const style = createStyle(options.color);
	const rows = report.groups.map((group) => [
		number(group.count),
		escapeInline(group.provider ?? '-'),
		group.status === null ? '-' : String(group.status),
		escapeInline(group.code ?? '-'),
		shortTime(group.firstSeen),
		shortTime(group.lastSeen),
	]);
	const header = ['COUNT', 'PROVIDER', 'STATUS', 'CODE', 'FIRST SEEN', 'LAST SEEN'];
	const widths = header.map((title, column) =>
		Math.min(
			column === 3 ? 32 : 40,
			Math.max(visibleWidth(title), ...rows.map((row) => visibleWidth(row[column] ?? ''))),
		),
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => (column === 0 ? cell.padStart(widths[0] ?? 0) : pad(cell, widths[column] ?? 0)))
			.join('  ')
			.trimEnd();
	const indent = ' '.repeat((widths[0] ?? 0) + 2);
	const out = [style.bold(headline(report)), '', style.dim(line(header))];
	for (const [index, group] of report.groups.entries()) {
		out.push(line(rows[index] ?? []));
		const fix = group.fix === null ? group.title : `${group.title}: ${group.fix}`;
		out.push(...wrap(escapeInline(fix), options.width, indent).map((text) => style.cyan(text)));
		if (group.requestIds.length > 0) {
			out.push(
				...wrap(`request ids: ${group.requestIds.map(escapeInline).join(', ')}`, options.width, indent).map(style.dim),
			);
		}
	}

	if (report.ungrouped > 0) {
		out.push('', `${plural(report.ungrouped, 'more error')} in groups past the first ${number(report.groups.length)}.`);
	}

	if (report.histogram) out.push('', ...histogramLines(report.histogram));
	return out.join('\n');
}

function cell(text: string): string {
	return escapeInline(text).replace(markdownSpecial, '\\$&');
}

/** The census as a Markdown table for a ticket or an incident note. */
export function renderCensusMarkdown({report}: ShownScan): string {
	const out = [
		`## errdoctor scan: ${headline(report)}`,
		'',
		'| count | provider | status | code | first seen (UTC) | last seen (UTC) | request ids | top fix |',
		'| ---: | --- | ---: | --- | --- | --- | --- | --- |',
	];
	for (const group of report.groups) {
		const fix = group.fix === null ? group.title : `${group.title}: ${group.fix}`;
		out.push(
			`| ${[
				number(group.count),
				cell(group.provider ?? '-'),
				group.status === null ? '-' : String(group.status),
				cell(group.code ?? '-'),
				shortTime(group.firstSeen),
				shortTime(group.lastSeen),
				group.requestIds.map(cell).join(', '),
				cell(fix),
			].join(' | ')} |`,
		);
	}

	return out.join('\n');
}

/** With the characters a terminal would act on escaped, like the report's JSON. */
export function renderCensusJson({report}: ShownScan): string {
	return toSafeJson(censusJson(report), 2);
}
