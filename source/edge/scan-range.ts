import {closeSync, openSync, readSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import type {CatalogSet} from '../core/catalog/catalog.js';
import {Census} from '../core/scan/groups.js';
import type {CensusPart} from '../core/scan/groups.js';
import {LogScanner} from '../core/scan/reader.js';

/**
 * Logs are read in pieces of this size, so memory does not grow with the log. Below V8's large-object size, a
 * piece's text dies young and is freed by the cheap collections: 1 MiB pieces ended in the old generation and
 * raised the peak memory by tens of MiB.
 */
export const CHUNK_BYTES = 64 * 1024;

/** What a scanning thread is given: a range of a log file and the user's catalogs to load beside the bundled ones. */
export type ScanRangeData = {
	readonly path: string;
	readonly start: number;
	readonly end: number;
	readonly catalogPaths: readonly string[];
};

/**
 * Counts the errors of bytes `[start, end)` of a log file, both at the start of a line, as a part of a census. Each
 * read ends where a read of the whole file from its start would, so a line too long to wait for is cut at the same
 * place as in one scan of the whole.
 */
export function scanRange(
	path: string,
	start: number,
	end: number,
	catalogs: CatalogSet,
	progress: (bytes: number, errors: number) => void,
): CensusPart {
	const census = new Census({part: true});
	const scanner = new LogScanner(census, catalogs);
	// StringDecoder keeps a character cut between two reads for the next one.
	const decoder = new StringDecoder('utf8');
	const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
	const file = openSync(path, 'r');
	try {
		let position = start;
		while (position < end) {
			const length = Math.min(CHUNK_BYTES - (position % CHUNK_BYTES), end - position);
			const bytesRead = readSync(file, buffer, 0, length, position);
			if (bytesRead === 0) break;
			position += bytesRead;
			scanner.push(decoder.write(buffer.subarray(0, bytesRead)));
			progress(position - start, census.total);
		}
	} finally {
		closeSync(file);
	}

	scanner.push(decoder.end());
	scanner.finish();
	return census.part();
}
