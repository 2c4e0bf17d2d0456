import process from 'node:process';
import {UsageError, warn} from './commands/errors.js';

const help = `
	Troubleshoot an HTTP API error from what you paste: an error body, a curl command,
	curl -i / curl -v output, a HAR file or a JWT. Nothing leaves your machine
	unless you ask errdoctor run to send a request.

	Usage
	  $ errdoctor explain [FILE|-]     Diagnose FILE, or stdin when FILE is - or omitted
	  $ errdoctor demo                 Diagnose a bundled sample (a Dakota 401)
	  $ errdoctor scan [FILE|-]        Count every error in a log, NDJSON, curl -v capture or HAR
	  $ errdoctor run -- curl ARGS…    Send a curl command again (allowlisted options only, asks first)
	  $ errdoctor run [FILE|-]         and diagnose the request and its response together
	  $ errdoctor jwt [TOKEN|-]        Decode JWTs locally; --key/--secret check signatures
	  $ errdoctor [FILE|-]             Same as explain
	  $ errdoctor lookup [PROVIDER] CODE|STATUS|MESSAGE
	                                   Explain a code, status or message from the catalogs
	  $ errdoctor catalogs [check FILE | add PATH | remove PATH]
	                                   List, validate and add provider catalogs
	  $ errdoctor paste                The interactive troubleshooter (also: errdoctor alone on a terminal)
	  $ curl -si … | errdoctor [-i]    The interactive report of piped input (-i: from any pipe)

	Run errdoctor COMMAND --help for a command's options.

	Exit codes
	  0 analysed (a 2xx response is diagnosed as "not an error")
	  1 errdoctor itself failed   2 usage error
	  3 nothing recognisable (empty, binary, or no error, request or token found)
`;

/** Each command is its own module, imported only when chosen, so a start loads only what it runs. */
const commands: Record<string, (argv: readonly string[]) => Promise<number>> = {
	explain: async (argv) => (await import('./commands/explain.js')).explainCommand(argv),
	demo: async (argv) => (await import('./commands/explain.js')).explainCommand(argv, {demo: true}),
	scan: async (argv) => (await import('./commands/scan.js')).scanCommand(argv),
	run: async (argv) => (await import('./commands/run.js')).runCommand(argv),
	jwt: async (argv) => (await import('./commands/jwt.js')).jwtCommand(argv),
	lookup: async (argv) => (await import('./commands/lookup.js')).lookupCommand(argv),
	catalogs: async (argv) => (await import('./commands/catalogs.js')).catalogsCommand(argv),
	paste: async (argv) => (await import('./commands/interactive.js')).pasteCommand(argv),
};

/** Interactive only on a live terminal: a pipe, a CI log or TERM=dumb gets explain's static output without Ink. */
function wantsScreen(): boolean {
	const ci = process.env['CI'];
	const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
	return process.stdout.isTTY === true && !inCi && process.env['TERM'] !== 'dumb';
}

/**
 * meow prints the top-level help and version. It is imported only here because importing it costs more CPU
 * than starting Node; with no arguments it shows the help and exits 2.
 */
async function topLevelMeow(argv: readonly string[]): Promise<void> {
	const {default: meow} = await import('meow');
	const cli = meow(help, {importMeta: import.meta, description: false, argv, allowUnknownFlags: false});
	if (argv.length === 0) cli.showHelp(2);
}

async function main(argv: readonly string[]): Promise<number> {
	const [first, ...rest] = argv;
	const command = first === undefined ? undefined : commands[first];
	if (command) return command(rest);
	if (first === '-i' || first === '--interactive') {
		return (await import('./commands/interactive.js')).interactiveCommand(rest);
	}

	if (first === undefined && wantsScreen()) {
		const interactive = await import('./commands/interactive.js');
		return process.stdin.isTTY ? interactive.pasteCommand([]) : interactive.interactiveCommand([]);
	}

	if (first === undefined || first === '-' || !first.startsWith('-') || first === '--json' || first === '--markdown') {
		if (first === undefined && process.stdin.isTTY) await topLevelMeow([]);

		return commands['explain']!(argv);
	}

	// Only --help and --version are left at this level; meow prints them and exits.
	await topLevelMeow(argv);
	throw new UsageError(`unknown option ${first}; see errdoctor --help`);
}

// Bundled as CommonJS (dist/main.cjs), which has no top-level await.
main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError) {
			warn(error.message);
			process.exitCode = error.exitCode;
		} else {
			warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
			process.exitCode = 1;
		}
	},
);
