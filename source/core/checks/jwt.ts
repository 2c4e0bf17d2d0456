import {CLOCK_SKEW_SECONDS, issueSeverity} from '../jwt/decode.js';
import {durationInWords} from '../time-words.js';
import type {CheckResult, DecodedJwt} from '../types.js';
import {referenceMilliseconds, referenceSource, show, type CheckContext} from './context.js';

const skewMilliseconds = CLOCK_SKEW_SECONDS * 1000;

function where(jwt: DecodedJwt): string {
	return jwt.source === 'paste' ? 'the pasted JWT' : `the JWT in ${show(jwt.source.replace(/^header:/, ''), 80)}`;
}

function isEncrypted(jwt: DecodedJwt): boolean {
	return jwt.issues.some((issue) => issueSeverity(issue) === 'info');
}

/** `jwt.expired`: each token's `exp` against the reference time (the moment of the request, not of triage). */
export function checkJwtExpired(context: CheckContext): CheckResult[] {
	const reference = referenceMilliseconds(context);
	const referenceIso = context.evidence.referenceTime.iso;
	const source = referenceSource(context.evidence.referenceTime.source);
	const results: CheckResult[] = [];
	for (const jwt of context.evidence.jwts) {
		if (isEncrypted(jwt)) {
			results.push({
				id: 'jwt.expired',
				result: 'manual',
				message: `${where(jwt)} is encrypted (JWE), so its expiry cannot be read here: ask its issuer how long it lives`,
			});
			continue;
		}

		const expires = jwt.expiresAt === null ? Number.NaN : Date.parse(jwt.expiresAt);
		if (reference === null || Number.isNaN(expires)) {
			continue;
		}

		const difference = durationInWords(expires - reference);
		if (expires < reference - skewMilliseconds) {
			const clock =
				context.evidence.referenceTime.source === 'clock' ? '; pass --now with the time of the request' : '';
			results.push({
				id: 'jwt.expired',
				result: 'fail',
				message:
					`${where(jwt)} expired at ${jwt.expiresAt}, ${difference} before ${referenceIso} (${source}${clock}): ` +
					'get a new token (refresh it) and send the request again',
			});
		} else {
			results.push({
				id: 'jwt.expired',
				result: 'pass',
				message: `${where(jwt)} is valid until ${jwt.expiresAt}, ${difference} after the reference time ${referenceIso} (${source})`,
			});
		}
	}

	return results;
}

/** `jwt.not-yet-valid`: `nbf` (fail) or `iat` (warn) later than the reference time beyond the clock skew. */
export function checkJwtNotYetValid(context: CheckContext): CheckResult[] {
	const reference = referenceMilliseconds(context);
	if (reference === null) {
		return [];
	}

	const source = referenceSource(context.evidence.referenceTime.source);
	const results: CheckResult[] = [];
	for (const jwt of context.evidence.jwts) {
		const claims = [
			['nbf', jwt.notBefore, 'fail', 'is not valid before'],
			['iat', jwt.issuedAt, 'warn', 'claims to be issued at'],
		] as const;
		for (const [claim, iso, result, words] of claims) {
			const time = iso === null ? Number.NaN : Date.parse(iso);
			if (!Number.isNaN(time) && time > reference + skewMilliseconds) {
				results.push({
					id: 'jwt.not-yet-valid',
					result,
					message:
						`${where(jwt)} ${words} ${iso} (\`${claim}\`), ${durationInWords(time - reference)} after ` +
						`${context.evidence.referenceTime.iso} (${source}): the issuer's clock or this one is off; sync them (NTP)`,
				});
			}
		}
	}

	return results;
}

/** `jwt.malformed`: a token-shaped value that does not decode, or claims a server rejects. */
export function checkJwtMalformed(context: CheckContext): CheckResult[] {
	const results: CheckResult[] = [];
	for (const jwt of context.evidence.jwts) {
		// A single `eyJ…` segment (a Dfns nonce) was never meant as a JWT.
		if (!jwt.token.includes('.')) {
			continue;
		}

		for (const issue of jwt.issues) {
			const severity = issueSeverity(issue);
			if (severity !== 'info') {
				results.push({id: 'jwt.malformed', result: severity, message: `${where(jwt)}: ${issue}`});
			}
		}
	}

	return results;
}
