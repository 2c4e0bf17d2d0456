import type {Header, HttpRequest} from '../types.js';

// Invoke-RestMethod / Invoke-WebRequest (and their aliases irm / iwr) as typed at a PowerShell prompt
// (learn.microsoft.com, Microsoft.PowerShell.Utility): -Uri (also the first positional argument), -Method, -Headers
// (a hashtable), -Body, -ContentType, -UserAgent. An interactive prompt shows `PS C:\…>` before the command and `>> `
// before each continuation line.
const commandPattern =
	/^[ \t]*(?:PS [^>\n]*>[ \t]*)?(?:\$[\w:]+[ \t]*=[ \t]*)?(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr)(?=[ \t]|$)/i;
const parameters = ['uri', 'method', 'headers', 'body', 'contenttype', 'useragent'] as const;
type Parameter = (typeof parameters)[number];

/** PowerShell accepts any unambiguous prefix of a parameter name. */
function parameterNamed(written: string): Parameter | null {
	const name = written.toLowerCase();
	const matches = parameters.filter((parameter) => parameter.startsWith(name));
	return matches.length === 1 ? matches[0]! : null;
}

const variablePattern = /^\$(?:\{[^}]*\}|(?:env:)?\w+|\([^)]*\))/i;

/** A tokenizer over one command, continuation lines and their `>> ` prompts included. */
class Reader {
	pos: number;
	readonly unexpanded: string[] = [];

	constructor(
		readonly text: string,
		start: number,
	) {
		this.pos = start;
	}

	/** After a line break inside the command: the continuation prompt is the terminal's, not the user's. */
	private skipPrompt(): void {
		const prompt = /^[ \t]*>>[ \t]?/.exec(this.text.slice(this.pos, this.pos + 8));
		if (prompt) this.pos += prompt[0].length;
	}

	/** Skips blanks and backtick continuations; false at the end of the command. */
	skipBlanks(): boolean {
		for (;;) {
			const c = this.text[this.pos];
			if (c === ' ' || c === '\t' || c === '\r') this.pos++;
			else if (c === '`' && /^`[ \t\r]*\n/.test(this.text.slice(this.pos, this.pos + 8))) {
				this.pos = this.text.indexOf('\n', this.pos) + 1;
				this.skipPrompt();
			} else return c !== undefined && c !== '\n' && c !== '|' && c !== ';';
		}
	}

	private variable(): string {
		const match = variablePattern.exec(this.text.slice(this.pos, this.pos + 200));
		const written = match ? match[0] : '$';
		if (match) this.unexpanded.push(written);
		this.pos += written.length;
		return written;
	}

	private verbatim(): string {
		let out = '';
		for (this.pos++; this.pos < this.text.length; this.pos++) {
			if (this.text[this.pos] !== "'") out += this.text[this.pos];
			else if (this.text[this.pos + 1] === "'") {
				out += "'";
				this.pos++;
			} else break;
		}

		this.pos++;
		return out;
	}

	private expandable(): string {
		let out = '';
		for (this.pos++; this.pos < this.text.length;) {
			const c = this.text[this.pos]!;
			if (c === '"') {
				this.pos++;
				if (this.text[this.pos] !== '"') return out;
				out += '"';
				this.pos++;
			} else if (c === '`') {
				const e = this.text[this.pos + 1] ?? '';
				out += {n: '\n', r: '\r', t: '\t', '0': '\0'}[e] ?? e;
				this.pos += 2;
			} else if (c === '$') {
				out += this.variable();
			} else {
				out += c;
				this.pos++;
			}
		}

		return out;
	}

	/** `@{ Name = 'value'; Other = "…" }`, entries split by `;` or line breaks. */
	hashtable(): Header[] {
		const entries: Header[] = [];
		this.pos += 2;
		for (;;) {
			while (/[\s;]/.test(this.text[this.pos] ?? '')) {
				if (this.text[this.pos++] === '\n') this.skipPrompt();
			}

			if (this.pos >= this.text.length || this.text[this.pos] === '}') break;
			const key = this.word('=');
			while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
			if (this.text[this.pos] !== '=') break;
			this.pos++;
			while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
			entries.push([key, this.word(';}')]);
		}

		this.pos++;
		return entries;
	}

	/** One word: quoted strings, variables and bare text up to a blank or one of `stops`. */
	word(stops = ''): string {
		let out = '';
		for (;;) {
			const c = this.text[this.pos];
			if (c === undefined || ' \t\r\n|'.includes(c) || stops.includes(c)) return out;
			if (c === "'") out += this.verbatim();
			else if (c === '"') out += this.expandable();
			else if (c === '$') out += this.variable();
			else {
				out += c;
				this.pos++;
			}
		}
	}
}

/** Reads the arguments after the command name into a request. */
function readRequest(reader: Reader): HttpRequest | null {
	const values: Partial<Record<Parameter, string>> = {};
	let headers: Header[] = [];
	while (reader.skipBlanks()) {
		const before = reader.pos;
		if (reader.text[reader.pos] === '-') {
			reader.pos++;
			const written = reader.word(':');
			const parameter = parameterNamed(written);
			if (reader.text[reader.pos] === ':') reader.pos++;
			else reader.skipBlanks();
			if (parameter === 'headers' && reader.text.startsWith('@{', reader.pos)) headers = reader.hashtable();
			else if (parameter !== null) values[parameter] = reader.word();
		} else if (values.uri === undefined) {
			values.uri = reader.word();
		} else {
			reader.word();
		}

		// A character no rule consumes (a stray `}`) ends the command.
		if (reader.pos === before) break;
	}

	if (values.uri === undefined || values.uri === '') return null;
	if (values.contenttype !== undefined) headers.push(['Content-Type', values.contenttype]);
	if (values.useragent !== undefined) headers.push(['User-Agent', values.useragent]);
	return {
		method: (values.method ?? 'GET').toUpperCase(),
		url: values.uri,
		headers,
		body: values.body ?? null,
		unexpanded: [...new Set(reader.unexpanded)],
	};
}

/**
 * Finds `Invoke-RestMethod` / `Invoke-WebRequest` commands in a paste, with their prompts. Headers come in the order
 * the hashtable was written, then -ContentType and -UserAgent; `$env:NAME` and `$NAME` stay unexpanded.
 */
export function findPowerShellCommands(text: string): Array<{start: number; end: number; request: HttpRequest}> {
	const found: Array<{start: number; end: number; request: HttpRequest}> = [];
	for (let lineStart = 0; lineStart < text.length;) {
		const newline = text.indexOf('\n', lineStart);
		const lineEnd = newline === -1 ? text.length : newline;
		const command = commandPattern.exec(text.slice(lineStart, lineEnd));
		let next = lineEnd + 1;
		if (command) {
			const reader = new Reader(text, lineStart + command[0].length);
			const request = readRequest(reader);
			let end = reader.pos;
			while (end > lineStart && /\s/.test(text[end - 1]!)) end--;
			if (request) found.push({start: lineStart + command[0].length - command[0].trimStart().length, end, request});
			next = Math.max(next, reader.pos);
		}

		lineStart = next;
	}

	return found;
}
