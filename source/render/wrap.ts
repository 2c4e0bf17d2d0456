const sgrPattern = /\u001B\[[\d;]*m/g;
const sgrToken = /^\u001B\[[\d;]*m$/;

// Terminals give East Asian wide characters and most emoji two columns, combining marks none.
const zeroWidth: ReadonlyArray<readonly [number, number]> = [
	[0x0300, 0x036f],
	[0x1ab0, 0x1aff],
	[0x1dc0, 0x1dff],
	[0x200b, 0x200f],
	[0x20d0, 0x20ff],
	[0xfe00, 0xfe0f],
	[0xfe20, 0xfe2f],
];

const doubleWidth: ReadonlyArray<readonly [number, number]> = [
	[0x1100, 0x115f],
	[0x2e80, 0x303e],
	[0x3041, 0x33ff],
	[0x3400, 0x4dbf],
	[0x4e00, 0x9fff],
	[0xa000, 0xa4cf],
	[0xac00, 0xd7a3],
	[0xf900, 0xfaff],
	[0xfe30, 0xfe4f],
	[0xff00, 0xff60],
	[0xffe0, 0xffe6],
	[0x1f300, 0x1f64f],
	[0x1f900, 0x1f9ff],
	[0x20000, 0x3fffd],
];

const inRanges = (ranges: ReadonlyArray<readonly [number, number]>, codePoint: number): boolean =>
	ranges.some(([low, high]) => codePoint >= low && codePoint <= high);

function charWidth(character: string): number {
	const codePoint = character.codePointAt(0) ?? 0;
	if (codePoint < 0x0300) {
		return 1;
	}

	if (inRanges(zeroWidth, codePoint)) {
		return 0;
	}

	return inRanges(doubleWidth, codePoint) ? 2 : 1;
}

/** Columns a string takes in a terminal, ignoring SGR colour sequences. */
export function visibleWidth(text: string): number {
	let width = 0;
	for (const character of text.replaceAll(sgrPattern, '')) {
		width += charWidth(character);
	}

	return width;
}

/**
 * Word-wraps `text` to `width` columns. The first line starts with `first`, every other line with `rest`
 * (hanging indents for bullets). Newlines in the text start new lines; a word longer than a line is broken
 * between characters (after filling the current line), so no line is ever wider than `width` unless a prefix alone is. Colour sequences take no
 * columns and are never split.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
	const lines: string[] = [];
	let line = first;
	let lineWidth = visibleWidth(first);
	let hasContent = false;
	let space = '';
	let opening = '';
	const restWidth = visibleWidth(rest);

	const newLine = (): void => {
		lines.push(line.trimEnd());
		line = rest;
		lineWidth = restWidth;
		hasContent = false;
	};

	const append = (piece: string, pieceWidth: number): void => {
		line += piece;
		lineWidth += pieceWidth;
		hasContent = true;
	};

	for (const [index, paragraph] of text.split('\n').entries()) {
		if (index > 0) {
			newLine();
		}

		for (const token of paragraph.match(/\u001B\[[\d;]*m| +|[^ \u001B]+|\u001B/g) ?? []) {
			if (sgrToken.test(token)) {
				// After a space it opens a style for the next word: it follows that word onto a new line if it moves.
				if (space === '') {
					line += token;
				} else {
					opening += token;
				}

				continue;
			}

			if (token.startsWith(' ')) {
				space = hasContent ? token : '';
				continue;
			}

			const tokenWidth = visibleWidth(token);
			const gap = hasContent ? space : '';
			const opened = opening;
			const styled = opened + token;
			space = '';
			opening = '';
			if (lineWidth + gap.length + tokenWidth <= width) {
				append(gap + styled, gap.length + tokenWidth);
				continue;
			}

			if (hasContent && restWidth + tokenWidth <= width) {
				newLine();
				append(styled, tokenWidth);
				continue;
			}

			// Too long for any line: fill this one first rather than leave it short. When not even its first character
			// fits after the gap, it starts the next line: a gap left before a style opening would escape trimEnd.
			// charWidth reads the first code point: the token's first character.
			if (hasContent && lineWidth + gap.length + charWidth(token) > width) {
				newLine();
			} else {
				line += gap;
				lineWidth += gap.length;
			}

			line += opened;
			for (const character of token) {
				const columns = charWidth(character);
				if (hasContent && lineWidth + columns > width) {
					newLine();
				}

				append(character, columns);
			}
		}
	}

	lines.push((line + opening).trimEnd());
	return lines;
}
