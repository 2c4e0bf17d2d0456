import type {CheckId, CheckResult} from '../types.js';
import {checkAuthFormat} from './auth.js';
import {checkBodyJson} from './body.js';
import {checkChecklists} from './catalog-checklists.js';
import type {Check, CheckContext} from './context.js';
import {checkHeaderCasing, checkHeaderMissing, checkHeaderName} from './headers.js';
import {checkIdempotency} from './idempotency.js';
import {checkJwtExpired, checkJwtMalformed, checkJwtNotYetValid} from './jwt.js';
import {checkRateLimit} from './ratelimit.js';
import {checkEnvironmentMismatch, checkRegionHost} from './region.js';

export type {CheckContext} from './context.js';

/** The readme's order: what the request says, then the credential, then where it went, then what came back. */
const checks: ReadonlyArray<readonly [CheckId, Check]> = [
	['header.casing', checkHeaderCasing],
	['header.name', checkHeaderName],
	['header.missing', checkHeaderMissing],
	['auth.format', checkAuthFormat],
	['jwt.expired', checkJwtExpired],
	['jwt.not-yet-valid', checkJwtNotYetValid],
	['jwt.malformed', checkJwtMalformed],
	['region.host', checkRegionHost],
	['environment.mismatch', checkEnvironmentMismatch],
	['ratelimit.retry', checkRateLimit],
	['idempotency.key', checkIdempotency],
	['body.json', checkBodyJson],
];

/**
 * Every check that applies to this provider and input, in the fixed order, then the catalog's checklist items.
 * A check that trips over exotic input is skipped rather than allowed to break the diagnosis.
 */
export function runChecks(context: CheckContext): CheckResult[] {
	const suppressed = new Set<CheckId>(context.entry?.suppressChecks ?? []);
	const results: CheckResult[] = [];
	for (const [id, check] of checks) {
		if (suppressed.has(id)) {
			continue;
		}

		try {
			results.push(...check(context).filter((result) => result.id === id));
		} catch {
			continue;
		}
	}

	try {
		return [...results, ...checkChecklists(context, results)];
	} catch {
		return results;
	}
}
