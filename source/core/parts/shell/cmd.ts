import {fenceAt, isDigit, isHex, isNameChar, isNameStart, Lexer, type Word} from './lexer.js';

/** A `%NAME%` reference cmd.exe expands; `%C3%` in a percent-encoded URL is two hex digits, not a name. */
function environmentEnd(text: string, at: number): number {
	if (!isNameStart(text[at + 1])) return -1;
	let p = at + 2;
	while (isNameChar(text[p])) p++;
	if (text[p] !== '%') return -1;
	const name = text.slice(at + 1, p);
	return name.length === 2 && isHex(name[0]) && isHex(name[1]) ? -1 : p + 1;
}

/** How the Microsoft C runtime splits a command line into argv (curl.exe receives it this way). */
function splitWindowsArguments(line: string): string[] {
	const words: string[] = [];
	let i = 0;
	for (;;) {
		while (line[i] === ' ' || line[i] === '\t') i++;
		if (i >= line.length) return words;
		let word = '';
		let quoted = false;
		while (i < line.length) {
			const c = line[i]!;
			if (!quoted && (c === ' ' || c === '\t')) break;
			if (c === '\\') {
				let n = 0;
				while (line[i + n] === '\\') n++;
				if (line[i + n] === '"') {
					word += '\\'.repeat(n >> 1);
					if (n % 2 === 1) word += '"';
					i += n + (n % 2);
				} else {
					word += '\\'.repeat(n);
					i += n;
				}
			} else if (c === '"') {
				if (quoted && line[i + 1] === '"') {
					word += '"';
					i += 2;
				} else {
					quoted = !quoted;
					i++;
				}
			} else {
				word += c;
				i++;
			}
		}

		words.push(word);
	}
}

/**
 * cmd.exe first (carets, its own quote state, `%VAR%`, operators), then the C runtime's argv rules. A logical
 * line is read whole: cmd quotes cannot span lines, so a rejected line can be skipped entirely.
 */
export class CmdLexer extends Lexer {
	private words: string[] = [];
	private index = 0;
	private scanned = false;

	word(): Word {
		if (!this.scanned) this.scan();
		if (this.index < this.words.length) return this.words[this.index++]!;
		return null;
	}

	override restart(at: number): void {
		super.restart(at);
		this.scanned = false;
	}

	override rejectResume(): number {
		return this.stop.at;
	}

	private scan(): void {
		const {text} = this;
		let line = '';
		let quoted = false;
		let p = this.pos;
		for (;;) {
			const c = text[p];
			if (c === undefined || c === '\n') {
				this.ended(p, p, false);
				break;
			}

			if (c === '\r' && text[p + 1] === '\n') {
				p++;
				continue;
			}

			if (!quoted && c === '^') {
				const next = text[p + 1];
				const lineEnd = next === '\n' ? p + 2 : next === '\r' && text[p + 2] === '\n' ? p + 3 : -1;
				if (lineEnd === -1) {
					if (next === undefined) {
						this.ended(p + 1, p + 1, false);
						break;
					}

					line += next;
					p += 2;
					continue;
				}

				if (fenceAt(text, lineEnd)) {
					this.ended(lineEnd - 1, lineEnd - 1, false);
					break;
				}

				// The character after a caret continuation is escaped: Chrome writes `^` + two newlines for one newline.
				p = lineEnd;
				if (text[p] === '\r' && text[p + 1] === '\n') p++;
				if (text[p] !== undefined) line += text[p++];
				continue;
			}

			if (c === '"') {
				quoted = !quoted;
			} else if (c === '%') {
				const end = environmentEnd(text, p);
				if (end !== -1) {
					if (!this.silent) this.unexpanded.push(text.slice(p, end));
					line += text.slice(p, end);
					p = end;
					continue;
				}
			} else if (!quoted && (c === '&' || c === '|')) {
				const after = text[p + 1] === c ? p + 2 : p + 1;
				this.ended(p, after, true);
				p = after;
				break;
			} else if (!quoted && (c === '<' || c === '>')) {
				let start = p;
				// `2>nul`: a lone digit before the operator names the stream, it is not an argument.
				if (isDigit(text[p - 1]) && line.endsWith(text[p - 1]!) && /[ \t]$/.test(line.slice(-2, -1))) {
					line = line.slice(0, -1);
					start = p - 1;
				}

				p = this.redirectionEnd(p);
				if (!this.silent) this.shellSyntax.push(text.slice(start, p).trim());
				continue;
			}

			line += c;
			p++;
		}

		this.pos = p;
		this.words = splitWindowsArguments(line);
		this.index = 0;
		this.scanned = true;
	}

	private redirectionEnd(at: number): number {
		const {text} = this;
		let p = at + 1;
		if (text[p] === '>') p++;
		if (text[p] === '&') {
			p++;
			while (isDigit(text[p])) p++;
			return p;
		}

		while (text[p] === ' ' || text[p] === '\t') p++;
		while (p < text.length && !' \t\r\n&|<>'.includes(text[p]!)) {
			if (text[p] === '"') {
				const close = text.indexOf('"', p + 1);
				const newline = text.indexOf('\n', p + 1);
				p = close === -1 || (newline !== -1 && newline < close) ? (newline === -1 ? text.length : newline) : close + 1;
			} else {
				p++;
			}
		}

		return p;
	}
}
