/** Colour for the text renderer: SGR sequences when enabled, the text untouched otherwise. */
export type Style = {
	readonly bold: (text: string) => string;
	readonly dim: (text: string) => string;
	readonly red: (text: string) => string;
	readonly green: (text: string) => string;
	readonly yellow: (text: string) => string;
	readonly cyan: (text: string) => string;
};

// Each attribute closes with its own reset, not a full reset, so styles nest.
function sgr(open: number, close: number): (text: string) => string {
	return (text) => (text === '' ? text : `\u001B[${open}m${text}\u001B[${close}m`);
}

const plain = (text: string): string => text;

const colored: Style = {
	bold: sgr(1, 22),
	dim: sgr(2, 22),
	red: sgr(31, 39),
	green: sgr(32, 39),
	yellow: sgr(33, 39),
	cyan: sgr(36, 39),
};

const uncolored: Style = {bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain};

export function createStyle(color: boolean): Style {
	return color ? colored : uncolored;
}
