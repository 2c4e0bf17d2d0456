/** Words bash reads back unchanged without quotes (no globbing, expansion, comment or operator character). */
const plain = /^[\w%+,./:=@-]+$/;

/** Characters that must not appear inside `'…'`: quote, controls, and what our parser takes for cmd or PowerShell. */
const needsAnsiC = /[\u0000-\u001F'\u007F^`]/;

function ansiC(word: string): string {
	let out = "$'";
	for (const char of word) {
		const code = char.codePointAt(0)!;
		if (char === '\\' || char === "'" || char === '"') out += '\\' + char;
		else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
		else out += char;
	}

	return out + "'";
}

/**
 * One argument quoted for bash so that reading it back, by bash or by our own curl parser, gives exactly the same
 * characters: plain when safe, `'…'` when that is enough, else `$'…'` with escapes (no newline ever appears raw).
 */
export function quoteWord(word: string): string {
	if (plain.test(word)) return word;
	return needsAnsiC.test(word) ? ansiC(word) : `'${word}'`;
}

/** An argv (`['curl', '-H', 'a: b', …]`) as one bash command line. */
export function commandLine(words: readonly string[]): string {
	return words.map((word) => quoteWord(word)).join(' ');
}
