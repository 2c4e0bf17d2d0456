import type {Catalog, CatalogEntry} from '../../../source/core/catalog/catalog.js';
import {providerCatalog} from '../../helpers/catalogs.js';
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

/** The bundled catalogs, as the pipeline gets them; a test that needs a variant derives it from one of these. */
export const dakota = providerCatalog('dakota');
export const dfns = providerCatalog('dfns');
export const dguard = providerCatalog('dguard');
export const customerVerification = providerCatalog('customer-verification');

export const vpnDeviceLimit: CatalogEntry = dguard.entries.find((entry) => entry.code === 'VPN_001')!;

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
