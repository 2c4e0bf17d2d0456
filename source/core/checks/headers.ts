import type {CheckResult} from '../types.js';
import {
	decideGeneration,
	documentedHeaders,
	findHeader,
	nearMisses,
	requestMatches,
	requestTarget,
	show,
	type CheckContext,
} from './context.js';

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `header.casing`: a documented name sent in another case, for providers whose docs insist on their spelling. */
export function checkHeaderCasing(context: CheckContext): CheckResult[] {
	const {catalog} = context;
	const request = context.evidence.request;
	if (!catalog || !request) {
		return [];
	}

	const results: CheckResult[] = [];
	for (const header of catalog.headers ?? []) {
		if (!header.insistsOnSpelling) {
			continue;
		}

		const sent = findHeader(request.headers, header.name);
		if (!sent) {
			continue;
		}

		results.push(
			sent[0] === header.name
				? {
						id: 'header.casing',
						result: 'pass',
						message: `${show(header.name)} is spelt as ${catalog.name} documents it`,
					}
				: {
						id: 'header.casing',
						result: 'warn',
						message:
							`${show(sent[0])} is sent; ${catalog.name} documents ${show(header.name)} (HTTP names are ` +
							'case-insensitive and HTTP/2 lowercases them, so this only matters to proxies or clients that compare exactly)',
					},
		);
	}

	return results;
}

/** `header.name`: a header name that misspells a documented one, so the server never sees the header it wants. */
export function checkHeaderName(context: CheckContext): CheckResult[] {
	const {catalog} = context;
	const request = context.evidence.request;
	if (!catalog || !request) {
		return [];
	}

	const misses = nearMisses(request, catalog);
	if (misses.length === 0) {
		const documented = documentedHeaders(catalog)
			.map((header) => findHeader(request.headers, header.name)?.[0])
			.filter((name) => name !== undefined);
		return documented.length === 0
			? []
			: [
					{
						id: 'header.name',
						result: 'pass',
						message: `no header name misspells one ${catalog.name} documents (sent: ${documented.map((name) => show(name)).join(', ')})`,
					},
				];
	}

	return misses.map(({sent, documented}) => {
		const underscore = sent.includes('_')
			? '; nginx drops header names with underscores by default (underscores_in_headers off), so use dashes'
			: '';
		return {
			id: 'header.name',
			result: 'fail',
			message: `${show(sent)} is sent; ${catalog.name} documents ${show(documented.name)}: rename the header${underscore}`,
		};
	});
}

/** `header.missing`: a header the provider requires for this method, path and API generation is absent. */
export function checkHeaderMissing(context: CheckContext): CheckResult[] {
	const {catalog} = context;
	const request = context.evidence.request;
	if (!catalog || !request) {
		return [];
	}

	const target = requestTarget(request);
	const generation = decideGeneration(context);
	const misspelt = new Set(nearMisses(request, catalog).map((miss) => miss.documented.name.toLowerCase()));
	const idempotency = catalog.idempotency?.header.toLowerCase();
	const present: string[] = [];
	const results: CheckResult[] = [];
	for (const header of catalog.headers ?? []) {
		const lower = header.name.toLowerCase();
		const required = (header.requiredWhen ?? []).some((matcher) =>
			requestMatches(matcher, request, target, generation),
		);
		// A misspelt header is reported by header.name and a missing idempotency key by idempotency.key.
		if (!required || lower === idempotency || misspelt.has(lower)) {
			continue;
		}

		if (findHeader(request.headers, header.name)) {
			present.push(header.name);
		} else {
			results.push({
				id: 'header.missing',
				result: 'fail',
				message:
					`${show(`${request.method.toUpperCase()} ${target.path}`)} has no ${show(header.name)} header; ` +
					`${catalog.name} requires it (${lowerFirst(header.purpose.replace(/\.$/, ''))})`,
			});
		}
	}

	if (present.length > 0) {
		results.push({
			id: 'header.missing',
			result: 'pass',
			message: `${results.length > 0 ? 'these' : 'the'} headers ${catalog.name} requires for this request are present: ${present.map((name) => show(name)).join(', ')}`,
		});
	}

	return results;
}
