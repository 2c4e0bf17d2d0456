/* Tokens for tests that decode but never verify: any header and claims, a fixed signature that is not checked. */

/** One base64url segment: a string is encoded as it is (to build broken tokens), anything else as JSON. */
export function segment(value: unknown): string {
	return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A well-formed three-segment JWT; the signature is bytes no key made. */
export function mintJwt(
	payload: unknown,
	header: unknown = {alg: 'HS256', typ: 'JWT'},
	signature = 'c2lnbmF0dXJl',
): string {
	return `${segment(header)}.${segment(payload)}.${signature}`;
}
