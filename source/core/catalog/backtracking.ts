import {analyse} from 'scslre';
import type {Report} from 'scslre';
import type {Catalog} from './catalog.js';
import {catalogRegexes} from './lint.js';
import type {CatalogRegex} from './lint.js';

/** Worst first: an exponential report names the cause that hangs soonest. */
function severity(report: Report): number {
	if (report.exponential) return 0;
	return report.type === 'Move' ? 2 : 1;
}

function describe(report: Report): string {
	const run = `a long run of ${JSON.stringify(report.character.pick)}`;
	if (report.exponential) {
		return (
			`backtracks exponentially on ${run}: a quantifier inside a quantifier can match the same text in many ` +
			'ways (as in ^(a+)+$); rewrite it so each character can be matched one way only'
		);
	}

	if (report.type === 'Move') {
		return (
			`takes quadratic time on ${run}: it is tried again at every position of the text; start it with ^ or \\b, ` +
			'or bound the quantifier it starts with'
		);
	}

	return (
		`backtracks polynomially on ${run}: two quantifiers can match the same characters (as in \\d+\\d+); ` +
		'rewrite it so each character can be matched one way only'
	);
}

/**
 * Regular expressions whose matching time grows faster than the text (catastrophic or polynomial backtracking, or
 * quadratic scanning), found by scslre's static analysis of the expression as errdoctor runs it (case-insensitive).
 * Each problem starts with its JSON path. A source that does not parse is left to `catalogLint`.
 */
export function backtrackingProblems(regexes: readonly CatalogRegex[]): string[] {
	return regexes.flatMap(({path, source}) => {
		let reports: Report[];
		try {
			reports = analyse({source, flags: 'i'}).reports;
		} catch {
			return [];
		}

		const [worst] = reports.sort((a, b) => severity(a) - severity(b));
		return worst === undefined ? [] : [`${path}: ${describe(worst)}`];
	});
}

/** `backtrackingProblems` of every regular expression of a provider catalog. */
export function catalogBacktracking(catalog: Catalog): string[] {
	return backtrackingProblems(catalogRegexes(catalog));
}
