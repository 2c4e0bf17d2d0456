import type {Line, Tone} from './layout.js';
import {headerLines, sectionLines, sectionTitles} from './layout.js';
import type {ShownReport} from './shown.js';
import {createStyle} from './style.js';
import type {Style} from './style.js';

/** How the CLI wants the text report: `color` from the one colour decision; `width` in columns. */
export type TextOptions = {readonly color: boolean; readonly width: number};

const minimumWidth = 20;

function paint(style: Style, tone: Tone | undefined): (text: string) => string {
	if (tone === undefined) return (text) => text;
	return tone === 'selected' ? style.bold : style[tone];
}

/** Lines of toned segments as terminal text: the layout already escaped and wrapped them. */
function paintLines(lines: readonly Line[], style: Style): string[] {
	return lines.map((line) => line.map((segment) => paint(style, segment.tone)(segment.text)).join(''));
}

/** A static report leaves out a section with nothing in it; the interactive view says so instead. */
function isEmpty(shown: ShownReport, section: keyof typeof sectionTitles): boolean {
	if (section === 'checklist') return shown.checks.length === 0;
	if (section === 'tokens') return shown.jwts.length === 0;
	return section === 'request' && shown.request === null && shown.response === null;
}

/** The diagnosis as a terminal reads it: the header, then every section of the report but the raw input. */
export function renderText(shown: ShownReport, options: TextOptions): string {
	const width = Number.isFinite(options.width) ? Math.max(minimumWidth, Math.floor(options.width)) : 80;
	const style = createStyle(options.color);
	const lines = paintLines(headerLines(shown, width), style);
	for (const [section, title] of Object.entries(sectionTitles) as Array<[keyof typeof sectionTitles, string]>) {
		if (isEmpty(shown, section)) continue;
		lines.push('', style.bold(`── ${title} `.padEnd(Math.min(width, 40), '─')), '');
		lines.push(...paintLines(sectionLines(shown, section, width).lines, style));
	}

	return `${lines.join('\n')}\n`;
}
