import type {RequestMatcher} from '../catalog/catalog.js';
import type {CheckResult} from '../types.js';
import {
	decideGeneration,
	findHeader,
	nearMisses,
	requestMatches,
	requestTarget,
	show,
	type CheckContext,
} from './context.js';

const uuidV4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/i;

/** `idempotency.key`: a mutating request without the provider's idempotency key, or with one of the wrong shape. */
export function checkIdempotency(context: CheckContext): CheckResult[] {
	const idempotency = context.catalog?.idempotency;
	const request = context.evidence.request;
	if (!context.catalog || !idempotency || !request) {
		return [];
	}

	const target = requestTarget(request);
	const generation = decideGeneration(context);
	const matches = (matchers: readonly RequestMatcher[] | undefined | null): boolean =>
		(matchers ?? []).some((matcher) => requestMatches(matcher, request, target, generation));
	const required = matches(idempotency.required);
	if (!required && !matches(idempotency.recommended)) {
		return [];
	}

	const name = context.catalog.name;
	const call = show(`${request.method.toUpperCase()} ${target.path}`);
	const sent = findHeader(request.headers, idempotency.header);
	if (!sent) {
		// A misspelt key header is header.name's finding; reporting it missing too would double the root cause.
		if (nearMisses(request, context.catalog).some((miss) => miss.documented.name === idempotency.header)) {
			return [];
		}

		const validity = idempotency.validityHours ? `, valid ${idempotency.validityHours} h` : '';
		const example = /uuid/i.test(idempotency.format ?? '') ? '<uuid v4>' : '<unique key>';
		return [
			{
				id: 'idempotency.key',
				result: required ? 'fail' : 'warn',
				message: required
					? `${call} has no ${show(idempotency.header)}; ${name} requires it here: add -H '${idempotency.header}: ${example}' (one per operation${validity})`
					: `${call} has no ${show(idempotency.header)}; ${name} recommends one so a retry cannot run the operation twice: add -H '${idempotency.header}: ${example}'`,
			},
		];
	}

	const value = sent[1].trim();
	if (value === '') {
		return [
			{
				id: 'idempotency.key',
				result: 'fail',
				message: `${show(sent[0])} is empty: send a key unique to this operation`,
			},
		];
	}

	if (/uuid/i.test(idempotency.format ?? '') && !uuidV4.test(value)) {
		return [
			{
				id: 'idempotency.key',
				result: 'warn',
				message: `${show(sent[0])} is ${show(value, 40)}, not a UUID v4 as ${name} asks (e.g. 550e8400-e29b-41d4-a716-446655440000)`,
			},
		];
	}

	return [
		{
			id: 'idempotency.key',
			result: 'pass',
			message: `${show(sent[0])} is present${/uuid/i.test(idempotency.format ?? '') ? ' and a UUID v4' : ''}`,
		},
	];
}
