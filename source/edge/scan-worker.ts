// A thread of `errdoctor scan` that counts the errors of one part of a log file (see scanInParts in scan-file.ts).
import {parentPort, workerData} from 'node:worker_threads';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from './catalogs.js';
import {type ScanRangeData, scanRange} from './scan-range.js';

const {path, start, end, catalogPaths} = workerData as ScanRangeData;
const port = parentPort!;
/** The progress line changes every 250 ms: news more often would only cost messages. */
const PROGRESS_EVERY_MS = 100;
// The same catalogs as the main thread, which has already warned about any it skipped.
const {set} = loadCatalogs([BUNDLED_CATALOG_DIR, ...catalogPaths]);
let last = 0;
const part = scanRange(path, start, end, set, (bytes, errors) => {
	const now = Date.now();
	if (now - last < PROGRESS_EVERY_MS) return;
	last = now;
	port.postMessage({bytes, errors});
});
port.postMessage({part});
