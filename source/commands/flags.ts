import process from 'node:process';
import {parseArgs} from 'node:util';
import type {AnyFlags} from 'meow';
import {UsageError} from './errors.js';
import {closest} from './suggest.js';

/** A flag as meow declares it; the same table drives both parsers below. */
export type FlagSpec =
	| {readonly type: 'boolean'; readonly default?: boolean; readonly shortFlag?: string}
	| {readonly type: 'string'; readonly isMultiple?: false; readonly shortFlag?: string}
	| {readonly type: 'string'; readonly isMultiple: true; readonly shortFlag?: string};

export type FlagValues<S extends Record<string, FlagSpec>> = {
	-readonly [K in keyof S]: S[K] extends {type: 'boolean'}
		? boolean
		: S[K] extends {isMultiple: true}
			? string[]
			: string | undefined;
};

export type CommandLine<S extends Record<string, FlagSpec>> = {
	readonly input: string[];
	readonly flags: FlagValues<S>;
	/** Prints the command's help (through meow, like --help) and exits with the code. */
	readonly showHelp: (exitCode: number) => Promise<never>;
};

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** A help text, or a function that writes it when it is shown (one that names the catalogs' providers). */
export type HelpText = string | (() => string);

async function meowFor(help: HelpText, argv: readonly string[], flags: Record<string, FlagSpec>) {
	const {default: meow} = await import('meow');
	return meow(typeof help === 'string' ? help : help(), {
		importMeta: import.meta,
		description: false,
		argv,
		allowUnknownFlags: false,
		// Our FlagSpec is a subset of meow's flag type.
		flags: flags as AnyFlags,
	});
}

function isNegatedBoolean(arg: string, spec: Record<string, FlagSpec>): boolean {
	return (
		arg.startsWith('--no-') &&
		Object.entries(spec).some(([name, flag]) => flag.type === 'boolean' && kebab(name) === arg.slice(5))
	);
}

/**
 * parseArgs's complaint as one line of errdoctor's, with a suggestion for a mistyped flag. meow would print the
 * argument raw (an escape sequence in a file name reaches the terminal); `warn` escapes it.
 */
function usageErrorOf(error: unknown, spec: Record<string, FlagSpec>): UsageError {
	const code = (error as NodeJS.ErrnoException).code;
	const message = error instanceof Error ? error.message : String(error);
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		const option = /'([^']*)'/.exec(message)?.[1] ?? message;
		const name = option.replace(/^-+/, '').split('=')[0] ?? '';
		const known = [...Object.keys(spec).map((flag) => kebab(flag)), 'help', 'version'];
		const guess = closest(name, known);
		return new UsageError(`unknown flag ${option}${guess ? `; did you mean --${guess}?` : ''} (see --help)`);
	}

	const option = /'(-[^' ]*)/.exec(message)?.[1];
	return new UsageError(option ? `${option} needs a value (see --help)` : `${message.split('\n')[0]} (see --help)`);
}

/**
 * Parses a command's arguments. meow is the authority for --help, --version and every error message, but importing
 * it costs more CPU than starting Node itself (about 35 ms here), so the common case, arguments that parse cleanly,
 * goes through node:util's parseArgs with the same flag table and meow is loaded only when it has something to say.
 */
export async function parseCommandLine<S extends Record<string, FlagSpec>>(
	argv: readonly string[],
	help: HelpText,
	spec: S,
): Promise<CommandLine<S>> {
	const showHelp = async (exitCode: number): Promise<never> => {
		(await meowFor(help, [], spec)).showHelp(exitCode);
		return process.exit(exitCode);
	};

	const wantsMeow = argv.some((arg) => arg === '--help' || arg === '--version' || arg === '-h');
	if (!wantsMeow) {
		const options = Object.fromEntries(
			Object.entries(spec).map(([name, flag]) => [
				kebab(name),
				{
					type: flag.type,
					...(flag.type === 'string' && flag.isMultiple ? {multiple: true} : {}),
					...(flag.shortFlag ? {short: flag.shortFlag} : {}),
				},
			]),
		);
		try {
			const {values, positionals} = parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
			const flags = Object.fromEntries(
				Object.entries(spec).map(([name, flag]) => {
					const value = (values as Record<string, unknown>)[kebab(name)];
					if (flag.type === 'boolean') return [name, value ?? flag.default ?? false];
					return [name, value ?? (flag.isMultiple ? [] : undefined)];
				}),
			) as FlagValues<S>;
			return {input: positionals, flags, showHelp};
		} catch (error) {
			// meow understands what parseArgs does not (`--no-json`); anything else is answered here.
			if (!argv.some((arg) => isNegatedBoolean(arg, spec))) throw usageErrorOf(error, spec);
		}
	}

	const cli = await meowFor(help, argv, spec);
	return {input: cli.input.map(String), flags: cli.flags as FlagValues<S>, showHelp};
}
