import {redactHeaders, redactJson, redactRequest, redactText} from '../core/redact/index.js';
import type {
	CheckId,
	CheckOutcome,
	Confidence,
	DecodedJwt,
	Diagnosis,
	FormatId,
	Header,
	PartKind,
	ReferenceTimeSource,
	StatusSource,
} from '../core/types.js';

type HeaderPair = [name: string, value: string];

/** One entry of the report's `jwts`; `errdoctor jwt --json` prints the same shape. */
export type ReportJwt = {
	source: string;
	header: Record<string, unknown>;
	payload: Record<string, unknown> | null;
	expiresAt: string | null;
	expired: boolean | null;
};

/** The `--json` report, schemaVersion 1: design.md "Report contract", described by `schema/report.schema.json`. */
export type Report = {
	schemaVersion: 1;
	input: {kinds: PartKind[]};
	provider: {id: string; name: string; confidence: Confidence; reasons: string[]} | null;
	format: FormatId;
	status: number | null;
	statusSource: StatusSource | null;
	code: string | null;
	message: string | null;
	requestId: string | null;
	referenceTime: {iso: string; source: ReferenceTimeSource};
	explanation: {title: string; summary: string; causes: string[]; solutions: string[]; docs: string | null};
	checks: Array<{id: CheckId; result: CheckOutcome; message: string}>;
	/** Decoded only: the token itself never leaves the machine through a report. */
	jwts: ReportJwt[];
	request: {method: string; url: string; headers: HeaderPair[]} | null;
	response: {status: number; headers: HeaderPair[]} | null;
	fieldErrors: Array<{field: string; message: string; code: string | null}>;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function redactClaims(claims: Record<string, unknown>): Record<string, unknown> {
	const redacted = redactJson(claims);
	return isRecord(redacted) ? redacted : {};
}

/** A decoded JWT as the report shows it: claims redacted, the token itself left out. */
export function reportJwt(jwt: DecodedJwt): ReportJwt {
	return {
		source: jwt.source,
		header: redactClaims(jwt.header),
		payload: jwt.payload === null ? null : redactClaims(jwt.payload),
		expiresAt: jwt.expiresAt,
		expired: jwt.expired,
	};
}

const pairs = (headers: readonly Header[]): HeaderPair[] => headers.map(([name, value]) => [name, value]);

/**
 * The contract object for a diagnosis. Always redacted: reports are saved, pasted and attached to tickets. Text copied
 * from the input is redacted here; messages errdoctor writes itself (checks, notes) must not quote secrets.
 */
export function toReport(diagnosis: Diagnosis): Report {
	const {evidence, provider, reading, explanation} = diagnosis;
	const request = evidence.request ? redactRequest(evidence.request) : null;
	return {
		schemaVersion: 1,
		input: {kinds: [...evidence.kinds]},
		provider: provider
			? {id: provider.id, name: provider.name, confidence: provider.confidence, reasons: [...provider.reasons]}
			: null,
		format: reading.format,
		status: diagnosis.status,
		statusSource: diagnosis.statusSource,
		code: reading.code,
		message: reading.message === null ? null : redactText(reading.message),
		requestId: reading.requestId,
		referenceTime: {iso: evidence.referenceTime.iso, source: evidence.referenceTime.source},
		explanation: {
			title: explanation.title,
			summary: explanation.summary,
			causes: [...explanation.causes],
			solutions: [...explanation.solutions],
			docs: explanation.docs,
		},
		checks: diagnosis.checks.map(({id, result, message}) => ({id, result, message})),
		jwts: evidence.jwts.map((jwt) => reportJwt(jwt)),
		request: request ? {method: request.method, url: request.url, headers: pairs(request.headers)} : null,
		response: evidence.response
			? {status: evidence.response.status, headers: pairs(redactHeaders(evidence.response.headers))}
			: null,
		// A validation message can echo the rejected value, which may be a credential.
		fieldErrors: reading.fieldErrors.map(({field, message, code}) => ({field, message: redactText(message), code})),
	};
}
