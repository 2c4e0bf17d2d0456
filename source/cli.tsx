#!/usr/bin/env node
import process from 'node:process';
import meow from 'meow';
import {UsageError, warn} from './commands/shared.js';

const help = `
	Troubleshoot an HTTP API error from what you paste: an error body, a curl command,
	curl -i / curl -v output, a HAR file or a JWT. Nothing leaves your machine.

	Usage
	  $ errdoctor explain [FILE|-]     Diagnose FILE, or stdin when FILE is - or omitted
	  $ errdoctor demo                 Diagnose a bundled sample (a Dakota 401)
	  $ errdoctor [FILE|-]             Same as explain

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
};

async function main(argv: readonly string[]): Promise<number> {
	const [first, ...rest] = argv;
	const command = first === undefined ? undefined : commands[first];
	if (command) return command(rest);
	if (first === undefined || first === '-' || !first.startsWith('-') || first === '--json' || first === '--markdown') {
		if (first === undefined && process.stdin.isTTY) {
			meow(help, {importMeta: import.meta, description: false, argv: []}).showHelp(2);
		}

		return commands['explain']!(argv);
	}

	// Only --help and --version are left at this level; meow prints them and exits.
	meow(help, {importMeta: import.meta, description: false, argv, allowUnknownFlags: false});
	throw new UsageError(`unknown option ${first}; see errdoctor --help`);
}

// `errdoctor … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
});

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError) {
		warn(error.message);
		process.exitCode = error.exitCode;
	} else {
		warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	}
}
