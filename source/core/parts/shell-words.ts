/** The shells people copy curl commands from; each splits a command line into words by its own rules. */
export type Shell = 'bash' | 'cmd' | 'powershell';

/** A command line split into words, with what the shell would have done around them. */
export type CommandLine = {
	readonly words: readonly string[];
	/** Redirections, and pipes or command separators with the command they lead to, as written. */
	readonly shellSyntax: readonly string[];
	/** Expansions the shell would have performed (`$TOKEN`, `$(cat key)`, `%KEY%`), kept literally in the words. */
	readonly unexpanded: readonly string[];
	/** Offset just past the command's last character, trailing blanks excluded. */
	readonly end: number;
	/** Offset of a command chained after `&&`, `;`, `|`… that the caller reads itself (see `startsCommand`). */
	readonly next: number | null;
};

export type ReadOptions = {
	readonly shell: Shell;
	/** Whether the first word makes this worth reading as a command; `expanded` when an expansion was seen. */
	readonly accept: (word: string, expanded: boolean) => boolean;
	/** Whether a command chained at `at` is one the caller wants to read on its own. */
	readonly startsCommand: (text: string, at: number) => boolean;
	/** Continuation lines may begin with bash's secondary prompt `> ` (a pasted terminal session). */
	readonly secondaryPrompt: boolean;
};

export type ReadResult =
	| {readonly kind: 'command'; readonly line: CommandLine}
	/** No command can start between the rejected start and `resume`. */
	| {readonly kind: 'rejected'; readonly resume: number};

const crossedLine = Symbol('crossed-line');
/** A word, null when the command has ended, or `crossedLine` when a probe met a quote spanning lines. */
type Word = string | null | typeof crossedLine;

type Stop = {readonly at: number; readonly after: number; readonly control: boolean};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
	c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);
const isHex = (c: string | undefined): boolean =>
	c !== undefined && (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));

/** A Markdown code fence closes the snippet even when the last command line ends with a continuation. */
function fenceAt(text: string, at: number): boolean {
	let p = at;
	while (text[p] === ' ' || text[p] === '\t') p++;
	return text.startsWith('```', p) || text.startsWith('~~~', p);
}

abstract class Lexer {
	pos: number;
	stop: Stop;
	/** Set while reading what follows a pipe or separator: it is reported whole, not analysed. */
	silent = false;
	readonly shellSyntax: string[] = [];
	readonly unexpanded: string[] = [];
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

/**
 * The word loop bash and PowerShell share: blanks and line continuations, `#` comments, control operators that end
 * the command, redirections, then a word. Each shell says what its operators, redirections and words look like.
 */
abstract class OperatorLexer extends Lexer {
	/** The character that continues a command on the next line: `\` in bash, the backtick in PowerShell. */
	protected abstract readonly continuation: string;

	/** The length of the control operator (`|`, `&&`, `;` …) at `at`, or 0 when there is none. */
	protected abstract controlLength(at: number): number;
	protected abstract redirectionAt(at: number): boolean;
	protected abstract readRedirection(): void;
	protected abstract readWord(probe: boolean): Word;

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

class BashLexer extends OperatorLexer {
	protected readonly continuation = '\\';
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
			this.redirectionTarget(start, '\n\r|&;<>', () => this.readWord(false));
		}
	}

	protected readWord(probe: boolean): Word {
		const {text} = this;
		this.out = '';
		this.crossed = false;
		for (;;) {
			const c = text[this.pos];
			if (c === undefined || ' \t\r\n|&;<>'.includes(c)) return this.out;
			if (c === '\\') this.readBackslash();
			else if (c === "'") this.readSingle(probe);
			else if (c === '"') this.readDouble(probe);
			else if (c === '$') this.readDollar(probe, false);
			else if (c === '`') this.readBackticks(probe);
			else this.readRun(' \t\r\n|&;<>\\\'"$`');
			if (this.crossed) return crossedLine;
		}
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

class PowerShellLexer extends OperatorLexer {
	protected readonly continuation = '`';

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

	protected readWord(probe: boolean): Word {
		const {text} = this;
		this.out = '';
		this.crossed = false;
		for (;;) {
			const c = text[this.pos];
			if (c === undefined || ' \t\r\n|&;>'.includes(c)) return this.out;
			if (c === '`') {
				if (this.continuationEnd(this.pos) !== -1) return this.out;
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

			if (this.crossed) return crossedLine;
		}
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
class CmdLexer extends Lexer {
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

function trimBack(text: string, from: number, to: number): number {
	let end = to;
	while (end > from && ' \t\r\n'.includes(text[end - 1]!)) end--;
	return end;
}

function makeLexer(text: string, start: number, options: ReadOptions): Lexer {
	if (options.shell === 'cmd') return new CmdLexer(text, start);
	if (options.shell === 'powershell') return new PowerShellLexer(text, start);
	return new BashLexer(text, start, options.secondaryPrompt);
}

/**
 * Reads one command line starting at `start` (just after the program name). The first word is read as a probe:
 * if a quote in it spans lines, or `accept` refuses it, nothing more is read, so scanning prose stays linear.
 */
export function readCommandLine(text: string, start: number, options: ReadOptions): ReadResult {
	const lexer = makeLexer(text, start, options);
	const first = lexer.word(true);
	if (first === null || first === crossedLine || !options.accept(first, lexer.unexpanded.length > 0)) {
		return {kind: 'rejected', resume: lexer.rejectResume(start)};
	}

	const words = [first];
	for (let word = lexer.word(false); word !== null; word = lexer.word(false)) {
		if (word !== crossedLine) words.push(word);
	}

	let end = trimBack(text, start, lexer.stop.at);
	let next: number | null = null;
	while (lexer.stop.control) {
		const {stop} = lexer;
		const after = lexer.afterControl(stop);
		if (options.startsCommand(text, after)) {
			lexer.shellSyntax.push(text.slice(stop.at, stop.after));
			end = stop.after;
			next = after;
			break;
		}

		lexer.silent = true;
		lexer.restart(after);
		let word: Word;
		do {
			word = lexer.word(false);
		} while (word !== null);
		end = trimBack(text, stop.at, lexer.stop.at);
		lexer.shellSyntax.push(text.slice(stop.at, end).trim());
	}

	return {
		kind: 'command',
		line: {words, shellSyntax: lexer.shellSyntax, unexpanded: lexer.unexpanded, end, next},
	};
}
