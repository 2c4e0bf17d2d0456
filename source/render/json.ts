import {toSafeJson} from '../core/escape.js';
import {toReport} from './report.js';
import type {ShownReport} from './shown.js';

/** The `--json` output: the report contract, with characters a terminal would act on escaped. */
export function renderJson(shown: ShownReport): string {
	return `${toSafeJson(toReport(shown), 2)}\n`;
}
