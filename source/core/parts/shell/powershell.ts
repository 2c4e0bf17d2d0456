import {isDigit, isHex, isNameChar, isNameStart, OperatorLexer} from './lexer.js';

const powershellEscapes: Readonly<Record<string, string>> = {
	'0': '\0',
	a: '\u0007',
	b: '\b',
	e: '\u001B',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
};

export class PowerShellLexer extends OperatorLexer {
	protected readonly continuation = '`';
	protected readonly wordEnd = ' \t\r\n|&;>';

	/** An interactive PowerShell shows `>> ` before each continuation line: the prompt is the terminal's, not the command's. */
	protected override afterContinuation(): void {
		let p = this.pos;
		while (this.text[p] === ' ' || this.text[p] === '\t') p++;
		if (this.text.startsWith('>> ', p) || this.text.startsWith('>>\t', p)) this.pos = p + 3;
	}

	protected controlLength(at: number): number {
		const c = this.text[at];
		if (c !== '|' && c !== ';' && c !== '&') return 0;
		const pair = this.text.slice(at, at + 2);
		return pair === '||' || pair === '&&' ? 2 : 1;
	}

	protected redirectionAt(at: number): boolean {
		const c = this.text[at];
		return c === '>' || ((c === '*' || isDigit(c)) && this.text[at + 1] === '>');
	}

	protected readRedirection(): void {
		const {text} = this;
		const start = this.pos;
		let p = start;
		if (text[p] !== '>') p++;
		p++;
		if (text[p] === '>') p++;
		if (text[p] === '&' && isDigit(text[p + 1])) {
			this.pos = p + 2;
			this.redirection(start);
		} else {
			this.pos = p;
			this.redirectionTarget(start, '\n\r|&;>', () => this.readWord(false));
		}
	}

	protected readPart(c: string, probe: boolean): boolean {
		if (c === '`') {
			if (this.continuationEnd(this.pos) !== -1) return false;
			this.readEscape();
		} else if (c === "'") {
			this.readVerbatim(probe);
		} else if (c === '"') {
			this.readExpandable(probe);
		} else if (c === '$') {
			this.readDollar(probe);
		} else {
			this.readRun(' \t\r\n|&;>`\'"$');
		}

		return true;
	}

	private readEscape(): void {
		const {text} = this;
		const e = text[this.pos + 1];
		if (e === undefined) {
			this.pos++;
			return;
		}

		if (e === 'u' && text[this.pos + 2] === '{') {
			let p = this.pos + 3;
			while (p < this.pos + 9 && isHex(text[p])) p++;
			const value = Number.parseInt(text.slice(this.pos + 3, p), 16);
			if (text[p] === '}' && p > this.pos + 3 && value <= 0x10_ffff) {
				this.out += String.fromCodePoint(value);
				this.pos = p + 1;
				return;
			}
		}

		this.out += powershellEscapes[e] ?? e;
		this.pos += 2;
	}

	private readVerbatim(probe: boolean): void {
		const {text} = this;
		let from = this.pos + 1;
		for (;;) {
			const close = this.find("'", from, probe);
			if (close === -2) {
				this.crossed = true;
				return;
			}

			if (close === -1) {
				this.out += text.slice(from);
				this.pos = text.length;
				return;
			}

			this.out += text.slice(from, close);
			if (text[close + 1] !== "'") {
				this.pos = close + 1;
				return;
			}

			this.out += "'";
			from = close + 2;
		}
	}

	private readExpandable(probe: boolean): void {
		const {text} = this;
		this.pos++;
		for (;;) {
			const c = text[this.pos];
			if (c === undefined) return;
			if (c === '"') {
				if (text[this.pos + 1] !== '"') {
					this.pos++;
					return;
				}

				this.out += '"';
				this.pos += 2;
			} else if (c === '`') {
				this.readEscape();
			} else if (c === '$') {
				this.readDollar(probe);
			} else if (c === '\n' && probe) {
				this.crossed = true;
			} else {
				this.readRun('"`$\n');
			}

			if (this.crossed) return;
		}
	}

	private readDollar(probe: boolean): void {
		const {text} = this;
		const at = this.pos;
		const next = text[at + 1];
		if (next === '(') {
			const end = this.matchParen(at + 2, probe, '`');
			if (!this.crossed) this.expansion(at, end);
		} else if (next === '{') {
			this.braced(probe);
		} else if (isNameStart(next)) {
			let p = at + 2;
			while (isNameChar(text[p])) p++;
			// A scope such as `$env:API_KEY`.
			if (text[p] === ':' && isNameStart(text[p + 1])) {
				p += 2;
				while (isNameChar(text[p])) p++;
			}

			this.expansion(at, p);
		} else if (next === '?' || next === '^' || next === '$') {
			this.expansion(at, at + 2);
		} else {
			this.out += '$';
			this.pos++;
		}
	}
}
