import {escapeForTerminal} from '../core/escape.js';
import {visibleWidth} from '../render/wrap.js';

/** Cuts an escaped line to `width` columns, keeping its start or (for the line being typed) its end. */
function fit(line: string, width: number, keepEnd: boolean): string {
	// Escaping can only lengthen a line, so slicing first keeps a 2 MB line cheap.
	const slice = keepEnd ? line.slice(-width * 2) : line.slice(0, width * 2);
	let text = escapeForTerminal(slice).replaceAll('\t', '    ');
	if (visibleWidth(text) <= width) return text;
	const characters = Array.from(text);
	while (characters.length > 0 && visibleWidth(characters.join('')) > width - 1) {
		if (keepEnd) characters.shift();
		else characters.pop();
	}

	text = characters.join('');
	return keepEnd ? `…${text}` : `${text}…`;
}

/**
 * The last `rows` lines of the paste as the paste screen shows them: escaped, one screen line each, the last one
 * (where typing goes) showing its end. Reads only the tail of the text, so a huge paste costs no more than a small one.
 */
export function draftTail(draft: string, width: number, rows: number): string[] {
	const lines: string[] = [];
	let end = draft.length;
	while (lines.length < rows) {
		const start = draft.lastIndexOf('\n', end - 1) + 1;
		lines.unshift(fit(draft.slice(start, end), width, lines.length === 0));
		if (start === 0) break;
		end = start - 1;
	}

	return lines;
}

/** "3 lines · 1,024 characters". */
export function draftStats(draft: string): string {
	let lines = 1;
	for (let index = draft.indexOf('\n'); index !== -1; index = draft.indexOf('\n', index + 1)) lines++;
	return `${lines.toLocaleString('en')} line${lines === 1 ? '' : 's'} · ${draft.length.toLocaleString('en')} characters`;
}
