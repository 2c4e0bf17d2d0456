import {openSync} from 'node:fs';
import process from 'node:process';
import {createInterface} from 'node:readline';
import type {Readable} from 'node:stream';
import {ReadStream} from 'node:tty';
import {diagnose} from '../core/diagnose.js';
import {findCurlCommands, parseCurlCommand} from '../core/parts/curl.js';
import {colorFor} from '../edge/color.js';
import {forTerminal, shownUrl} from '../render/shown.js';
import {isSafeMethod, planRun, type RunPlan} from '../core/run/plan.js';
import {commandLine} from '../core/run/shell-quote.js';
import type {CurlCommand} from '../core/types.js';
import {readInput} from '../edge/input.js';
import {executeRun} from '../edge/run-curl.js';
import {createStyle} from '../render/style.js';
import {parseCommandLine} from './flags.js';
import {
	REPORT_FLAGS,
	UsageError,
	checkProvider,
	checkReportFlags,
	runCatalogs,
	warn,
	writeReport,
	providerIdsForHelp,
} from './shared.js';

const help = (): string => `
	Usage
	  $ errdoctor run [options] -- curl ARGS…
	  $ errdoctor run [options] [FILE|-]

	Send a curl command once more and diagnose the request and its response together.
	FILE (or stdin) holds a pasted curl command. errdoctor reads the command itself,
	never through a shell, and builds curl's arguments from an allowlist:
	  -X METHOD (GET HEAD POST PUT PATCH DELETE OPTIONS)   -H 'Name: value'
	  -d / --data / --data-binary / --json (inline, not @file)   --data-raw
	  -u user:password   -G   -I   -A   -e   -b name=value (not @file)   --compressed
	  -L (not with -b, a credential header or a body: a redirect would carry them
	  to another host)   -k
	-s, -S, -i, -v, -g and -f are accepted and ignored. Everything else is refused
	with the reason: -o, -O, -K, -T, -F, -D, -c, -w, --trace, proxies, --resolve,
	shell syntax (| ; & > $VAR $(…) backticks), non-http(s) URLs, URL globbing, …
	It asks before sending, and points out non-GET methods and local, private and
	link-local targets.

	Options
	  --yes, -y          Send without asking (for scripts)
	  --json             The report as JSON (schemaVersion 1, see the readme)
	  --markdown         A ticket-ready Markdown summary, secrets redacted
	  --now ISO          Judge token expiry against this time
	  --provider ID      Skip detection: ${providerIdsForHelp()}
	  --show-secrets     Print credentials unredacted (text to a terminal only)
	  --catalog PATH     Also load this catalog file or directory (repeatable)

	Examples
	  $ errdoctor run -- curl -H "x-api-key: $KEY" https://api.platform.dakota.xyz/customers
	  $ pbpaste | errdoctor run --json
	  $ errdoctor run --yes ticket-curl.txt
`;

type Request = {readonly text: string; readonly command: CurlCommand};

/** `-- curl ARGS…`: the words arrive split already; quoting them for bash lets our parser read them back exactly. */
function fromWords(words: readonly string[]): Request {
	if (words[0] !== 'curl') {
		throw new UsageError('after --, give the curl command itself: errdoctor run -- curl https://…');
	}

	const text = commandLine(words);
	const command = parseCurlCommand(text);
	if (command === null) {
		throw new UsageError(`cannot read this as a curl command (start with an option or the URL): ${text}`);
	}

	return {text, command};
}

async function fromInput(source: string): Promise<Request> {
	const input = await readInput(source, () => process.stdin);
	if (!input.ok) throw new UsageError(input.message, input.exitCode);
	const found = findCurlCommands(input.text);
	if (found.length === 0) throw new UsageError('found no curl command in the input: nothing to run.', 3);
	if (found.length > 1) {
		throw new UsageError(`found ${found.length} curl commands; run sends one: keep only the one to send`);
	}

	const [{start, end, command}] = found as [(typeof found)[number]];
	return {text: input.text.slice(start, end), command};
}

type Terminal = {readonly input: Readable; readonly close: () => void};

/** Where to ask: stdin when it is a terminal not carrying the input, else the controlling terminal, else none. */
function openTerminal(stdinIsInput: boolean): Terminal | null {
	if (!stdinIsInput && process.stdin.isTTY) return {input: process.stdin, close: () => process.stdin.pause()};
	try {
		const stream = new ReadStream(openSync('/dev/tty', 'r'));
		return {input: stream, close: () => stream.destroy()};
	} catch {
		return null;
	}
}

async function confirmed(terminal: Terminal): Promise<boolean> {
	process.stderr.write('Send it? [y/N] ');
	const lines = createInterface({input: terminal.input});
	const answer = await new Promise<string>((resolve) => {
		lines.once('line', resolve);
		lines.once('close', () => resolve(''));
	});
	lines.close();
	terminal.close();
	return /^y(?:es)?$/i.test(answer.trim());
}

function describe(plan: RunPlan): string {
	const style = createStyle(colorFor(process.stderr));
	const method = isSafeMethod(plan.method) ? forTerminal(plan.method) : style.yellow(forTerminal(plan.method));
	const lines = [
		`errdoctor run will send ${style.bold(method)} ${forTerminal(shownUrl(plan.url))} (host ${style.bold(forTerminal(plan.host))})`,
	];
	for (const warning of plan.warnings) lines.push(style.yellow(`  ! ${forTerminal(warning)}`));
	return lines.join('\n') + '\n';
}

/** `errdoctor run`: re-sends a pasted curl command through the allowlist and diagnoses what comes back. */
export async function runCommand(argv: readonly string[]): Promise<number> {
	const dash = argv.indexOf('--');
	const own = dash === -1 ? argv : argv.slice(0, dash);
	if (dash === -1 && argv.includes('curl')) {
		throw new UsageError('put -- before the curl command: errdoctor run -- curl https://…');
	}

	const cli = await parseCommandLine(own, help, {
		...REPORT_FLAGS,
		yes: {type: 'boolean', shortFlag: 'y', default: false},
	});
	const {flags} = cli;
	checkReportFlags(flags);
	if (dash !== -1 && cli.input.length > 0) throw new UsageError('give either FILE or -- curl ARGS, not both');
	if (cli.input.length > 1) throw new UsageError(`run takes one FILE, got ${cli.input.length}: ${cli.input.join(' ')}`);
	const catalogs = await runCatalogs(flags.catalog);
	checkProvider(catalogs, flags.provider);

	let source = cli.input[0] ?? null;
	if (dash === -1 && source === null) {
		if (process.stdin.isTTY) await cli.showHelp(2);
		source = '-';
	}

	const request = dash === -1 ? await fromInput(source!) : fromWords(argv.slice(dash + 1));
	const planned = planRun(request.command);
	if (!planned.ok) {
		// A refusal may quote a URL or value as written, credentials included.
		for (const refusal of planned.refusals) warn(`refused: ${refusal}`);
		throw new UsageError('nothing was sent; errdoctor run --help lists the curl options it passes on');
	}

	const {plan} = planned;
	process.stderr.write(describe(plan));
	if (!flags.yes) {
		const terminal = openTerminal(source === '-');
		if (terminal === null) throw new UsageError('no terminal to confirm on: pass --yes to send without asking');
		if (!(await confirmed(terminal))) {
			process.stderr.write('Not sent.\n');
			return 0;
		}
	}

	const result = await executeRun(plan);
	if (!result.ok) throw new UsageError(`${result.message}; no response to diagnose`, 3);
	const diagnosis = diagnose(`${request.text}\n${result.output}`, {
		catalogs,
		now: flags.now ?? null,
		provider: flags.provider ?? null,
	});
	if (!diagnosis) throw new UsageError('the response held nothing to diagnose', 3);

	await writeReport(diagnosis, flags);
	return 0;
}
