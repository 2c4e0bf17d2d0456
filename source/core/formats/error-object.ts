// The formats that wrap everything in an `error` object, told apart by what is inside it.
import type {ErrorReading, FieldError} from '../types.js';
import {
	type FormatReader,
	type JsonRecord,
	extraOf,
	fieldError,
	firstRecord,
	httpStatus,
	isRecord,
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
	upperSnakeCase,
} from './fields.js';

function googleDetails(details: readonly unknown[] | null, typeSuffix: string): JsonRecord[] {
	return records(details).filter((detail) => ownText(detail, '@type')?.endsWith(typeSuffix) === true);
}

/** Google's AIP-193 error: `code` is the HTTP status, `status` the canonical code. */
function readGoogle(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const status = httpStatus(own(error, 'code'));
	const canonical = ownText(error, 'status');
	const details = ownList(error, 'details');
	const legacyErrors = ownList(error, 'errors');
	if (status === null || typeof own(error, 'code') !== 'number') return null;
	if (canonical === null && details === null && legacyErrors === null) return null;
	const errorInfo = googleDetails(details, 'google.rpc.ErrorInfo')[0] ?? null;
	const requestInfo = googleDetails(details, 'google.rpc.RequestInfo')[0] ?? null;
	const legacyReason = ownText(firstRecord(legacyErrors) ?? {}, 'reason');
	const fieldErrors: FieldError[] = [];
	for (const badRequest of googleDetails(details, 'google.rpc.BadRequest')) {
		for (const violation of records(ownList(badRequest, 'fieldViolations'))) {
			const found = fieldError(own(violation, 'field'), own(violation, 'description'), own(violation, 'reason'));
			if (found) fieldErrors.push(found);
		}
	}

	return reading('google', {
		status,
		code: canonical ?? legacyReason,
		message: ownText(error, 'message'),
		requestId: requestIdIn(requestInfo, error, body),
		timestamp: timestampIn(body, error),
		fieldErrors,
		extra: extraOf({
			reason: errorInfo ? ownText(errorInfo, 'reason') : legacyReason,
			domain: errorInfo ? ownText(errorInfo, 'domain') : null,
			metadata: errorInfo ? ownRecord(errorInfo, 'metadata') : null,
			details,
		}),
	});
}

/** Current Dfns errors carry a long numeric error id that support asks for. */
function readDfns(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const id = ownText(error, 'id');
	const message = ownText(error, 'message');
	if (id === null || !/^\d{8,}$/.test(id) || message === null || own(error, 'code') !== undefined) return null;
	return reading('dfns', {
		status: httpStatus(own(error, 'status')),
		message,
		requestId: id,
		timestamp: timestampIn(body, error),
		extra: extraOf({details: own(error, 'details')}),
	});
}

/** Stripe's `type` is always one of a few `…_error` words; OpenAI and Anthropic copy the shape. */
function readStripe(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const type = ownText(error, 'type');
	const stripeType = type !== null && type.endsWith('_error') && /^[_a-z]+$/.test(type);
	const docUrl = ownText(error, 'doc_url');
	const logUrl = ownText(error, 'request_log_url');
	if (!stripeType && docUrl === null && logUrl === null) return null;
	const message = ownText(error, 'message');
	const code = ownText(error, 'code');
	if (message === null && code === null) return null;
	const logRequestId = logUrl?.split(/[/?#]/).find((segment) => segment.startsWith('req_')) ?? null;
	return reading('stripe', {
		status: httpStatus(own(error, 'status')),
		code: code ?? type,
		message,
		requestId: requestIdIn(error, body) ?? logRequestId,
		timestamp: timestampIn(body, error),
		fieldErrors: presentFieldErrors([fieldError(own(error, 'param'), message, code)]),
		extra: extraOf({
			type,
			doc_url: docUrl,
			request_log_url: logUrl,
			decline_code: ownText(error, 'decline_code'),
		}),
	});
}

/** Customer Verification: UPPER_SNAKE `code`, and `details` (when present) is a sentence, not a list. */
function readCustomerVerification(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const code = ownText(error, 'code');
	const message = ownText(error, 'message');
	const details = own(error, 'details');
	if (code === null || !upperSnakeCase.test(code) || message === null) return null;
	if (details !== undefined && details !== null && typeof details !== 'string') return null;
	if (own(error, 'target') !== undefined || own(error, 'innererror') !== undefined) return null;
	const retryAfter = own(error, 'retryAfter');
	return reading('customer-verification', {
		status: httpStatus(own(error, 'status')),
		code,
		message,
		requestId: requestIdIn(error, body),
		timestamp: timestampIn(body, error),
		fieldErrors: presentFieldErrors([fieldError(own(error, 'field'), text(details) ?? message, code)]),
		extra: extraOf({details, retryAfter}),
	});
}

function odataMessage(value: unknown): string | null {
	// OData v3 wraps the message: {"lang": "en-US", "value": "…"}.
	return isRecord(value) ? ownText(value, 'value') : typeof value === 'string' ? value : null;
}

/** OData / Microsoft Graph / Azure: PascalCase `code`, `details` as a list of nested errors with `target`s. */
function readOdata(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const code = ownText(error, 'code');
	const message = odataMessage(own(error, 'message'));
	if (code === null || message === null) return null;
	const inner = ownRecord(error, 'innererror') ?? ownRecord(error, 'innerError');
	const target = ownText(error, 'target');
	const nested = records(ownList(error, 'details')).map((detail) =>
		fieldError(own(detail, 'target'), odataMessage(own(detail, 'message')), own(detail, 'code')),
	);
	const fieldErrors = presentFieldErrors(nested);
	if (fieldErrors.length === 0 && target !== null) fieldErrors.push({field: target, message, code});
	const innerRequestId = inner ? (ownText(inner, 'request-id') ?? ownText(inner, 'client-request-id')) : null;
	return reading('odata', {
		status: httpStatus(own(error, 'status')),
		code,
		message,
		requestId: innerRequestId ?? requestIdIn(inner, error, body),
		timestamp: timestampIn(inner, error, body),
		fieldErrors,
		extra: extraOf({target, innerCode: inner ? ownText(inner, 'code') : null}),
	});
}

/** Older Dfns errors hold a message and nothing else. */
function readDfnsLegacy(body: JsonRecord, error: JsonRecord): ErrorReading | null {
	const message = ownText(error, 'message');
	if (message === null || Object.keys(error).length !== 1) return null;
	return reading('dfns-legacy', {message, requestId: requestIdIn(body), timestamp: timestampIn(body)});
}

// Most specific first: a numeric `code` is Google's, a digit `id` is Dfns's, an `…_error` type is Stripe's, an
// UPPER_SNAKE code with a sentence for details is Customer Verification's; any other code is OData's.
const readers = [readGoogle, readDfns, readStripe, readCustomerVerification, readOdata, readDfnsLegacy];

export const readErrorObject: FormatReader = (body) => {
	// OData v3 (verbose JSON) names the object `odata.error`; its members are OData's.
	const v3 = ownRecord(body, 'odata.error');
	if (v3) return readOdata(body, v3);
	const error = ownRecord(body, 'error');
	if (!error) return null;
	for (const read of readers) {
		const found = read(body, error);
		if (found) return found;
	}

	return null;
};
