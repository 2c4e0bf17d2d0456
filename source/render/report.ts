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
import type {ShownJwt, ShownReport} from './shown.js';

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
	/** `repairs` only when the lenient reader repaired something, so a clean input's report is unchanged. */
	input: {kinds: PartKind[]; repairs?: string[]};
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

/** The contract object, from the shown report: what reaches `--json` was redacted at the same boundary. */
export function toReport(shown: ShownReport): Report {
	const {explanation, request, response} = shown;
	// Checks keep the diagnosis's order in the contract.
	const checks = [...shown.checks].sort((left, right) => left.index - right.index);
	return {
		schemaVersion: 1,
		input: {kinds: [...shown.kinds], ...(shown.repairs.length > 0 && {repairs: [...shown.repairs]})},
		provider: shown.provider ? {...shown.provider, reasons: [...shown.provider.reasons]} : null,
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
		request: request ? {method: request.method, url: request.url, headers: pairs(request.headers)} : null,
		response: response ? {status: response.status, headers: pairs(response.headers)} : null,
		fieldErrors: shown.fieldErrors.map(({field, message, code}) => ({field, message, code})),
	};
}
