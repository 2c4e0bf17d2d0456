import {BashLexer} from './bash.js';
import {CmdLexer} from './cmd.js';
import {crossedLine, type Lexer, type Word} from './lexer.js';
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
