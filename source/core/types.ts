/** A header exactly as written: name spelling and order are kept, the checks depend on them. */
export type Header = readonly [name: string, value: string];

/** What a part of a paste was recognised as (the report's `input.kinds` vocabulary). */
export type PartKind =
	| 'error-json'
	| 'curl-command'
	| 'http-response'
	| 'curl-verbose'
	| 'jwt'
	| 'har'
	| 'text'
	| TraceKind
	| 'powershell-command'
	| LogKind;

/** HTTP clients' debug output that shows the request and the response on the wire. */
export type TraceKind = 'python-http-debug' | 'httpie' | 'ruby-http-debug';

/** Errors an HTTP client logs or throws: they know the status, not the status line. */
export type LogKind = 'axios-error' | 'status-log';

/** An HTTP request as the user sent it (from a curl command, a `curl -v` transcript or a HAR entry). */
export type HttpRequest = {
	readonly method: string;
	/** As written; may be relative ("/v1/wallets") when only a request line was seen. */
	readonly url: string;
	readonly headers: readonly Header[];
	readonly body: string | null;
	/**
	 * Lower-case names of the headers curl added by itself (`-d`'s Content-Type, `-u`'s Authorization…); absent when
	 * the request was seen on the wire (curl -v, HAR), where every header is simply sent.
	 */
	readonly implied?: readonly string[];
	/** What the body is made of when curl builds it: text, a file it reads, or multipart fields. */
	readonly payload?: RequestPayload;
	/** Shell expansions left literally in the command (`$TOKEN`, `$(cat key)`): the user's shell would have replaced them. */
	readonly unexpanded: readonly string[];
};

/** A multipart field (`-F`): a value, or a file curl reads and sends (`@file`) or inlines (`<file`), never read here. */
export type FormField =
	{readonly name: string; readonly value: string} | {readonly name: string; readonly file: string};

/** A request body as curl builds it; file contents stay with the user: only their names are known. */
export type RequestPayload =
	| {readonly kind: 'text'; readonly text: string}
	| {readonly kind: 'file'; readonly file: string}
	| {readonly kind: 'form'; readonly fields: readonly FormField[]};

/** An HTTP response: status line, headers and raw body text. */
export type HttpResponse = {
	readonly status: number;
	readonly statusText: string;
	readonly httpVersion: string;
	readonly headers: readonly Header[];
	readonly body: string;
};

/** One parsed curl option, kept for checks and for the `run` allowlist. */
export type CurlOption = {
	/** Canonical long name without dashes (`header`, `request`, `data-raw`), or `url` for a positional URL. */
	readonly name: string;
	/** The spelling as written (`-H`, `--header`, `-sSLX`). */
	readonly written: string;
	readonly value: string | null;
};

/** A curl command line, parsed without a shell. */
export type CurlCommand = {
	readonly request: HttpRequest;
	readonly shell: 'bash' | 'cmd' | 'powershell';
	readonly options: readonly CurlOption[];
	/** Options we do not know, kept verbatim. */
	readonly unknownOptions: readonly string[];
	/** Shell syntax after or around the command (`|`, `>`, `;`, `&&`), which we ignore but report. */
	readonly shellSyntax: readonly string[];
};

/** A HAR entry reduced to what a diagnosis needs. */
export type HarEntry = {
	readonly startedDateTime: string | null;
	readonly request: HttpRequest;
	readonly response: HttpResponse;
};

/** A piece of a paste and what it is. `start`/`end` are offsets into the normalised input text. */
export type Part = {readonly start: number; readonly end: number} & (
	| {
			readonly kind: 'error-json';
			/** The error body, out of any logging or HTTP-client envelope around it. */
			readonly body: unknown;
			/** The body read without a content type, once, when the part was found: a paste has none. */
			readonly reading: ErrorReading;
			readonly lenient: boolean;
			/** What the lenient reader repaired to read the body (`input.repairs`). */
			readonly repairs: readonly string[];
	  }
	| {readonly kind: 'curl-command'; readonly command: CurlCommand}
	| {readonly kind: 'http-response'; readonly responses: readonly HttpResponse[]}
	| {readonly kind: 'curl-verbose'; readonly request: HttpRequest | null; readonly responses: readonly HttpResponse[]}
	| {readonly kind: TraceKind; readonly request: HttpRequest | null; readonly responses: readonly HttpResponse[]}
	| {readonly kind: 'powershell-command'; readonly request: HttpRequest}
	| {
			readonly kind: LogKind;
			readonly request: HttpRequest | null;
			readonly status: number;
			/** The response body the error carries (axios `response.data`); null when the log line has none. */
			readonly body: unknown;
	  }
	| {readonly kind: 'jwt'; readonly token: string}
	| {readonly kind: 'har'; readonly entries: readonly HarEntry[]}
	| {readonly kind: 'text'; readonly text: string}
);

/** Where a JWT was found. */
/**
 * Where a JWT was found (the report's `tokens[].source`): a request or response header, a Cookie or Set-Cookie name,
 * a JSON path or form field of the request body (or just its text), a JSON path of the error body, or the paste
 * itself (with its line, for `errdoctor jwt`).
 */
export type JwtSource =
	| 'paste'
	| `paste:line ${number}`
	| 'request-body'
	| `${'header' | 'response-header' | 'cookie' | 'set-cookie' | 'request-body' | 'body'}:${string}`;

/** A JWT decoded locally. Never verified against a network key. */
export type DecodedJwt = {
	readonly source: JwtSource;
	readonly token: string;
	readonly header: Record<string, unknown>;
	readonly payload: Record<string, unknown> | null;
	readonly expiresAt: string | null;
	readonly notBefore: string | null;
	readonly issuedAt: string | null;
	/** Against the reference time with 60 s of skew; null when there is no usable `exp`. */
	readonly expired: boolean | null;
	readonly issues: readonly string[];
};

export type ReferenceTimeSource = 'flag' | 'date-header' | 'body' | 'clock';
export type ReferenceTime = {readonly iso: string; readonly source: ReferenceTimeSource};

/** Everything a diagnosis is built from. */
export type Evidence = {
	readonly kinds: readonly PartKind[];
	readonly request: HttpRequest | null;
	readonly curl: CurlCommand | null;
	readonly response: HttpResponse | null;
	/** The error body: parsed JSON (or XML text for AWS), from the response or pasted alone. */
	readonly body: unknown;
	readonly jwts: readonly DecodedJwt[];
	readonly referenceTime: ReferenceTime;
	/** Hints for the reader about the input itself ("only a body arrived: add 2>&1 or use -si"). */
	readonly notes: readonly string[];
	/**
	 * What was repaired to read the input ("a missing comma"), in the order applied; the report's `input.repairs`.
	 * Absent when the input needed no repair.
	 */
	readonly repairs?: readonly string[];
};

export type FormatId =
	| 'dfns'
	| 'dfns-legacy'
	| 'problem-details'
	| 'dguard'
	| 'customer-verification'
	| 'oauth2'
	| 'graphql'
	| 'json-api'
	| 'google'
	| 'stripe'
	| 'odata'
	| 'aws'
	| 'github'
	| 'slack'
	| 'unknown';

export type FieldError = {readonly field: string; readonly message: string; readonly code: string | null};

/** A format reader that threw on a body: the body reads as `unknown` instead, and `--debug` shows this. */
export type ReaderCrash = {readonly message: string; readonly stack: string | null};

/** What a body says, read according to its format. */
export type ErrorReading = {
	readonly format: FormatId;
	readonly status: number | null;
	readonly code: string | null;
	readonly message: string | null;
	readonly requestId: string | null;
	readonly timestamp: string | null;
	readonly fieldErrors: readonly FieldError[];
	/** Extra values a format carries (`retryAfter`, `details`, `title`, `instance`). */
	readonly extra: Readonly<Record<string, unknown>>;
	/** Present only when a reader crashed on the body. */
	readonly crash?: ReaderCrash;
};

export type Confidence = 'high' | 'medium' | 'low';
export type ProviderMatch = {
	readonly id: string;
	readonly name: string;
	readonly confidence: Confidence;
	readonly reasons: readonly string[];
};

/** A provider some evidence points at, not enough to name it (`--provider` chooses). */
export type ProviderCandidate = {readonly id: string; readonly reasons: readonly string[]};

export type Explanation = {
	readonly title: string;
	readonly summary: string;
	readonly causes: readonly string[];
	readonly solutions: readonly string[];
	readonly docs: string | null;
	/** Where the docs contradict themselves or the input contradicts the docs. */
	readonly notes: readonly string[];
};

export type CheckOutcome = 'fail' | 'warn' | 'pass' | 'manual';
export type CheckId =
	| 'header.casing'
	| 'header.name'
	| 'header.missing'
	| 'auth.format'
	| 'jwt.expired'
	| 'jwt.not-yet-valid'
	| 'jwt.malformed'
	| 'region.host'
	| 'environment.mismatch'
	| 'ratelimit.retry'
	| 'idempotency.key'
	| 'body.json'
	| 'checklist';
export type CheckResult = {readonly id: CheckId; readonly result: CheckOutcome; readonly message: string};

/** `log`: a client's error or log line that names the status (`AxiosError: … status code 401`, `status=401`). */
export type StatusSource = 'response' | 'log' | 'body' | 'catalog';

/** The one object every renderer draws: the report contract's content. */
export type Diagnosis = {
	readonly evidence: Evidence;
	readonly provider: ProviderMatch | null;
	/** When no provider is named: the ones the evidence points at, most likely first. */
	readonly providerCandidates: readonly ProviderCandidate[];
	readonly reading: ErrorReading;
	readonly status: number | null;
	/** The registered title of `status` (`Unauthorized`), from the HTTP status catalog. */
	readonly statusTitle: string | null;
	readonly statusSource: StatusSource | null;
	readonly explanation: Explanation;
	readonly checks: readonly CheckResult[];
};
