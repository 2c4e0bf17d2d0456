import {BashLexer} from './bash.js';
import {CmdLexer} from './cmd.js';
import {crossedLine, type Lexer, type Stdin, type Word} from './lexer.js';
import {PowerShellLexer} from './powershell.js';

/** The shells people copy curl commands from; each splits a command line into words by its own rules. */
export type Shell = 'bash' | 'cmd' | 'powershell';

/** A command line split into words, with what the shell would have done around them. */
export type CommandLine = {
	readonly words: readonly string[];
	/** Redirections, and pipes or command separators with the command they lead to, as written. */
	readonly shellSyntax: readonly string[];
	/** Expansions the shell would have performed (`$TOKEN`, `$(cat key)`, `%KEY%`), kept literally in the words. */
	readonly unexpanded: readonly string[];
	/** What the command reads on standard input: a here-document's or here-string's text, or a file's name. */
	readonly stdin: CommandStdin | null;
	/** Offset just past the command's last character (a here-document's closing line included), trailing blanks excluded. */
	readonly end: number;
	/** Offset of a command chained after `&&`, `;`, `|`… that the caller reads itself (see `startsCommand`). */
	readonly next: number | null;
};

export type CommandStdin =
	{readonly kind: 'text'; readonly text: string} | {readonly kind: 'file'; readonly name: string};

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

	const input = standardInput(text, lexer.stdin, lexer.stop.at);
	return {
		kind: 'command',
		line: {
			words,
			shellSyntax: lexer.shellSyntax,
			unexpanded: lexer.unexpanded,
			stdin: input.stdin,
			end: input.end ?? end,
			next,
		},
	};
}

function standardInput(
	text: string,
	stdin: Stdin | null,
	commandEnd: number,
): {readonly stdin: CommandStdin | null; readonly end: number | null} {
	// Only a here-document reaches past the command line: its lines belong to the command, not to the paste around it.
	if (stdin === null) return {stdin: null, end: null};
	if (stdin.kind === 'file') return {stdin, end: null};
	if (stdin.kind === 'string') return {stdin: {kind: 'text', text: stdin.text}, end: null};
	const document = hereDocument(text, commandEnd, stdin);
	return {stdin: {kind: 'text', text: document.text}, end: document.end};
}

/**
 * The lines of a here-document: from the line after the command to the one that holds only the delimiter (`<<-`
 * strips leading tabs first), or to the end of the paste when that line is missing. Expansions inside stay as
 * written, like everything else the shell would have expanded.
 */
function hereDocument(
	text: string,
	commandEnd: number,
	{delimiter, stripTabs}: {readonly delimiter: string; readonly stripTabs: boolean},
): {readonly text: string; readonly end: number} {
	const newline = text.indexOf('\n', commandEnd);
	if (newline === -1) return {text: '', end: commandEnd};
	const lines: string[] = [];
	let lineStart = newline + 1;
	while (lineStart < text.length) {
		const lineEnd = text.indexOf('\n', lineStart);
		const stop = lineEnd === -1 ? text.length : lineEnd;
		let line = text.slice(lineStart, stop);
		if (line.endsWith('\r')) line = line.slice(0, -1);
		if (stripTabs) line = line.replace(/^\t+/, '');
		if (line === delimiter) return {text: lines.map((kept) => `${kept}\n`).join(''), end: stop};
		lines.push(line);
		lineStart = stop + 1;
	}

	return {text: lines.map((kept) => `${kept}\n`).join(''), end: text.length};
}
