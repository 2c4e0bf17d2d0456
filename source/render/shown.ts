import {escapeInline} from '../core/escape.js';
import {redactHeaders, redactJson, redactRequest, redactText, redactUrl} from '../core/redact/index.js';
import type {CensusReport} from '../core/scan/groups.js';
import type {
	CheckResult,
	DecodedJwt,
	Diagnosis,
	FieldError,
	FormatId,
	Header,
	HttpRequest,
	HttpResponse,
	PartKind,
	ProviderCandidate,
	ProviderMatch,
	ReferenceTime,
	RequestPayload,
	StatusSource,
} from '../core/types.js';

/*
The one boundary between a Diagnosis and a person. Every string that came from the input, or that a check or note
wrote about the input, is redacted here, once; everything downstream (the text, Markdown and JSON renderers, the
TUI, the clipboard, saved files) reads only what this module returns. Escaping for a terminal or Markdown belongs
to the painter, since JSON keeps the characters themselves; `forTerminal` does both for a one-off line.
*/

/** Whether secrets copied from the input are shown: only `--show-secrets` on a terminal asks for them. */
export type ShowOptions = {readonly showSecrets?: boolean};

/** Only this module makes shown values: a Diagnosis or a DecodedJwt, structurally alike, cannot pass for one. */
const shownBrand: unique symbol = Symbol('shown');
type Shown = {readonly [shownBrand]: true};

/** A decoded JWT with its claims redacted; the token itself is left out. */
export type ShownJwt = Shown & Omit<DecodedJwt, 'token' | 'source'> & {readonly source: string};

export type ShownCheck = CheckResult & {
	/** Position in the diagnosis's checks: ticks are kept by it. */
	readonly index: number;
};

/** The request and response as shown: the same shapes as the evidence, their values redacted. */
export type ShownRequest = HttpRequest;
export type ShownResponse = Omit<HttpResponse, 'statusText'>;

/** The diagnosis as every output shows it. */
export type ShownReport = Shown & {
	readonly kinds: readonly PartKind[];
	readonly provider: ProviderMatch | null;
	readonly providerCandidates: readonly ProviderCandidate[];
	readonly format: FormatId;
	readonly status: number | null;
	readonly statusTitle: string | null;
	readonly statusSource: StatusSource | null;
	readonly code: string | null;
	readonly message: string | null;
	readonly requestId: string | null;
	readonly referenceTime: ReferenceTime;
	readonly explanation: {
		readonly title: string;
		readonly summary: string;
		readonly causes: readonly string[];
		readonly solutions: readonly string[];
		readonly docs: string | null;
		readonly notes: readonly string[];
	};
	/** Automatic checks first, then the provider's checklist. */
	readonly checks: readonly ShownCheck[];
	readonly fieldErrors: readonly FieldError[];
	readonly jwts: readonly ShownJwt[];
	readonly request: ShownRequest | null;
	readonly response: ShownResponse | null;
	/** What errdoctor noticed about the input itself. */
	readonly inputNotes: readonly string[];
	/** What the lenient reader repaired; errdoctor's own fixed phrases, so nothing to redact. */
	readonly repairs: readonly string[];
	readonly secretsShown: boolean;
};

type Redactor = {
	readonly text: (text: string) => string;
	readonly nullable: (text: string | null) => string | null;
	readonly headers: (headers: readonly Header[]) => readonly Header[];
	readonly json: (record: Record<string, unknown>) => Record<string, unknown>;
	/** A body of `request`, redacted as its Content-Type and shape say (JSON keys, form pairs). */
	readonly body: (request: HttpRequest, body: string) => string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const hidden: Redactor = {
	text: redactText,
	nullable: (text) => (text === null ? null : redactText(text)),
	headers: redactHeaders,
	json(record) {
		const redacted = redactJson(record);
		return isRecord(redacted) ? redacted : {};
	},
	body: (request, body) => redactRequest({...request, body}).body ?? '',
};

const identity = <T>(value: T): T => value;
const revealed: Redactor = {
	text: identity,
	nullable: identity,
	headers: identity,
	json: identity,
	body: (_, body) => body,
};

/** A JSON or form body is redacted by its keys (`password`, `client_secret`), like the request's own body. */
function showPayload(payload: RequestPayload, request: HttpRequest, redact: Redactor): RequestPayload {
	switch (payload.kind) {
		case 'text': {
			return {kind: 'text', text: redact.body(request, payload.text)};
		}

		case 'file': {
			return {kind: 'file', file: redact.text(payload.file)};
		}

		case 'form': {
			return {
				kind: 'form',
				fields: payload.fields.map((field) =>
					'file' in field
						? {name: redact.text(field.name), file: redact.text(field.file)}
						: {
								name: redact.text(field.name),
								value: String(redact.json({[field.name]: field.value})[field.name] ?? ''),
							},
				),
			};
		}
	}
}

function showJwtWith(jwt: DecodedJwt, redact: Redactor): ShownJwt {
	return {
		[shownBrand]: true,
		source: redact.text(jwt.source),
		header: redact.json(jwt.header),
		payload: jwt.payload === null ? null : redact.json(jwt.payload),
		expiresAt: jwt.expiresAt,
		notBefore: jwt.notBefore,
		issuedAt: jwt.issuedAt,
		expired: jwt.expired,
		issues: jwt.issues.map((issue) => redact.text(issue)),
	};
}

/** A decoded JWT as shown: header and claims redacted (a `password` claim, a nested token), the token left out. */
export function showJwt(jwt: DecodedJwt): ShownJwt {
	return showJwtWith(jwt, hidden);
}

/** Automatic checks first, then the provider's checklist; `index` stays the position in the diagnosis. */
function orderedChecks(diagnosis: Diagnosis, redact: Redactor): ShownCheck[] {
	const checks = diagnosis.checks.map(({id, result, message}, index) => ({
		id,
		result,
		message: redact.text(message),
		index,
	}));
	return [...checks.filter(({id}) => id !== 'checklist'), ...checks.filter(({id}) => id === 'checklist')];
}

/**
 * A message a reader took from one line of a plain-text body may end inside a token the terminal wrapped onto the
 * next line, where no rule can recognise it: it is redacted together with the line that follows.
 */
function shownMessage(message: string | null, body: string | null): string | null {
	if (message === null) return null;
	const start = body?.indexOf(message) ?? -1;
	const after = start === -1 ? undefined : body?.[start + message.length];
	// Only a message that is a whole line of the body (plain text) can have been cut by a line break.
	if (body === null || (after !== '\n' && after !== '\r')) return redactText(message);
	const next = body.indexOf('\n', start + message.length + 1);
	return redactText(body.slice(start, next === -1 ? undefined : next)).split('\n')[0] ?? '';
}

/** The diagnosis as it may be shown: redacted unless `showSecrets`. */
export function showDiagnosis(diagnosis: Diagnosis, options: ShowOptions = {}): ShownReport {
	const redact = options.showSecrets ? revealed : hidden;
	const {evidence, provider, reading, explanation} = diagnosis;
	const sent = evidence.request ? (options.showSecrets ? evidence.request : redactRequest(evidence.request)) : null;
	const response = evidence.response;
	return {
		[shownBrand]: true,
		kinds: evidence.kinds,
		provider: provider
			? {
					id: provider.id,
					name: provider.name,
					confidence: provider.confidence,
					reasons: provider.reasons.map((reason) => redact.text(reason)),
				}
			: null,
		providerCandidates: diagnosis.providerCandidates.map((candidate) => ({
			id: candidate.id,
			reasons: candidate.reasons.map((reason) => redact.text(reason)),
		})),
		format: reading.format,
		status: diagnosis.status,
		statusTitle: diagnosis.statusTitle,
		statusSource: diagnosis.statusSource,
		code: redact.nullable(reading.code),
		message: options.showSecrets ? reading.message : shownMessage(reading.message, response?.body ?? null),
		requestId: redact.nullable(reading.requestId),
		referenceTime: evidence.referenceTime,
		// Titles, summaries, causes and solutions are the catalogs' own words, never the input's; notes quote the input.
		explanation: {
			title: explanation.title,
			summary: explanation.summary,
			causes: explanation.causes,
			solutions: explanation.solutions,
			docs: explanation.docs === null ? null : options.showSecrets ? explanation.docs : redactUrl(explanation.docs),
			notes: explanation.notes.map((note) => redact.text(note)),
		},
		checks: orderedChecks(diagnosis, redact),
		fieldErrors: reading.fieldErrors.map(({field, message, code}) => ({
			field: redact.text(field),
			message: redact.text(message),
			code: redact.nullable(code),
		})),
		jwts: evidence.jwts.map((jwt) => showJwtWith(jwt, hidden)),
		request: sent
			? {
					method: sent.method,
					url: sent.url,
					headers: sent.headers,
					unexpanded: sent.unexpanded.map((item) => redact.text(item)),
					body: sent.body,
					...(sent.implied === undefined ? {} : {implied: sent.implied}),
					...(evidence.request?.payload === undefined
						? {}
						: {payload: showPayload(evidence.request.payload, evidence.request, redact)}),
				}
			: null,
		response: response
			? {
					httpVersion: response.httpVersion,
					status: response.status,
					headers: redact.headers(response.headers),
					body: redact.text(response.body),
				}
			: null,
		inputNotes: evidence.notes.map((note) => redact.text(note)),
		repairs: evidence.repairs ?? [],
		secretsShown: options.showSecrets === true,
	};
}

/** A scan's census as shown: codes and request ids come from the log, so they are redacted like a report's. */
export type ShownScan = Shown & {readonly report: CensusReport};

export function showScan(report: CensusReport): ShownScan {
	return {
		[shownBrand]: true,
		report: {
			...report,
			groups: report.groups.map((group) => ({
				...group,
				code: group.code === null ? null : redactText(group.code),
				requestIds: group.requestIds.map((id) => redactText(id)),
				example: redactText(group.example),
			})),
		},
	};
}

/** The raw input for the Raw section: redacted whole first, so a token straddling the cut is never shown in part. */
export function showInput(input: string, limit: number): {readonly text: string; readonly cut: boolean} {
	const redacted = redactText(input);
	return redacted.length > limit ? {text: redacted.slice(0, limit), cut: true} : {text: redacted, cut: false};
}

/** Text from the input for any other output (scan's groups, messages that quote an argument): redacted. */
export function shownText(text: string): string {
	return redactText(text);
}

/** A URL from the input: userinfo and secret query values redacted. */
export function shownUrl(url: string): string {
	return redactUrl(url);
}

/** One line from the input for a terminal or stderr: redacted, then every control character made visible. */
export function forTerminal(text: string): string {
	return escapeInline(redactText(text));
}
