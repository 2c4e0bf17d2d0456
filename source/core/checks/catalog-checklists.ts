import type {CheckId, CheckOutcome, CheckResult} from '../types.js';
import type {CheckContext} from './context.js';

const severity: Record<CheckOutcome, number> = {fail: 3, warn: 2, manual: 1, pass: 0};
const headerFamily = new Set<CheckId>(['header.casing', 'header.name', 'header.missing']);

function quotedNames(text: string): string[] {
	return [...text.matchAll(/`([^`]{1,80})`/g)].map((match) => `\`${match[1]!.toLowerCase()}\``);
}

/**
 * The results an item's check produced about what the item names. A header item ("sent in `x-api-key`, not
 * `api-key`") is answered by whichever header check found something about that header.
 */
function answers(check: CheckId, text: string, previous: readonly CheckResult[]): CheckResult[] {
	const names = quotedNames(text);
	const mentions = (result: CheckResult): boolean => names.some((name) => result.message.toLowerCase().includes(name));
	if (headerFamily.has(check) && names.length > 0) {
		// A finding about another header says nothing about this one.
		return previous.filter((result) => headerFamily.has(result.id) && mentions(result));
	}

	const own = previous.filter((result) => result.id === check);
	const named = own.filter(mentions);
	return named.length > 0 ? named : own;
}

function worst(results: readonly CheckResult[]): CheckResult | null {
	let found: CheckResult | null = null;
	for (const result of results) {
		if (found === null || severity[result.result] > severity[found.result]) {
			found = result;
		}
	}

	return found;
}

/** `checklist`: the catalog's checklist items for this status or code, answered by the automatic checks where one applies. */
export function checkChecklists(context: CheckContext, previous: readonly CheckResult[]): CheckResult[] {
	const results: CheckResult[] = [];
	const seen = new Set<string>();
	for (const checklist of context.catalog?.checklists ?? []) {
		const byStatus = context.status !== null && (checklist.statuses ?? []).includes(context.status);
		const byCode = context.code !== null && (checklist.codes ?? []).includes(context.code);
		if (!byStatus && !byCode) {
			continue;
		}

		for (const item of checklist.items) {
			if (seen.has(item.text)) {
				continue;
			}

			seen.add(item.text);
			const answer = item.check ? worst(answers(item.check, item.text, previous)) : null;
			results.push(
				answer
					? {
							id: 'checklist',
							result: answer.result,
							// The automatic result is listed just above; repeating its message here doubled the report.
							message: `checked automatically (${answer.id}: ${answer.result}): ${item.text}`,
						}
					: {id: 'checklist', result: 'manual', message: `verify by hand: ${item.text}`},
			);
		}
	}

	return results;
}
