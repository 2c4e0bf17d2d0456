// Formats that put a list of errors under `errors`: JSON:API and GraphQL.
import type {ErrorReading} from '../types.js';
import {
	type FormatReader,
	type JsonRecord,
	extraOf,
	fieldError,
	firstRecord,
	httpStatus,
	own,
	ownList,
	ownRecord,
	ownText,
	presentFieldErrors,
	reading,
	records,
	requestIdIn,
	timestampIn,
} from './fields.js';

export function isJsonApiContentType(contentType: string | null): boolean {
	return contentType !== null && /^\s*application\/vnd\.api\+json/i.test(contentType);
}

const jsonApiMembers = ['title', 'detail', 'source'] as const;

/** JSON:API error objects have no `message`; they have a `title`, `detail`, `source` or string `status`. */
function looksLikeJsonApi(body: JsonRecord, first: JsonRecord): boolean {
	if (own(body, 'message') !== undefined || own(first, 'message') !== undefined) return false;
	return typeof own(first, 'status') === 'string' || jsonApiMembers.some((member) => own(first, member) !== undefined);
}

export function readJsonApi(body: JsonRecord, contentType: string | null): ErrorReading | null {
	const errors = ownList(body, 'errors');
	const first = firstRecord(errors);
	if (!first || (!isJsonApiContentType(contentType) && !looksLikeJsonApi(body, first))) return null;
	const fieldErrors = presentFieldErrors(
		records(errors).map((error) => {
			const source = ownRecord(error, 'source');
			const field = source
				? (ownText(source, 'pointer') ?? ownText(source, 'parameter') ?? ownText(source, 'header'))
				: null;
			return fieldError(field, ownText(error, 'detail') ?? ownText(error, 'title'), own(error, 'code'));
		}),
	);
	const title = ownText(first, 'title');
	const meta = ownRecord(body, 'meta');
	return reading('json-api', {
		status: httpStatus(own(first, 'status')),
		code: ownText(first, 'code') ?? title,
		message: ownText(first, 'detail') ?? title,
		requestId: requestIdIn(body, meta, ownRecord(first, 'meta')),
		timestamp: timestampIn(body, meta),
		fieldErrors,
		extra: extraOf({title, id: ownText(first, 'id')}),
	});
}

const graphqlErrorMembers = ['extensions', 'path', 'locations'] as const;
/** Top-level members that make a body with `errors` something other than a GraphQL response. */
const notGraphql = ['message', 'type', 'title', 'documentation_url'] as const;

/** A GraphQL response: `errors` with messages, and `data` or GraphQL's own error members. */
export const readGraphql: FormatReader = (body) => {
	const errors = ownList(body, 'errors');
	const first = firstRecord(errors);
	const message = first ? ownText(first, 'message') : null;
	if (!first || message === null || notGraphql.some((member) => own(body, member) !== undefined)) return null;
	if (own(body, 'data') === undefined && !graphqlErrorMembers.some((member) => own(first, member) !== undefined)) {
		return null;
	}

	const extensions = ownRecord(first, 'extensions');
	return reading('graphql', {
		code: extensions ? ownText(extensions, 'code') : null,
		message,
		requestId: requestIdIn(ownRecord(body, 'extensions'), extensions, body),
		timestamp: timestampIn(extensions, body),
		extra: extraOf({path: ownList(first, 'path'), errorCount: errors?.length}),
	});
};
