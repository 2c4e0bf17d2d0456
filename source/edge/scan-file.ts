import {closeSync, createReadStream, existsSync, openSync, readSync, statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import process from 'node:process';
import {StringDecoder} from 'node:string_decoder';
import type {Readable} from 'node:stream';
import {Worker} from 'node:worker_threads';
import type {CatalogSet} from '../core/catalog/catalog.js';
import {isHar} from '../core/parts/har.js';
import {parseLenientJson} from '../core/parts/json.js';
import {Census} from '../core/scan/groups.js';
import type {CensusPart} from '../core/scan/groups.js';
import {LogScanner, scanHar, timedLineStart} from '../core/scan/reader.js';
import {CHUNK_BYTES, type ScanRangeData} from './scan-range.js';

/** Why a log cannot be scanned, in one line for the user; `exitCode` 3 when it holds nothing to count. */
export class ScanInputError extends Error {
	constructor(
		message: string,
		readonly exitCode: 2 | 3 = 2,
	) {
		super(message);
	}
}

/** Smaller files are read by one thread: starting another (its code, its catalogs) costs more than it saves. */
const MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
/** Each thread holds its own chunk, memo and heap; past two, memory grows faster than the time saved on most hosts. */
const MAX_THREADS = 2;
/** How far after an even cut a line starting with a time is looked for. */
const CUT_WINDOW = 1024 * 1024;
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
		if (stats.isDirectory()) throw new ScanInputError(`cannot read ${source}: it is a directory`);
		size = stats.size;
	} catch (error) {
		if (error instanceof ScanInputError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new ScanInputError(`cannot read ${source}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}

	return {stream: createReadStream(source, {highWaterMark: CHUNK_BYTES}), size};
}

/** The worker module: beside the bundle's chunks, or the TypeScript source when errdoctor runs from source. */
function workerModule(): URL | null {
	for (const candidate of ['scan-worker.mjs', 'scan-worker.ts']) {
		const url = new URL(candidate, import.meta.url);
		if (existsSync(url)) return url;
	}

	return null;
}

function readAt(path: string, position: number, length: number): Buffer {
	const file = openSync(path, 'r');
	try {
		const buffer = Buffer.alloc(length);
		return buffer.subarray(0, readSync(file, buffer, 0, length, position));
	} finally {
		closeSync(file);
	}
}

/**
 * Where a large log file is cut into parts read side by side: at lines that start with a time (see
 * `timedLineStart`), near even shares of the file. Null for a file one thread reads: small, binary, a HAR file, or
 * with no such line near a cut.
 */
function cutsOf(path: string, size: number, threads: number): number[] | null {
	if (threads < 2 || size < MIN_PARALLEL_BYTES || path.toLowerCase().endsWith('.har')) return null;
	const head = readAt(path, 0, CHUNK_BYTES);
	if (head.subarray(0, 65_536).includes(0) || harStart.test(head.toString('utf8'))) return null;
	const cuts = [0];
	for (let index = 1; index < threads; index++) {
		// From the byte before the even cut, so that a line starting right at it is found too.
		const from = Math.floor((size * index) / threads) - 1;
		const found = timedLineStart(readAt(path, from, CUT_WINDOW));
		if (found === -1 || from + found <= cuts.at(-1)!) return null;
		cuts.push(from + found);
	}

	return [...cuts, size];
}

type WorkerMessage = {bytes: number; errors: number} | {part: CensusPart};

function scanInWorker(url: URL, range: ScanRangeData, progress: Progress['update']) {
	const worker = new Worker(url, {workerData: range});
	const part = new Promise<CensusPart>((resolve, reject) => {
		worker.on('message', (message: WorkerMessage) => {
			if ('part' in message) resolve(message.part);
			else progress(message.bytes, message.errors);
		});
		worker.on('error', reject);
		worker.on('exit', (code) => reject(new Error(`a scanning thread stopped (exit code ${code})`)));
	});
	return {worker, part};
}

/**
 * Counts the errors of a large log file in parts, one worker thread each, while this one shows the progress: a census
 * of the whole, or null when the file is read by one thread or its parts do not merge exactly (`Census.merged`).
 */
async function scanInParts(path: string, size: number, catalogPaths: readonly string[]): Promise<Census | null> {
	const url = workerModule();
	const cuts = url ? cutsOf(path, size, Math.min(availableParallelism(), MAX_THREADS)) : null;
	if (!url || !cuts) return null;
	const progress = progressLine(size);
	const done = cuts.slice(1).map(() => ({bytes: 0, errors: 0}));
	const update = (index: number, bytes: number, errors: number) => {
		done[index] = {bytes, errors};
		progress.update(
			done.reduce((sum, part) => sum + part.bytes, 0),
			done.reduce((sum, part) => sum + part.errors, 0),
		);
	};

	const workers = cuts
		.slice(0, -1)
		.map((start, index) =>
			scanInWorker(url, {path, start, end: cuts[index + 1]!, catalogPaths}, (bytes, errors) =>
				update(index, bytes, errors),
			),
		);
	try {
		return Census.merged(await Promise.all(workers.map((worker) => worker.part)));
	} catch (error) {
		throw new ScanInputError(`cannot read ${path}: ${(error as Error).message}`);
	} finally {
		progress.done();
		for (const {worker} of workers) void worker.terminate();
	}
}

/**
 * Reads a log file, or stdin when `source` is `-`, in chunks and counts its errors; a HAR file is collected and parsed
 * whole. `catalogPaths` are the user's catalogs that `catalogs` was loaded from, for the worker threads to load too.
 */
export async function scanLog(source: string, catalogs: CatalogSet, catalogPaths: readonly string[]): Promise<Census> {
	const {stream, size} = openInput(source);
	if (size !== null) {
		const census = await scanInParts(source, size, catalogPaths);
		if (census) {
			stream.destroy();
			return census;
		}
	}

	const census = new Census();
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
				throw new ScanInputError('the input looks binary, not text: nothing to scan.', 3);
			}

			bytes += buffer.length;
			const text = decoder.write(buffer);
			if (kind === 'unknown') kind = harStart.test(text) ? 'har' : 'log';
			if (kind === 'har') {
				if (bytes > MAX_HAR_BYTES) {
					throw new ScanInputError(
						`the HAR file is larger than ${MAX_HAR_BYTES / 1024 / 1024} MiB: too large to parse.`,
					);
				}

				harParts.push(text);
				continue;
			}

			scanner.push(text);
			progress.update(bytes, census.total);
		}
	} catch (error) {
		if (error instanceof ScanInputError) throw error;
		throw new ScanInputError(`cannot read ${source}: ${(error as Error).message}`);
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
	return census;
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
