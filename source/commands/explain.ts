import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {diagnose} from '../core/diagnose.js';
import {MAX_JSON_DEPTH} from '../core/parts/json.js';
import {nestsDeeperThan} from '../core/parts/nesting.js';
import {readInput} from '../edge/input.js';
import {parseCommandLine} from './flags.js';
import {
	REPORT_FLAGS,
	UsageError,
	checkProvider,
	checkReportFlags,
	runCatalogs,
	providerIdsForHelp,
	showReaderCrash,
	writeReport,
} from './shared.js';

export const DEMO_FILE = fileURLToPath(new URL('../examples/dakota-401.txt', import.meta.url));

const help = (): string => `
	Usage
	  $ errdoctor explain [FILE|-]

	Diagnose an HTTP API error from FILE, or from stdin when FILE is - or omitted:
	an error body, a curl command, curl -i / curl -v output, a HAR file or a JWT.

	Options
	  --json             The report as JSON (schemaVersion 1, see the readme)
	  --markdown         A ticket-ready Markdown summary, secrets redacted
	  --now ISO          Judge token expiry against this time (default: the response's
	                     Date header, a timestamp in the body, or the clock)
	  --provider ID      Skip detection: ${providerIdsForHelp()}
	  --show-secrets     Print credentials unredacted (text to a terminal only)
	  --catalog PATH     Also load this catalog file or directory (repeatable)
	  --debug            Report on stderr a format reader that crashed on the body
	                     (the body is then read as format unknown)

	Examples
	  $ errdoctor explain ticket.txt
	  $ curl -si https://api.dfns.io/wallets -H "Authorization: Bearer $T" | errdoctor explain --json
	  $ pbpaste | errdoctor explain --markdown
	  $ errdoctor explain --now 2025-03-04T11:00:00Z --provider dakota body.json
`;

/** `errdoctor explain` (and `demo`, which is explain on the bundled sample). */
export async function explainCommand(argv: readonly string[], options: {demo?: boolean} = {}): Promise<number> {
	const cli = await parseCommandLine(argv, help, {...REPORT_FLAGS, debug: {type: 'boolean', default: false}});
	const {flags} = cli;
	checkReportFlags(flags);
	if (options.demo && cli.input.length > 0) throw new UsageError('demo takes no FILE');
	if (cli.input.length > 1)
		throw new UsageError(`explain takes one FILE, got ${cli.input.length}: ${cli.input.join(' ')}`);

	let source = options.demo ? DEMO_FILE : (cli.input[0] ?? null);
	if (source === null) {
		if (process.stdin.isTTY) await cli.showHelp(2);
		source = '-';
	}

	const catalogs = await runCatalogs(flags.catalog);
	checkProvider(catalogs, flags.provider);
	const input = await readInput(source, () => process.stdin);
	if (!input.ok) throw new UsageError(input.message, input.exitCode);

	const diagnosis = diagnose(input.text, {catalogs, now: flags.now ?? null, provider: flags.provider ?? null});
	if (flags.debug) showReaderCrash(diagnosis?.reading.crash);
	if (!diagnosis) {
		const why = nestsDeeperThan(input.text, MAX_JSON_DEPTH)
			? `the input's JSON nests deeper than ${MAX_JSON_DEPTH} levels, more than errdoctor reads`
			: /^\s*[[{]/.test(input.text)
				? 'the JSON holds no error signal (no error, code, message or status), so it is not an error'
				: 'found no error body, HTTP request or response, or token in the input';
		throw new UsageError(`${why}: nothing to diagnose.`, 3);
	}

	await writeReport(diagnosis, flags);
	return 0;
}
