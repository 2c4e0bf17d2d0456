/*
What every shell's lexer shares: the reading position, how a command ends, expansions and redirections as written,
and the word loop of the shells with operators (bash and PowerShell).
*/
export const crossedLine = Symbol('crossed-line');
/** A word, null when the command has ended, or `crossedLine` when a probe met a quote spanning lines. */
export type Word = string | null | typeof crossedLine;

/** A redirection of standard input as written: `<<EOF` (its lines follow the command), `<<< text`, `< file`. */
export type Stdin =
	| {readonly kind: 'heredoc'; readonly delimiter: string; readonly stripTabs: boolean}
	| {readonly kind: 'string'; readonly text: string}
	| {readonly kind: 'file'; readonly name: string};

export type Stop = {readonly at: number; readonly after: number; readonly control: boolean};

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isNameStart = (c: string | undefined): boolean =>
	c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
export const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);
export const isHex = (c: string | undefined): boolean =>
	c !== undefined && (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

/** A Markdown code fence closes the snippet even when the last command line ends with a continuation. */
export function fenceAt(text: string, at: number): boolean {
	let p = at;
	while (text[p] === ' ' || text[p] === '\t') p++;
	return text.startsWith('```', p) || text.startsWith('~~~', p);
}

export abstract class Lexer {
	pos: number;
	stop: Stop;
	/** Set while reading what follows a pipe or separator: it is reported whole, not analysed. */
	silent = false;
	readonly shellSyntax: string[] = [];
	readonly unexpanded: string[] = [];
	/** The last redirection of standard input on the command itself (not after a pipe). */
	stdin: Stdin | null = null;
	protected readonly text: string;
	protected out = '';
	protected crossed = false;

	constructor(text: string, start: number) {
		this.text = text;
		this.pos = start;
		this.stop = {at: start, after: start, control: false};
	}

	abstract word(probe: boolean): Word;

	/** Where the command after the control operator that ended this one starts. */
	afterControl(stop: Stop): number {
		let p = stop.after;
		while (this.text[p] === ' ' || this.text[p] === '\t' || this.text[p] === '\r') p++;
		return p;
	}

	restart(at: number): void {
		this.pos = at;
	}

	rejectResume(start: number): number {
		return start;
	}

	protected ended(at: number, after: number, control: boolean): null {
		this.stop = {at, after, control};
		return null;
	}

	protected expansion(from: number, to: number): void {
		const raw = this.text.slice(from, to);
		this.out += raw;
		if (!this.silent) this.unexpanded.push(raw);
		this.pos = to;
	}

	/** Copies the current character and every following one up to (not including) any of `stops`. */
	protected readRun(stops: string): void {
		const {text} = this;
		let p = this.pos + 1;
		while (p < text.length && !stops.includes(text[p]!)) p++;
		this.out += text.slice(this.pos, p);
		this.pos = p;
	}

	/**
	 * Skips the file a redirection names (`> out.json`) without recording its expansions, then records the whole
	 * redirection; `stops` are the characters that end the command before any target.
	 */
	protected redirectionTarget(start: number, stops: string, readTarget: () => void): void {
		while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
		const c = this.text[this.pos];
		if (c !== undefined && !stops.includes(c)) {
			const silent = this.silent;
			this.silent = true;
			readTarget();
			this.silent = silent;
		}

		this.redirection(start);
	}

	protected redirection(from: number): void {
		if (!this.silent) this.shellSyntax.push(this.text.slice(from, this.pos).trim());
	}

	/** Index of `char` from `from`; -1 when absent (the construct takes the rest); -2 when a probe meets a newline. */
	protected find(char: string, from: number, probe: boolean): number {
		if (!probe) return this.text.indexOf(char, from);
		for (let i = from; i < this.text.length; i++) {
			const c = this.text[i];
			if (c === char) return i;
			if (c === '\n') return -2;
		}

		return -1;
	}

	/** The offset just after the `)` closing a `$(` whose body starts at `from`. */
	protected matchParen(from: number, probe: boolean, escape: string): number {
		const {text} = this;
		let depth = 1;
		let i = from;
		while (i < text.length) {
			const c = text[i];
			if (c === escape) {
				i += 2;
				continue;
			}

			if (c === "'" || c === '"') {
				const close = this.find(c, i + 1, probe);
				if (close === -2) {
					this.crossed = true;
					return i;
				}

				i = close === -1 ? text.length : close + 1;
				continue;
			}

			if (c === '\n' && probe) {
				this.crossed = true;
				return i;
			}

			if (c === '(') depth++;
			else if (c === ')' && --depth === 0) return i + 1;
			i++;
		}

		return text.length;
	}

	/** `${…}`: to the closing brace, or the rest of the input. */
	protected braced(probe: boolean): void {
		const close = this.find('}', this.pos + 2, probe);
		if (close === -2) {
			this.crossed = true;
			return;
		}

		this.expansion(this.pos, close === -1 ? this.text.length : close + 1);
	}
}

/**
 * The word loop bash and PowerShell share: blanks and line continuations, `#` comments, control operators that end
 * the command, redirections, then a word. Each shell says what its operators, redirections and words look like.
 */
export abstract class OperatorLexer extends Lexer {
	/** The character that continues a command on the next line: `\` in bash, the backtick in PowerShell. */
	protected abstract readonly continuation: string;

	/** The length of the control operator (`|`, `&&`, `;` …) at `at`, or 0 when there is none. */
	protected abstract controlLength(at: number): number;
	protected abstract redirectionAt(at: number): boolean;
	protected abstract readRedirection(): void;
	/** The characters that end a word where no quote is open. */
	protected abstract readonly wordEnd: string;
	/** Reads the part of a word that starts at `c` (quotes, an expansion, plain characters); false when the word ends
	 *  there instead. */
	protected abstract readPart(c: string, probe: boolean): boolean;

	word(probe: boolean): Word {
		const {text} = this;
		for (;;) {
			this.skipBlanks();
			const at = this.pos;
			const c = text[at];
			if (c === undefined || c === '\n') return this.ended(at, at, false);
			if (c === '#') {
				const newline = text.indexOf('\n', at);
				this.pos = newline === -1 ? text.length : newline;
				return this.ended(at, at, false);
			}

			const control = this.controlLength(at);
			if (control > 0) {
				this.pos = at + control;
				return this.ended(at, at + control, true);
			}

			if (this.redirectionAt(at)) {
				this.readRedirection();
				continue;
			}

			return this.readWord(probe);
		}
	}

	protected readWord(probe: boolean): Word {
		const {text} = this;
		this.out = '';
		this.crossed = false;
		for (;;) {
			const c = text[this.pos];
			if (c === undefined || this.wordEnd.includes(c) || !this.readPart(c, probe)) return this.out;
			if (this.crossed) return crossedLine;
		}
	}

	/** After a line continuation; bash skips a secondary prompt there. */
	protected afterContinuation(): void {}

	/**
	 * Where the line ends after the continuation character at `at`, or -1 when it does not continue the line. Blanks
	 * between it and the line end are a paste accident, not an escaped space.
	 */
	protected continuationEnd(at: number): number {
		let p = at + 1;
		while (this.text[p] === ' ' || this.text[p] === '\t' || this.text[p] === '\r') p++;
		return this.text[p] === '\n' ? p : -1;
	}

	protected skipBlanks(): void {
		const {text} = this;
		for (;;) {
			const c = text[this.pos];
			if (c === ' ' || c === '\t' || c === '\r') {
				this.pos++;
				continue;
			}

			if (c !== this.continuation) return;
			const newline = this.continuationEnd(this.pos);
			if (newline === -1) return;
			if (fenceAt(text, newline + 1)) {
				this.pos = newline;
				return;
			}

			this.pos = newline + 1;
			this.afterContinuation();
		}
	}
}
