import {isKept} from './credentials.js';
import {isSecretName} from './names.js';
import {JWK_PRIVATE_MEMBERS, REDACTED} from './rules.js';
import {redactText} from './text.js';

type Container = Record<string, unknown> | unknown[];
type Task = {readonly source: unknown; readonly target: Container; readonly key: string; readonly secret: boolean};

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') {
		return false;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

function setOwn(target: Container, key: string, value: unknown): void {
	// defineProperty, not assignment: a `__proto__` key in parsed JSON must stay a plain property.
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

function redactScalar(value: unknown, secret: boolean): unknown {
	if (typeof value === 'string') {
		if (secret) {
			return isKept(value) ? value : REDACTED;
		}

		return redactText(value);
	}

	return secret && (typeof value === 'number' || typeof value === 'bigint') ? REDACTED : value;
}

/** `d` of `{"kty": "EC", …}`: a JSON Web Key's private or symmetric key material. */
function isJwkPrivateMember(source: Record<string, unknown>, key: string): boolean {
	return typeof source['kty'] === 'string' && JWK_PRIVATE_MEMBERS.has(key);
}

type Walk = {readonly value: unknown; readonly changed: boolean};

/** Iterative (an explicit work list), so 100,000-deep JSON cannot overflow the stack; shared and cyclic references
 *  map to the same copy. */
export function walkJson(root: unknown): Walk {
	let changed = false;
	// One copy per source object and per "below a secret key" flag: a shared object can sit under both.
	const plainCopies = new Map<object, Container>();
	const secretCopies = new Map<object, Container>();
	const copies = (secret: boolean): Map<object, Container> => (secret ? secretCopies : plainCopies);
	const isContainer = (value: unknown): value is Container => Array.isArray(value) || isPlainObject(value);
	const scalar = (value: unknown, secret: boolean): unknown => {
		const redacted = redactScalar(value, secret);
		changed ||= redacted !== value;
		return redacted;
	};

	if (!isContainer(root)) {
		return {value: scalar(root, false), changed};
	}

	const result: Container = Array.isArray(root) ? [] : {};
	plainCopies.set(root, result);
	const pending: Array<{readonly source: Container; readonly secret: boolean}> = [{source: root, secret: false}];
	const tasks: Task[] = [];
	while (pending.length > 0) {
		const {source, secret} = pending.pop()!;
		const target = copies(secret).get(source)!;
		const keys = Array.isArray(source) ? Array.from(source, (_, index) => String(index)) : Object.keys(source);
		for (const key of keys) {
			const child = (source as Record<string, unknown>)[key];
			// Header-style keys (`{"X-DFNS-USERACTION": …}`, a request's headers as JSON) are judged as headers.
			const childSecret = secret || (!Array.isArray(source) && (isSecretName(key) || isJwkPrivateMember(source, key)));
			tasks.push({source: child, target, key, secret: childSecret});
			const seen = copies(childSecret);
			if (isContainer(child) && !seen.has(child)) {
				seen.set(child, Array.isArray(child) ? [] : {});
				pending.push({source: child, secret: childSecret});
			}
		}
	}

	for (const {source, target, key, secret} of tasks) {
		setOwn(target, key, isContainer(source) ? copies(secret).get(source)! : scalar(source, secret));
	}

	return {value: result, changed};
}

/** A copy of parsed JSON with the values of sensitive keys (at any depth, every leaf below them) replaced and every
 *  other string passed through redactText. Empty strings, booleans and null stay (they show "missing", not a secret). */
export function redactJson(value: unknown): unknown {
	try {
		return walkJson(value).value;
	} catch {
		return REDACTED;
	}
}
