import process from 'node:process';
import {ScanInputError, scanLog} from '../edge/scan-file.js';
import {renderCensusJson, renderCensusMarkdown, renderCensusText} from '../render/scan.js';
import {showScan} from '../render/shown.js';
import {parseCommandLine} from './flags.js';
import {
	UsageError,
	catalogsFrom,
	showReaderCrash,
	terminalWidth,
	userCatalogPaths,
	wantsColor,
	warn,
	writeOut,
} from './shared.js';

const help = `
	Usage
	  $ errdoctor scan [FILE|-]

	A census of every error in a log, an NDJSON stream, a curl -v capture or a HAR file:
	grouped by provider, status and code, with counts, first and last seen, example
	request ids, the top fix per group, and errors over time.

	Options
	  --json             {"total", "groups": [{provider, status, code, count, firstSeen,
	                     lastSeen, requestIds}]}, largest group first
	  --markdown         A Markdown table for a ticket or an incident note
	  --catalog PATH     Also load this catalog file or directory (repeatable)
	  --debug            Report on stderr a format reader that crashed on a body
	                     (the body is then read as format unknown)

	Examples
	  $ errdoctor scan app.log
	  $ kubectl logs deploy/api | errdoctor scan --markdown
	  $ errdoctor scan session.har --json
`;

/** The census of a log, or why it cannot be read, in the user's words. */
async function censusOf(source: string, catalogPaths: readonly string[]) {
	try {
		return await scanLog(source, catalogsFrom(catalogPaths), catalogPaths);
	} catch (error) {
		if (error instanceof ScanInputError) throw new UsageError(error.message, error.exitCode);
		throw error;
	}
}

/** `errdoctor scan`: a census of the errors in a log or HAR file. */
export async function scanCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, help, {
		json: {type: 'boolean', default: false},
		markdown: {type: 'boolean', default: false},
		catalog: {type: 'string', isMultiple: true},
		debug: {type: 'boolean', default: false},
	});
	const {flags} = cli;
	if (flags.json && flags.markdown) throw new UsageError('choose one of --json and --markdown');
	if (cli.input.length > 1)
		throw new UsageError(`scan takes one FILE, got ${cli.input.length}: ${cli.input.join(' ')}`);
	let source = cli.input[0] ?? null;
	if (source === null) {
		if (process.stdin.isTTY) await cli.showHelp(2);
		source = '-';
	}

	const catalogPaths = await userCatalogPaths(flags.catalog);
	const census = await censusOf(source, catalogPaths);
	if (flags.debug) showReaderCrash(census.crash);
	const report = census.report();
	const shown = showScan(report);
	if (flags.json) writeOut(renderCensusJson(shown));
	else if (flags.markdown && report.total > 0) writeOut(renderCensusMarkdown(shown));
	else if (report.total > 0) writeOut(renderCensusText(shown, {color: wantsColor(), width: terminalWidth()}));
	if (report.total === 0) {
		warn('found no HTTP error in the input: nothing to count.');
		return 3;
	}

	return 0;
}
