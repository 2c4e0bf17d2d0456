import {createReadStream, statSync} from 'node:fs';
import process from 'node:process';
import {StringDecoder} from 'node:string_decoder';
import type {Readable} from 'node:stream';
import type {CatalogSet} from '../core/catalog.js';
import {Census} from '../core/census.js';
import {LogScanner, scanHar} from '../core/census-input.js';
import {isHar} from '../core/parts/har.js';
import {parseLenientJson} from '../core/parts/json.js';
import {renderCensusJson, renderCensusMarkdown, renderCensusText} from '../render/census.js';
import {UsageError, catalogsFrom, terminalWidth, wantsColor, warn, writeOut} from './shared.js';
import {parseCommandLine} from './flags.js';

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

	Examples
	  $ errdoctor scan app.log
	  $ kubectl logs deploy/api | errdoctor scan --markdown
	  $ errdoctor scan session.har --json
`;

/** Logs are read in pieces of this size, so memory does not grow with the log. */
const CHUNK_BYTES = 1024 * 1024;
/** A HAR file is one JSON document and is parsed whole, up to this size. */
export const MAX_HAR_BYTES = 256 * 1024 * 1024;
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 250;

/** `{"log": …` at the start: a HAR file (NDJSON lines start with `{` too, but not with that member). */
const harStart = /^\s*\{\s*"log"\s*:/;

type Progress = {readonly update: (bytes: number, errors: number) => void; readonly done: () => void};

/** A progress line on stderr, only when stderr is a terminal and the scan takes more than a moment. */
function progressLine(totalBytes: number | null): Progress {
	const started = Date.now();
	let shown = false;
	let last = 0;
	const active = process.stderr.isTTY === true;
	return {
		update(bytes, errors) {
			const now = Date.now();
			if (!active || now - started < PROGRESS_AFTER_MS || now - last < PROGRESS_EVERY_MS) return;
			last = now;
			shown = true;
			const megabytes = bytes / 1e6;
			const share = totalBytes ? ` of ${(totalBytes / 1e6).toFixed(0)} MB` : '';
			const rate = (megabytes / ((now - started) / 1000)).toFixed(0);
			const count = errors.toLocaleString('en-US');
			process.stderr.write(
				`\rerrdoctor: scanned ${megabytes.toFixed(0)} MB${share} (${rate} MB/s), ${count} errors\u001B[K`,
			);
		},
		done() {
			if (shown) process.stderr.write('\r\u001B[K');
		},
	};
}

function openInput(source: string): {stream: Readable; size: number | null} {
	if (source === '-') return {stream: process.stdin, size: null};
	let size: number;
	try {
		const stats = statSync(source);
		if (stats.isDirectory()) throw new UsageError(`cannot read ${source}: it is a directory`);
		size = stats.size;
	} catch (error) {
		if (error instanceof UsageError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`cannot read ${source}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}

	return {stream: createReadStream(source, {highWaterMark: CHUNK_BYTES}), size};
}

/** Reads the input in chunks and counts its errors; a HAR file is collected and parsed whole. */
async function scanInput(source: string, census: Census, catalogs: CatalogSet): Promise<{bytes: number}> {
	const {stream, size} = openInput(source);
	const scanner = new LogScanner(census, catalogs);
	const progress = progressLine(size);
	// StringDecoder keeps a character cut between two chunks for the next one.
	const decoder = new StringDecoder('utf8');
	let kind: 'unknown' | 'log' | 'har' = source.toLowerCase().endsWith('.har') ? 'har' : 'unknown';
	const harParts: string[] = [];
	let bytes = 0;
	try {
		for await (const chunk of stream) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
			if (bytes === 0 && buffer.subarray(0, 65_536).includes(0)) {
				throw new UsageError('the input looks binary, not text: nothing to scan.', 3);
			}

			bytes += buffer.length;
			const text = decoder.write(buffer);
			if (kind === 'unknown') kind = harStart.test(text) ? 'har' : 'log';
			if (kind === 'har') {
				if (bytes > MAX_HAR_BYTES) {
					throw new UsageError(`the HAR file is larger than ${MAX_HAR_BYTES / 1024 / 1024} MiB: too large to parse.`);
				}

				harParts.push(text);
				continue;
			}

			scanner.push(text);
			progress.update(bytes, census.total);
		}
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
	} finally {
		progress.done();
	}

	const rest = decoder.end();
	if (kind === 'har') {
		const text = harParts.join('') + rest;
		harParts.length = 0;
		const har = parseHar(text);
		if (har === undefined) scanner.push(text);
		else scanHar(har, census, catalogs);
	} else {
		scanner.push(rest);
	}

	scanner.finish();
	return {bytes};
}

function parseHar(text: string): unknown {
	try {
		const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
		return isHar(value) ? value : undefined;
	} catch {
		const lenient = parseLenientJson(text);
		return lenient && isHar(lenient.value) ? lenient.value : undefined;
	}
}

/** `errdoctor scan`: a census of the errors in a log or HAR file. */
export async function scanCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, help, {
		json: {type: 'boolean', default: false},
		markdown: {type: 'boolean', default: false},
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

	const catalogs = catalogsFrom();
	const census = new Census();
	await scanInput(source, census, catalogs);
	const report = census.report();
	if (flags.json) writeOut(renderCensusJson(report));
	else if (flags.markdown && report.total > 0) writeOut(renderCensusMarkdown(report));
	else if (report.total > 0) writeOut(renderCensusText(report, {color: wantsColor(), width: terminalWidth()}));
	if (report.total === 0) {
		warn('found no HTTP error in the input: nothing to count.');
		return 3;
	}

	return 0;
}
