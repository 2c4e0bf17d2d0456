import type {Catalog, CatalogEntry} from '../../../source/core/catalog/catalog.js';
import type {CheckContext} from '../../../source/core/checks/index.js';
import {collectJwts} from '../../../source/core/jwt/decode.js';
import type {
	CheckId,
	CheckResult,
	CurlCommand,
	Evidence,
	FormatId,
	Header,
	HttpRequest,
	HttpResponse,
	ReferenceTimeSource,
} from '../../../source/core/types.js';

export const reference = '2024-03-01T12:00:00.000Z';
export const referenceSeconds = Date.parse(reference) / 1000;

const doc = {source: 'test', section: 'test'};

export function jwt(
	payload: Record<string, unknown>,
	header: Record<string, unknown> = {alg: 'ES256', typ: 'JWT'},
): string {
	const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${segment(header)}.${segment(payload)}.c2lnbmF0dXJl`;
}

/** Mirrors 002 (Dakota): `x-api-key` insisted on, sandbox/production hosts, rate limits, recommended idempotency key. */
export const dakota: Catalog = {
	id: 'dakota',
	name: 'Dakota',
	sources: [doc],
	detection: {formats: ['problem-details']},
	hosts: [
		{host: 'api.platform.dakota.xyz', region: null, environment: 'production', doc},
		{host: 'api.platform.sandbox.dakota.xyz', region: null, environment: 'sandbox', doc},
	],
	separateEnvironmentCredentials: true,
	headers: [
		{
			name: 'x-api-key',
			purpose: 'The Dakota API key.',
			insistsOnSpelling: true,
			credential: true,
			requiredWhen: [{}],
			confusions: ['api-key'],
			doc,
		},
		{name: 'x-idempotency-key', purpose: 'Idempotency key.', doc},
	],
	statuses: [],
	entries: [],
	checklists: [
		{
			title: 'Authentication errors',
			statuses: [401],
			codes: ['authentication-error'],
			items: [
				{text: 'The key is sent in `x-api-key` (not `X-Api-Key`, not `api-key`).', check: 'header.casing'},
				{text: 'The key has not expired and was not revoked.'},
				{text: 'The key has no extra spaces, quotes or line breaks.', check: 'auth.format'},
			],
			doc,
		},
	],
	rateLimits: [
		{authentication: 'API key', limit: 60, windowSeconds: 60, doc},
		{authentication: 'JWT (dashboard)', limit: 600, windowSeconds: 60, doc},
		{authentication: 'Application token', limit: 100, windowSeconds: 3600, doc},
		{authentication: 'Unauthenticated', limit: 10, windowSeconds: 60, doc},
	],
	idempotency: {header: 'x-idempotency-key', recommended: [{methods: ['POST']}], doc},
};

/** Mirrors 000/001 (Dfns): Bearer JWT, X-DFNS-USERACTION on mutating calls, legacy nonce/app id, regions. */
export const dfns: Catalog = {
	id: 'dfns',
	name: 'Dfns',
	sources: [doc],
	detection: {formats: ['dfns', 'dfns-legacy']},
	hosts: [
		{host: 'api.dfns.io', region: 'eu', environment: 'production', doc},
		{host: 'api.uae.dfns.io', region: 'uae', environment: 'production', doc},
		{host: 'api.dfns.ninja', region: null, environment: 'staging', doc},
		{host: 'api.dfns.wtf', region: null, environment: 'development', doc},
	],
	headers: [
		{
			name: 'Authorization',
			purpose: 'The JWT.',
			credential: true,
			scheme: 'Bearer',
			requiredWhen: [{}],
			confusions: ['Authentication'],
			doc,
		},
		{
			name: 'X-DFNS-USERACTION',
			purpose: 'The user action signature.',
			requiredWhen: [{methods: ['POST', 'PUT', 'PATCH', 'DELETE']}],
			doc,
		},
		{name: 'X-DFNS-NONCE', purpose: 'A nonce.', requiredWhen: [{generation: 'legacy'}], doc},
		{name: 'X-DFNS-APPID', purpose: 'The app id.', requiredWhen: [{generation: 'legacy'}], doc},
	],
	statuses: [],
	entries: [],
	checklists: [
		{
			title: '401',
			statuses: [401],
			items: [
				{text: 'The request carries an `Authorization` header.', check: 'header.missing'},
				{text: 'The token had not expired.', check: 'jwt.expired'},
				{text: 'The request went to your region.', check: 'region.host'},
			],
			doc,
		},
	],
};

/** Mirrors 003 (DGuard): Idempotency-Key required on POST /refund/request, UUID v4. */
export const dguard: Catalog = {
	id: 'dguard',
	name: 'DGuard',
	sources: [doc],
	detection: {formats: ['dguard']},
	hosts: [{host: 'api.dguard.ai', region: null, environment: 'production', doc}],
	headers: [
		{name: 'Authorization', purpose: 'Access token.', credential: true, scheme: 'Bearer', requiredWhen: [{}], doc},
		{name: 'Idempotency-Key', purpose: 'Idempotency key.', doc},
	],
	statuses: [],
	entries: [],
	idempotency: {
		header: 'Idempotency-Key',
		required: [{methods: ['POST'], path: '/refund/request/?$'}],
		format: 'uuid-v4',
		validityHours: 24,
		doc,
	},
};

export const vpnDeviceLimit: CatalogEntry = {
	code: 'VPN_001',
	status: 429,
	title: 'Device limit reached',
	summary: 'At most 2 devices.',
	causes: [],
	solutions: [],
	suppressChecks: ['ratelimit.retry'],
	doc,
};

/** Mirrors 004 (Customer Verification): a catalog with no hosts or headers of its own. */
export const customerVerification: Catalog = {
	id: 'customer-verification',
	name: 'Customer Verification API',
	sources: [doc],
	detection: {formats: ['customer-verification']},
	hosts: [],
	headers: [],
	statuses: [],
	entries: [],
};

export function request(
	method: string,
	url: string,
	headers: Header[],
	body: string | null = null,
	unexpanded: string[] = [],
): HttpRequest {
	return {method, url, headers, body, unexpanded};
}

export function response(status: number, headers: Header[] = [], body = ''): HttpResponse {
	return {status, statusText: '', httpVersion: 'HTTP/1.1', headers, body};
}

export type Case = {
	request?: HttpRequest | null;
	response?: HttpResponse | null;
	curl?: CurlCommand | null;
	body?: unknown;
	bareToken?: string | null;
	catalog?: Catalog | null;
	status?: number | null;
	code?: string | null;
	entry?: CatalogEntry | null;
	format?: FormatId;
	referenceSource?: ReferenceTimeSource;
};

/** A check context the way the pipeline builds one, JWTs collected from the request, body and paste. */
export function context(input: Case): CheckContext {
	const request = input.request ?? null;
	const evidence: Evidence = {
		kinds: [],
		request,
		curl: input.curl ?? null,
		response: input.response ?? null,
		body: input.body ?? null,
		jwts: collectJwts({request, body: input.body ?? null, bareToken: input.bareToken ?? null}, reference),
		referenceTime: {iso: reference, source: input.referenceSource ?? 'date-header'},
		notes: [],
	};
	return {
		evidence,
		catalog: input.catalog ?? null,
		status: input.status ?? input.response?.status ?? null,
		code: input.code ?? null,
		entry: input.entry ?? null,
		format: input.format ?? 'unknown',
	};
}

export function ids(results: readonly CheckResult[], id?: CheckId): string[] {
	return results
		.filter((result) => id === undefined || result.id === id)
		.map((result) => `${result.id}:${result.result}`);
}

export function only(results: readonly CheckResult[], id: CheckId): CheckResult[] {
	return results.filter((result) => result.id === id);
}
