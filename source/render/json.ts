import {toSafeJson} from '../core/escape.js';
import type {Diagnosis} from '../core/types.js';
import {toReport} from './report.js';

/** The `--json` output: the report contract, redacted, with characters a terminal would act on escaped. */
export function renderJson(diagnosis: Diagnosis): string {
	return `${toSafeJson(toReport(diagnosis), 2)}\n`;
}
