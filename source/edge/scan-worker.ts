// A thread of `errdoctor scan` that counts the errors of one part of a log file (see scanInParts in scan.ts).
import {parentPort, workerData} from 'node:worker_threads';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from './catalogs.js';
import {scanRange} from './scan-range.js';

const {path, start, end} = workerData as {path: string; start: number; end: number};
const port = parentPort!;
/** The progress line changes every 250 ms: news more often would only cost messages. */
const PROGRESS_EVERY_MS = 100;
const {set} = loadCatalogs([BUNDLED_CATALOG_DIR]);
let last = 0;
const part = scanRange(path, start, end, set, (bytes, errors) => {
	const now = Date.now();
	if (now - last < PROGRESS_EVERY_MS) return;
	last = now;
	port.postMessage({bytes, errors});
});
port.postMessage({part});
