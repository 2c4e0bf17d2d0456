import type {
	CheckId,
	CheckOutcome,
	Confidence,
	FormatId,
	Header,
	PartKind,
	ReferenceTimeSource,
	StatusSource,
} from '../core/types.js';
import type {ShownJwt, ShownReport, ShownRequest} from './shown.js';

type HeaderPair = [name: string, value: string];
/**
 * A request header; one curl adds by itself carries a third element. Written headers stay pairs, so a consumer that
 * reads `[name, value]` keeps working and a report without implied headers is unchanged.
 */
type RequestHeader = HeaderPair | [name: string, value: string, flags: {implied: true}];
/** The request body: its text, the file curl reads it from (never its content), or multipart fields. */
type ReportBody =
	{text: string} | {file: string} | {fields: Array<{name: string; value: string} | {name: string; file: string}>};

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
	/** `repairs` only when the lenient reader repaired something, so a clean input's report is unchanged. */
	input: {kinds: PartKind[]; repairs?: string[]};
	provider: {id: string; name: string; confidence: Confidence; reasons: string[]} | null;
	/** When `provider` is null: the providers some evidence points at, most likely first (`--provider` chooses). */
	providerCandidates: Array<{id: string; reasons: string[]}>;
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
	request: {method: string; url: string; headers: RequestHeader[]; body: ReportBody | null} | null;
	response: {status: number; headers: HeaderPair[]} | null;
	fieldErrors: Array<{field: string; message: string; code: string | null}>;
};

export function reportJwt(jwt: ShownJwt): ReportJwt {
	return {
		source: jwt.source,
		header: jwt.header,
		payload: jwt.payload,
		expiresAt: jwt.expiresAt,
		expired: jwt.expired,
	};
}

const pairs = (headers: readonly Header[]): HeaderPair[] => headers.map(([name, value]) => [name, value]);

function requestHeaders(request: ShownRequest): RequestHeader[] {
	const implied = new Set(request.implied);
	return request.headers.map(([name, value]) =>
		implied.has(name.toLowerCase()) ? [name, value, {implied: true}] : [name, value],
	);
}

function requestBody(request: ShownRequest): ReportBody | null {
	const {payload} = request;
	if (payload === undefined) return request.body === null ? null : {text: request.body};
	if (payload.kind === 'text') return {text: payload.text};
	if (payload.kind === 'file') return {file: payload.file};
	return {fields: payload.fields.map((field) => ({...field}))};
}

/** The contract object, from the shown report: what reaches `--json` was redacted at the same boundary. */
export function toReport(shown: ShownReport): Report {
	const {explanation, request, response} = shown;
	// Checks keep the diagnosis's order in the contract.
	const checks = [...shown.checks].sort((left, right) => left.index - right.index);
	return {
		schemaVersion: 1,
		input: {kinds: [...shown.kinds], ...(shown.repairs.length > 0 && {repairs: [...shown.repairs]})},
		provider: shown.provider ? {...shown.provider, reasons: [...shown.provider.reasons]} : null,
		providerCandidates: shown.providerCandidates.map(({id, reasons}) => ({id, reasons: [...reasons]})),
		format: shown.format,
		status: shown.status,
		statusSource: shown.statusSource,
		code: shown.code,
		message: shown.message,
		requestId: shown.requestId,
		referenceTime: {iso: shown.referenceTime.iso, source: shown.referenceTime.source},
		explanation: {
			title: explanation.title,
			summary: explanation.summary,
			causes: [...explanation.causes],
			solutions: [...explanation.solutions],
			docs: explanation.docs,
		},
		checks: checks.map(({id, result, message}) => ({id, result, message})),
		jwts: shown.jwts.map((jwt) => reportJwt(jwt)),
		request: request
			? {method: request.method, url: request.url, headers: requestHeaders(request), body: requestBody(request)}
			: null,
		response: response ? {status: response.status, headers: pairs(response.headers)} : null,
		fieldErrors: shown.fieldErrors.map(({field, message, code}) => ({field, message, code})),
	};
}
