import {isDigit, isHex, isNameChar, isNameStart, OperatorLexer, type Stop} from './lexer.js';

const ansiSimple: Readonly<Record<string, string>> = {
	a: '\u0007',
	b: '\b',
	e: '\u001B',
	E: '\u001B',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\\': '\\',
	"'": "'",
	'"': '"',
	'?': '?',
};

export class BashLexer extends OperatorLexer {
	protected readonly continuation = '\\';
	protected readonly wordEnd = ' \t\r\n|&;<>';
	private readonly secondaryPrompt: boolean;

	constructor(text: string, start: number, secondaryPrompt: boolean) {
		super(text, start);
		this.secondaryPrompt = secondaryPrompt;
	}

	protected controlLength(at: number): number {
		const c = this.text[at];
		if (c !== '|' && c !== ';' && (c !== '&' || this.text[at + 1] === '>')) return 0;
		const pair = this.text.slice(at, at + 2);
		return pair === '||' || pair === '&&' || pair === '|&' ? 2 : 1;
	}

	protected redirectionAt(at: number): boolean {
		const c = this.text[at];
		return c === '<' || c === '>' || c === '&' || (isDigit(c) && this.digitsRedirect(at));
	}

	override afterControl(stop: Stop): number {
		const operator = this.text.slice(stop.at, stop.after);
		// After `|`, `||` and `&&` bash reads on over newlines; after `;` and `&` a newline ends the list.
		if (operator === ';' || operator === '&') return super.afterControl(stop);
		this.pos = stop.after;
		for (;;) {
			this.skipBlanks();
			if (this.text[this.pos] !== '\n') return this.pos;
			this.pos++;
		}
	}

	protected override afterContinuation(): void {
		if (!this.secondaryPrompt) return;
		let p = this.pos;
		while (this.text[p] === ' ' || this.text[p] === '\t') p++;
		if (this.text[p] === '>' && (this.text[p + 1] === ' ' || this.text[p + 1] === '\t')) this.pos = p + 2;
	}

	private digitsRedirect(at: number): boolean {
		let p = at;
		while (isDigit(this.text[p])) p++;
		return this.text[p] === '<' || this.text[p] === '>';
	}

	protected readRedirection(): void {
		const {text} = this;
		const start = this.pos;
		let p = start;
		while (isDigit(text[p])) p++;
		if (text[p] === '&') p++;
		if (text[p] === '>') {
			p++;
			if (text[p] === '>' || text[p] === '|' || text[p] === '&') p++;
		} else if (text[p] === '<') {
			p++;
			if (text[p] === '<') {
				p++;
				if (text[p] === '<' || text[p] === '-') p++;
			} else if (text[p] === '&' || text[p] === '>') p++;
		}

		this.pos = p;
		if (text[p - 1] === '&' && (isDigit(text[p]) || text[p] === '-')) {
			// `2>&1`, `>&-`: a descriptor, not a file.
			while (isDigit(text[this.pos]) || text[this.pos] === '-') this.pos++;
			this.redirection(start);
		} else {
			const operator = text.slice(start, p);
			// Input redirected on a command after a pipe is that command's, not curl's.
			const onCurl = !this.silent;
			this.redirectionTarget(start, '\n\r|&;<>', () => {
				const target = this.readWord(false);
				if (typeof target === 'string' && onCurl) this.readStdin(operator, target);
			});
		}
	}

	/** `<`, `<<`, `<<-`, `<<<`, with or without the descriptor 0: what curl's `@-` reads. */
	private readStdin(operator: string, target: string): void {
		const redirect = operator.replace(/^0/, '');
		if (redirect === '<') this.stdin = {kind: 'file', name: target};
		else if (redirect === '<<<') this.stdin = {kind: 'string', text: `${target}\n`};
		else if (redirect === '<<' || redirect === '<<-') {
			this.stdin = {kind: 'heredoc', delimiter: target, stripTabs: redirect === '<<-'};
		}
	}

	protected readPart(c: string, probe: boolean): boolean {
		if (c === '\\') this.readBackslash();
		else if (c === "'") this.readSingle(probe);
		else if (c === '"') this.readDouble(probe);
		else if (c === '$') this.readDollar(probe, false);
		else if (c === '`') this.readBackticks(probe);
		else this.readRun(' \t\r\n|&;<>\\\'"$`');
		return true;
	}

	private readBackslash(): void {
		const {text} = this;
		const next = text[this.pos + 1];
		if (next === undefined) {
			this.pos++;
		} else if (next === '\n' || (next === '\r' && text[this.pos + 2] === '\n')) {
			this.pos += next === '\n' ? 2 : 3;
			this.afterContinuation();
		} else {
			this.out += next;
			this.pos += 2;
		}
	}

	private readSingle(probe: boolean): void {
		const close = this.find("'", this.pos + 1, probe);
		if (close === -2) {
			this.crossed = true;
			return;
		}

		const end = close === -1 ? this.text.length : close;
		this.out += this.text.slice(this.pos + 1, end);
		this.pos = close === -1 ? end : end + 1;
	}

	private readDouble(probe: boolean): void {
		const {text} = this;
		this.pos++;
		for (;;) {
			const c = text[this.pos];
			if (c === undefined) return;
			if (c === '"') {
				this.pos++;
				return;
			}

			if (c === '\\') {
				const next = text[this.pos + 1];
				if (next === '\n') this.pos += 2;
				else if (next === '\r' && text[this.pos + 2] === '\n') this.pos += 3;
				else if (next === '$' || next === '`' || next === '"' || next === '\\') {
					this.out += next;
					this.pos += 2;
				} else {
					this.out += '\\';
					this.pos++;
				}
			} else if (c === '$') {
				this.readDollar(probe, true);
			} else if (c === '`') {
				this.readBackticks(probe);
			} else if (c === '\n' && probe) {
				this.crossed = true;
			} else {
				this.readRun('"\\$`\n');
			}

			if (this.crossed) return;
		}
	}

	private readDollar(probe: boolean, quoted: boolean): void {
		const {text} = this;
		const at = this.pos;
		const next = text[at + 1];
		if (!quoted && next === "'") {
			this.readAnsiC(probe);
		} else if (!quoted && next === '"') {
			// `$"…"` is a translatable string: quoted like "…".
			this.pos++;
			this.readDouble(probe);
		} else if (next === '{') {
			this.braced(probe);
		} else if (next === '(') {
			const end = this.matchParen(at + 2, probe, '\\');
			if (!this.crossed) this.expansion(at, end);
		} else if (isNameStart(next)) {
			let p = at + 2;
			while (isNameChar(text[p])) p++;
			this.expansion(at, p);
		} else if (next !== undefined && '0123456789@*#?$!-'.includes(next)) {
			this.expansion(at, at + 2);
		} else {
			this.out += '$';
			this.pos++;
		}
	}

	private readBackticks(probe: boolean): void {
		const {text} = this;
		let p = this.pos + 1;
		while (p < text.length && text[p] !== '`') {
			if (text[p] === '\n' && probe) {
				this.crossed = true;
				return;
			}

			p += text[p] === '\\' ? 2 : 1;
		}

		this.expansion(this.pos, Math.min(p + 1, text.length));
	}

	/** `$'…'`: the ANSI-C quoting Chrome's "Copy as cURL (bash)" uses for bodies with control characters. */
	private readAnsiC(probe: boolean): void {
		const {text} = this;
		let p = this.pos + 2;
		for (;;) {
			const c = text[p];
			if (c === undefined) break;
			if (c === "'") {
				p++;
				break;
			}

			if (c === '\n' && probe) {
				this.crossed = true;
				return;
			}

			if (c === '\\') {
				p = this.ansiEscape(p);
			} else {
				this.out += c;
				p++;
			}
		}

		this.pos = p;
	}

	private ansiEscape(at: number): number {
		const {text} = this;
		const e = text[at + 1];
		if (e === undefined) {
			this.out += '\\';
			return at + 1;
		}

		const simple = ansiSimple[e];
		if (simple !== undefined) {
			this.out += simple;
			return at + 2;
		}

		if (e >= '0' && e <= '7') {
			let p = at + 1;
			let value = 0;
			while (p < at + 4 && text[p] !== undefined && text[p]! >= '0' && text[p]! <= '7') {
				value = value * 8 + Number(text[p]);
				p++;
			}

			this.out += String.fromCharCode(value & 0xff);
			return p;
		}

		if (e === 'x' || e === 'u' || e === 'U') {
			const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
			let p = at + 2;
			while (p < at + 2 + max && isHex(text[p])) p++;
			const value = Number.parseInt(text.slice(at + 2, p), 16);
			if (p === at + 2 || value > 0x10_ffff) {
				this.out += text.slice(at, p);
			} else {
				this.out += String.fromCodePoint(value);
			}

			return p;
		}

		if (e === 'c' && text[at + 2] !== undefined) {
			this.out += String.fromCharCode(text.charCodeAt(at + 2) & 0x1f);
			return at + 3;
		}

		this.out += '\\' + e;
		return at + 2;
	}
}
