import type {CheckId, FormatId} from '../types.js';

/** A citation: which provider doc and which section of it a fact comes from. */
export type DocRef = {
	/** The doc file in shared/provider-docs, e.g. `002_298349968309aa8b.txt`, or an RFC (`RFC 9110`). */
	readonly source: string;
	/** The section heading inside it, e.g. `Error Types Reference › authentication-error`. */
	readonly section: string;
	/** Public URL of the page, when known. */
	readonly url?: string;
};

/** Matches a request by method and path; every given field must match. */
export type RequestMatcher = {
	readonly methods?: readonly string[];
	/** Regular expression source tested against the URL path (no query). */
	readonly path?: string;
	/** API generation, for providers whose docs describe two (`current`, `legacy`). */
	readonly generation?: string;
};

export type CatalogHost = {
	readonly host: string;
	readonly region: string | null;
	readonly environment: 'production' | 'sandbox' | 'staging' | 'development';
	readonly deprecated?: boolean;
	readonly doc: DocRef;
};

export type CatalogHeader = {
	/** The spelling the docs use. */
	readonly name: string;
	readonly purpose: string;
	/** The docs insist on this exact spelling (Dakota: "not X-Api-Key or api-key"). */
	readonly insistsOnSpelling?: boolean;
	/** Credential headers are redacted and checked by `auth.format`. */
	readonly credential?: boolean;
	/** `Bearer` for Authorization-style credentials, absent for raw keys. */
	readonly scheme?: string;
	/** When the request needs it; absent means optional. */
	readonly requiredWhen?: readonly RequestMatcher[];
	/** Spellings people send by mistake, beyond what edit distance finds (`Authentication`). */
	readonly confusions?: readonly string[];
	readonly doc: DocRef;
};

/** One documented error: found by code, problem type, or message pattern. */
export type CatalogEntry = {
	/** Provider code or problem type (`REFUND_004`, `authentication-error`). */
	readonly code?: string;
	/** Case-insensitive regular expression source for message-only errors (Dfns legacy). */
	readonly messagePattern?: string;
	/** Documented status; null where the docs say it varies. */
	readonly status: number | null;
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	/** Waiting and retrying can help. */
	readonly retryable?: boolean;
	/** Checks that can never help here (`ratelimit.retry` on a device limit). */
	readonly suppressChecks?: readonly CheckId[];
	/** Codes with a related meaning, for `lookup`. */
	readonly related?: readonly string[];
	/** Where the docs contradict themselves about this entry. */
	readonly contradictions?: readonly string[];
	/** Not an error (Dfns 202 policy pending). */
	readonly notAnError?: boolean;
	/** The body field that carries this code when it is not the format's main code (`decline_code`). */
	readonly codeField?: string;
	readonly doc: DocRef;
};

/** The provider's meaning of a bare status, used when no code matches. */
export type CatalogStatus = Omit<CatalogEntry, 'code' | 'messagePattern' | 'status'> & {readonly status: number};

export type ChecklistItem = {
	readonly text: string;
	/** The automatic check that answers this item, when one does. */
	readonly check?: CheckId;
};

export type Checklist = {
	readonly title: string;
	/** Applies when the status or the code matches. */
	readonly statuses?: readonly number[];
	readonly codes?: readonly string[];
	readonly items: readonly ChecklistItem[];
	readonly doc: DocRef;
};

export type RateLimit = {
	readonly authentication: string;
	readonly limit: number;
	readonly windowSeconds: number;
	readonly doc: DocRef;
};

export type Idempotency = {
	readonly header: string;
	readonly required?: readonly RequestMatcher[];
	readonly recommended?: readonly RequestMatcher[];
	readonly format?: string;
	readonly validityHours?: number;
	readonly doc: DocRef;
};

/** Signals that point at this provider, each worth some score in detection. */
export type Detection = {
	/** Body formats this provider uses. A format alone never names the provider when it is generic. */
	readonly formats: readonly FormatId[];
	/** Header names only this provider uses (`X-DFNS-USERACTION`). */
	readonly headerNames?: readonly string[];
	/** Regular expression sources for identifiers only this provider issues (`^wa-`, `^cst_`). */
	readonly idPatterns?: readonly string[];
	/** Regular expression source for this provider's code vocabulary (`^(AUTH|FRAUD)_\\d{3}$`). */
	readonly codePattern?: string;
	readonly contentTypes?: readonly string[];
};

/** Everything errdoctor knows about one provider, loaded from `catalogs/<id>.json`. */
export type Catalog = {
	readonly id: string;
	readonly name: string;
	readonly sources: readonly DocRef[];
	readonly detection: Detection;
	readonly hosts: readonly CatalogHost[];
	/** Credentials are bound to one environment (sandbox keys fail in production). */
	readonly separateEnvironmentCredentials?: boolean;
	/** Credential shapes that reveal the environment (`sk_test_` → sandbox). */
	readonly credentialEnvironments?: ReadonlyArray<{readonly pattern: string; readonly environment: string}>;
	/** Documented credential shapes (`^sk_live_`), for format and environment checks. */
	readonly credentialFormats?: ReadonlyArray<{
		readonly pattern: string;
		readonly name: string;
		readonly environment?: string;
		readonly doc: DocRef;
	}>;
	/** The provider's public documentation home page. */
	readonly homepage?: string;
	/** Host families matched by an anchored pattern over the lower-case host; group 1, when present, is the region. */
	readonly hostPatterns?: ReadonlyArray<{
		readonly pattern: string;
		readonly region: string | null;
		readonly environment: string;
		readonly service?: string;
		readonly doc: DocRef;
	}>;
	/** Where the provider puts the request id: response headers and body fields (group 1 of `pattern` is the id). */
	readonly requestIds?: {
		readonly headers?: readonly string[];
		readonly bodyFields?: ReadonlyArray<{readonly path: string; readonly pattern?: string}>;
		readonly doc?: DocRef;
	};
	readonly headers: readonly CatalogHeader[];
	readonly statuses: readonly CatalogStatus[];
	readonly entries: readonly CatalogEntry[];
	readonly checklists?: readonly Checklist[];
	readonly rateLimits?: readonly RateLimit[];
	readonly rateLimitHeaders?: readonly string[];
	readonly idempotency?: Idempotency;
	/** Where the docs contradict themselves, in the catalog's words. */
	readonly contradictions?: readonly string[];
	readonly bestPractices?: readonly string[];
};

/** One HTTP status in `catalogs/http-status.json`. */
export type HttpStatusEntry = {
	readonly status: number;
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	readonly retryable: boolean;
	readonly doc: DocRef;
};

/** A generic format's code vocabulary (OAuth 2.0, Google, Slack, Stripe). */
export type VocabularyEntry = {
	readonly format: FormatId;
	readonly code: string;
	readonly status: number | null;
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	readonly doc: DocRef;
};

/** All catalogs, as the pipeline receives them. */
export type CatalogSet = {
	readonly providers: readonly Catalog[];
	readonly httpStatuses: readonly HttpStatusEntry[];
	readonly vocabularies: readonly VocabularyEntry[];
};
