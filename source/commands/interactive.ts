import process from 'node:process';
import type {CatalogSet} from '../core/catalog/catalog.js';
import {diagnose} from '../core/diagnose.js';
import {normaliseInput, splitParts} from '../core/parts/index.js';
import {planRun} from '../core/run/plan.js';
import type {RunPlan} from '../core/run/plan.js';
import type {Diagnosis} from '../core/types.js';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from '../edge/catalogs.js';
import {copyToClipboard} from '../edge/clipboard.js';
import {colorFor} from '../edge/color.js';
import {loadConfig, saveConfig} from '../edge/config.js';
import type {Config} from '../edge/config.js';
import {readInput} from '../edge/input.js';
import {executeRun} from '../edge/run-curl.js';
import {saveReport} from '../edge/save-report.js';
import {openTerminal} from '../edge/terminal.js';
import {forTerminal} from '../render/shown.js';
import type {Services} from '../ui/app.js';
import {UsageError, checkNow, checkProvider, warn, providerIdsForHelp} from './shared.js';
import {parseCommandLine} from './flags.js';

const pasteHelp = `
	Usage
	  $ errdoctor paste
	  $ errdoctor                      (no arguments, on a terminal)

	Opens the interactive troubleshooter on a paste screen: paste an error body, a curl command
	and its output, a HAR file or a JWT, then press Enter on an empty line or Ctrl-D.

	Keys on the report: Tab sections, ↑↓ scroll, Space tick, c copy, s save, n new paste, ? help, q quit.
	Preferences (default section, clipboard method, extra catalogs) live in the config file.
`;

const interactiveHelp = (): string => `
	Usage
	  $ curl -si … | errdoctor              (stdout a terminal: opens the report screen)
	  $ curl -si … | errdoctor -i [FILE|-]  (keys and screen on /dev/tty, from any pipe)

	Options
	  --now ISO          Judge token expiry against this time
	  --provider ID      Skip detection: ${providerIdsForHelp()}
`;

type Setup = {
	readonly config: Config;
	/** Loaded on first use, so the paste screen draws before the catalogs are read and validated. */
	readonly catalogs: () => CatalogSet;
	/** Warnings raised while the screen is up, printed once it is gone (stderr would land on the screen). */
	readonly later: string[];
};

async function setup(): Promise<Setup> {
	const {config, warnings} = await loadConfig();
	for (const line of warnings) warn(line);
	const later: string[] = [];
	let loaded: CatalogSet | undefined;
	const catalogs = (): CatalogSet => {
		if (!loaded) {
			const {set, problems} = loadCatalogs([BUNDLED_CATALOG_DIR, ...config.catalogPaths]);
			later.push(...problems.map((problem) => `skipped catalog ${problem}`));
			loaded = set;
		}

		return loaded;
	};

	return {config, catalogs, later};
}

function services(
	{config, catalogs, later}: Setup,
	options: {now: string | null; provider: string | null},
	write: (data: string) => void,
): Services {
	return {
		diagnose: (text) => diagnose(text, {catalogs: catalogs(), now: options.now, provider: options.provider}),
		copy: (markdown) => copyToClipboard(markdown, {mode: config.clipboard, writeTerminal: write}),
		save: (markdown) => saveReport(markdown, process.cwd(), new Date()),
		saveDefaultSection: async (section) => {
			later.push(...(await saveConfig({defaultSection: section})));
		},
		rerun: {
			offer: (diagnosis) => {
				const planned = plan(diagnosis);
				if (!planned.ok) return planned;
				const {method, host, warnings} = planned.plan;
				return {
					ok: true,
					offer: {
						method: forTerminal(method),
						host: forTerminal(host),
						warnings: warnings.map((warning) => forTerminal(warning)),
					},
				};
			},
			send: async (diagnosis, input) => {
				const planned = plan(diagnosis);
				if (!planned.ok) return planned;
				const result = await executeRun(planned.plan);
				// Diagnosed together, as a ticket holding the command and what it got back would be.
				return result.ok ? {ok: true, text: `${commandText(input)}\n${result.output}`} : result;
			},
		},
	};
}

function plan(diagnosis: Diagnosis): {ok: true; plan: RunPlan} | {ok: false; message: string} {
	const command = diagnosis.evidence.curl;
	if (!command) return {ok: false, message: 'the input holds no curl command to send again'};
	const planned = planRun(command);
	return planned.ok
		? planned
		: {
				ok: false,
				message: `errdoctor will not send this request: ${planned.refusals.map((refusal) => forTerminal(refusal)).join('; ')}`,
			};
}

/** The curl command as it was pasted, without the ticket prose or output around it. */
function commandText(input: string): string {
	const text = normaliseInput(input);
	const part = splitParts(input).find((candidate) => candidate.kind === 'curl-command');
	return part ? text.slice(part.start, part.end) : text;
}

async function run(
	ready: Setup,
	options: {now: string | null; provider: string | null; input: string | null},
): Promise<number> {
	let write: (data: string) => void = () => undefined;
	const tools = services(ready, options, (data) => write(data));
	let report;
	if (options.input !== null) {
		const diagnosis = tools.diagnose(options.input);
		if (!diagnosis) {
			throw new UsageError(
				'found no error body, HTTP request or response, or token in the input: nothing to diagnose.',
				3,
			);
		}

		report = {diagnosis, input: options.input, canRun: diagnosis.evidence.curl !== null};
	}

	const opened = openTerminal();
	if (!opened.ok) throw new UsageError(`the interactive screen needs a terminal: ${opened.message}`);
	const {terminal} = opened;
	write = (data) => terminal.stdout.write(data);
	// Ink renders only a final frame when it believes it runs in CI; reaching here means a live screen was asked for.
	process.env['CI'] = 'false';
	try {
		const {runTui, initialState} = await import('../ui/app.js');
		const initial = initialState({defaultSection: ready.config.defaultSection, ...(report ? {report} : {})});
		const color = colorFor(terminal.stdout);
		// Read the catalogs while the user pastes, once the first frame is out.
		setTimeout(ready.catalogs, 0);
		await runTui({initial, services: tools, stdin: terminal.stdin, stdout: terminal.stdout, color});
		return 0;
	} finally {
		terminal.close();
		for (const line of ready.later) warn(line);
	}
}

/** `errdoctor paste`, and `errdoctor` alone on a terminal: the paste screen. */
export async function pasteCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, pasteHelp, {});
	if (cli.input.length > 0) throw new UsageError('paste takes no FILE; use errdoctor -i FILE to open a file');
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		throw new UsageError('paste needs a terminal; for piped input use errdoctor explain, or errdoctor -i');
	}

	return run(await setup(), {now: null, provider: null, input: null});
}

/** Piped input (or FILE) on the report screen, keys read from the terminal. */
export async function interactiveCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, interactiveHelp, {now: {type: 'string'}, provider: {type: 'string'}});
	checkNow(cli.flags.now);
	if (cli.input.length > 1) throw new UsageError(`-i takes one FILE, got ${cli.input.length}: ${cli.input.join(' ')}`);
	const source = cli.input[0] ?? '-';
	if (source === '-' && process.stdin.isTTY) return pasteCommand([]);
	const ready = await setup();
	checkProvider(ready.catalogs(), cli.flags.provider);
	const input = await readInput(source, () => process.stdin);
	if (!input.ok) throw new UsageError(input.message, input.exitCode);
	return run(ready, {now: cli.flags.now ?? null, provider: cli.flags.provider ?? null, input: input.text});
}
