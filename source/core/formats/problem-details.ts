import type {ErrorReading, FieldError} from '../types.js';
import {
	type JsonRecord,
	extraOf,
	fieldError,
	httpStatus,
	isRecord,
	maxItems,
	own,
	ownList,
	ownRecord,
	ownText,
	presentFieldErrors,
	reading,
	records,
	requestIdIn,
	text,
	timestampIn,
} from './fields.js';

/** RFC 9457 names this media type; a body served with it is problem details whatever its members. */
export function isProblemContentType(contentType: string | null): boolean {
	return contentType !== null && /^\s*application\/problem\+json/i.test(contentType);
}

/**
 * The code a problem `type` stands for: the type itself when it is a bare word (`not-found`), the fragment or the
 * last path segment when it is a URI, null for `about:blank` (RFC 9457: no meaning beyond the status).
 */
export function problemTypeCode(type: string): string | null {
	const trimmed = type.trim();
	if (trimmed === '' || trimmed.toLowerCase() === 'about:blank') return null;
	const hash = trimmed.indexOf('#');
	if (hash !== -1 && hash < trimmed.length - 1) return trimmed.slice(hash + 1);
	let rest = (hash === -1 ? trimmed : trimmed.slice(0, hash)).split('?')[0] ?? '';
	const scheme = /^[a-z][\d+.a-z-]*:/i.exec(rest);
	if (scheme) {
		rest = rest.slice(scheme[0].length);
		if (rest.startsWith('//')) {
			const pathStart = rest.indexOf('/', 2);
			rest = pathStart === -1 ? '' : rest.slice(pathStart);
		} else if (!rest.includes('/')) {
			// A URN (`urn:problem:acme:out-of-credit`): its last name is the code.
			rest = rest.slice(rest.lastIndexOf(':') + 1);
		}
	}

	let end = rest.length;
	while (end > 0 && rest[end - 1] === '/') end--;
	const segment = rest.slice(rest.lastIndexOf('/', end - 1) + 1, end);
	return segment === '' ? trimmed : segment;
}

const problemMembers = ['type', 'title', 'detail', 'instance'] as const;

/** Without the media type, a body needs a `type` or `title` and one more problem member to count. */
export function looksLikeProblem(body: JsonRecord): boolean {
	const named = ownText(body, 'type') !== null || ownText(body, 'title') !== null;
	if (!named) return false;
	let members = httpStatus(own(body, 'status')) === null ? 0 : 1;
	for (const member of problemMembers) if (ownText(body, member) !== null) members++;
	return members >= 2;
}

export function hasProblemMember(body: JsonRecord): boolean {
	return own(body, 'status') !== undefined || problemMembers.some((member) => own(body, member) !== undefined);
}

function listedFieldErrors(list: readonly unknown[] | null): FieldError[] {
	return presentFieldErrors(
		records(list).map((item) =>
			fieldError(
				ownText(item, 'field') ?? ownText(item, 'pointer') ?? ownText(item, 'name') ?? ownText(item, 'parameter'),
				ownText(item, 'message') ?? ownText(item, 'detail') ?? ownText(item, 'reason'),
				own(item, 'code'),
			),
		),
	);
}

/** ASP.NET's validation problem: `"errors": {"Email": ["The Email field is required."]}`. */
function mappedFieldErrors(map: JsonRecord): FieldError[] {
	const found: FieldError[] = [];
	for (const field of Object.keys(map).slice(0, maxItems)) {
		const messages = map[field];
		const list = Array.isArray(messages) ? messages.slice(0, maxItems) : [messages];
		for (const message of list) {
			const error = text(message) ? fieldError(field, message, null) : null;
			if (error) found.push(error);
		}
	}

	return found;
}

export function readProblemDetails(body: JsonRecord): ErrorReading {
	const type = ownText(body, 'type');
	const title = ownText(body, 'title');
	const errors = own(body, 'errors');
	const fieldErrors = isRecord(errors)
		? mappedFieldErrors(errors)
		: [
				...listedFieldErrors(Array.isArray(errors) ? errors : null),
				...listedFieldErrors(ownList(body, 'invalid-params')),
			];
	return reading('problem-details', {
		status: httpStatus(own(body, 'status')),
		code: type ? problemTypeCode(type) : null,
		message: ownText(body, 'detail') ?? title,
		requestId: requestIdIn(body, ownRecord(body, 'extensions')),
		timestamp: timestampIn(body),
		fieldErrors,
		extra: extraOf({type, title, instance: ownText(body, 'instance')}),
	});
}
