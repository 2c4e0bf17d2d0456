import type {Catalog, CatalogHost} from '../catalog/catalog.js';
import {looksLikeJwt} from '../parts/jwt-token.js';
import type {CheckResult, DecodedJwt, HttpRequest} from '../types.js';
import {headerValue, requestTarget, show, stripScheme, type CheckContext} from './context.js';

const authStatuses = new Set([401, 403]);

function regionName(region: string): string {
	return region.length <= 3 ? region.toUpperCase() : region;
}

function hostWords(host: CatalogHost): string {
	const labels = [host.region === null ? null : regionName(host.region), host.environment].filter(Boolean);
	return `${host.host} (${labels.join(', ')})`;
}

/** The last two labels: `api.eu.dfns.io` and `api.dfns.io` share `dfns.io`. */
function registrableDomain(host: string): string {
	return host.split('.').slice(-2).join('.');
}

function claimTexts(jwt: DecodedJwt): string[] {
	const texts: string[] = [];
	for (const claim of ['iss', 'aud']) {
		const value = jwt.payload?.[claim];
		for (const item of Array.isArray(value) ? value : [value]) {
			if (typeof item === 'string' && item.length <= 2000) {
				texts.push(item.toLowerCase());
			}
		}
	}

	return texts;
}

/** The catalog host a JWT's `iss`/`aud` names, bounded by non-host characters so `xapi.dfns.io` is not `api.dfns.io`. */
function hostInText(text: string, hosts: readonly CatalogHost[]): CatalogHost | null {
	let best: CatalogHost | null = null;
	for (const host of hosts) {
		const name = host.host.toLowerCase();
		let index = text.indexOf(name);
		while (index !== -1) {
			const before = text[index - 1];
			const after = text[index + name.length];
			const bounded =
				(before === undefined || !/[\w.-]/.test(before)) && (after === undefined || !/[\w.-]/.test(after));
			if (bounded && (best === null || name.length > best.host.length)) {
				best = host;
			}

			index = text.indexOf(name, index + 1);
		}
	}

	return best;
}

type NamedHost = {readonly jwt: DecodedJwt; readonly host: CatalogHost};

function credentialHosts(context: CheckContext, hosts: readonly CatalogHost[]): NamedHost[] {
	const named: NamedHost[] = [];
	for (const jwt of context.evidence.jwts) {
		for (const text of claimTexts(jwt)) {
			const host = hostInText(text, hosts);
			if (host) {
				named.push({jwt, host});
				break;
			}
		}
	}

	return named;
}

function productionRegions(catalog: Catalog): CatalogHost[] {
	const byRegion = new Map<string, CatalogHost>();
	for (const host of catalog.hosts ?? []) {
		if (host.environment === 'production' && host.region !== null && host.region !== undefined && !host.deprecated) {
			if (!byRegion.has(host.region)) {
				byRegion.set(host.region, host);
			}
		}
	}

	return [...byRegion.values()];
}

function regionAdvice(regions: readonly CatalogHost[]): string {
	return regions
		.map((host) => `if your organisation lives in the ${regionName(host.region!)} region, call ${host.host}`)
		.join('; ');
}

function sourceName(jwt: DecodedJwt): string {
	return jwt.source === 'paste' ? 'the pasted JWT' : `the JWT in ${show(jwt.source.replace(/^header:/, ''), 80)}`;
}

/** `region.host`: the request goes to a host the provider does not serve from, or to another region than the credential's. */
export function checkRegionHost(context: CheckContext): CheckResult[] {
	const {catalog} = context;
	const hosts = catalog?.hosts ?? [];
	if (!catalog || hosts.length === 0) {
		return [];
	}

	const request = context.evidence.request;
	const host = request ? requestTarget(request).host : null;
	const known = host === null ? null : (hosts.find((candidate) => candidate.host.toLowerCase() === host) ?? null);
	const results: CheckResult[] = [];
	if (
		host !== null &&
		known === null &&
		hosts.some((candidate) => registrableDomain(candidate.host.toLowerCase()) === registrableDomain(host))
	) {
		const list = hosts.filter((candidate) => !candidate.deprecated).map(hostWords);
		return [
			{
				id: 'region.host',
				result: 'fail',
				message: `${show(host)} is not a ${catalog.name} API host; ${catalog.name} documents ${list.join(', ')}`,
			},
		];
	}

	const named = credentialHosts(context, hosts);
	if (known !== null) {
		for (const {jwt, host: credentialHost} of named) {
			const region = credentialHost.region;
			if (region !== null && known.region !== null && region !== known.region) {
				results.push({
					id: 'region.host',
					result: 'fail',
					message:
						`${sourceName(jwt)} names ${credentialHost.host} (${regionName(region)} region) but the request goes to ` +
						`${known.host} (${regionName(known.region)}): call ${credentialHost.host}`,
				});
			}
		}

		if (results.length > 0) {
			return results;
		}
	}

	const regions = productionRegions(catalog);
	const confirmed = known !== null && named.some(({host: credentialHost}) => credentialHost.region === known.region);
	if (regions.length > 1 && !confirmed && context.status !== null && authStatuses.has(context.status)) {
		const others = known === null ? regions : regions.filter((candidate) => candidate.region !== known.region);
		const sent =
			known !== null
				? `the request goes to ${hostWords(known)}`
				: host === null
					? 'the input does not show the host called'
					: `the request goes to ${show(host)}, not a documented ${catalog.name} host (a proxy?)`;
		results.push({
			id: 'region.host',
			result: 'manual',
			message: `${sent}, and ${catalog.name} keeps each organisation in one region: ${regionAdvice(others)}`,
		});
	} else if (known !== null) {
		results.push({
			id: 'region.host',
			result: 'pass',
			message: `${hostWords(known)} is a known ${catalog.name} API host${confirmed ? ', and the credential names it' : ''}`,
		});
	}

	return results;
}

const environmentWords: Readonly<Record<string, string>> = {
	sandbox: 'sandbox',
	test: 'sandbox',
	testnet: 'sandbox',
	staging: 'staging',
	stage: 'staging',
	dev: 'development',
	development: 'development',
	prod: 'production',
	production: 'production',
	live: 'production',
};

function normaliseEnvironment(environment: string): string {
	return environmentWords[environment.toLowerCase()] ?? environment.toLowerCase();
}

function environmentInText(text: string): string | null {
	for (const word of text.split(/[^a-z0-9]+/)) {
		// `live` also names hosts that say nothing about an environment (login.live.com).
		if (word !== 'live' && environmentWords[word]) {
			return environmentWords[word];
		}
	}

	return null;
}

type CredentialEnvironment = {readonly environment: string; readonly evidence: string};

function credentialEnvironments(
	context: CheckContext,
	catalog: Catalog,
	request: HttpRequest | null,
): CredentialEnvironment[] {
	const found: CredentialEnvironment[] = [];
	for (const jwt of context.evidence.jwts) {
		for (const text of claimTexts(jwt)) {
			const host = hostInText(text, catalog.hosts ?? []);
			const environment = host ? host.environment : environmentInText(text);
			if (environment) {
				found.push({
					environment: normaliseEnvironment(environment),
					evidence: `${sourceName(jwt)} (iss/aud ${show(text, 60)})`,
				});
				break;
			}
		}
	}

	const credentialNames = new Set(
		(catalog.headers ?? []).filter((header) => header.credential).map((header) => header.name.toLowerCase()),
	);
	for (const {pattern, environment} of catalog.credentialEnvironments ?? []) {
		let expression: RegExp;
		try {
			expression = new RegExp(pattern);
		} catch {
			continue;
		}

		for (const [name, value] of request?.headers ?? []) {
			if (credentialNames.has(name.toLowerCase()) && expression.test(stripScheme(value))) {
				found.push({
					environment: normaliseEnvironment(environment),
					evidence: `the key in ${show(name)} (${show(pattern, 30)})`,
				});
			}
		}
	}

	return found;
}

function hostEnvironment(host: string | null, catalog: Catalog): string | null {
	if (host === null) {
		return null;
	}

	const known = (catalog.hosts ?? []).find((candidate) => candidate.host.toLowerCase() === host);
	if (known) {
		return known.environment;
	}

	return registrableDomain(host) === registrableDomain((catalog.hosts?.[0]?.host ?? '').toLowerCase())
		? environmentInText(host)
		: null;
}

/** "token" for a bearer credential or a JWT, "key" for a raw key, "credential" when the request does not tell. */
function credentialNoun(catalog: Catalog, request: HttpRequest | null): string {
	for (const header of catalog.headers ?? []) {
		const value = header.credential && request ? headerValue(request.headers, header.name) : null;
		if (value !== null) {
			return header.scheme || looksLikeJwt(stripScheme(value)) ? 'token' : 'key';
		}
	}

	return 'credential';
}

function hostList(catalog: Catalog): string {
	const hosts = catalog.hosts ?? [];
	return hosts.length === 0 ? '' : ` (${hosts.map(hostWords).join(', ')})`;
}

/** `environment.mismatch`: a sandbox credential on a production host or the reverse. */
export function checkEnvironmentMismatch(context: CheckContext): CheckResult[] {
	const {catalog} = context;
	if (!catalog) {
		return [];
	}

	const request = context.evidence.request;
	const host = request ? requestTarget(request).host : null;
	const environment = hostEnvironment(host, catalog);
	const credentials = credentialEnvironments(context, catalog, request);
	const results: CheckResult[] = [];
	if (environment !== null && host !== null) {
		const wanted = normaliseEnvironment(environment);
		for (const credential of credentials) {
			results.push(
				credential.environment === wanted
					? {
							id: 'environment.mismatch',
							result: 'pass',
							message: `${credential.evidence} is for ${credential.environment}, like ${host}`,
						}
					: {
							id: 'environment.mismatch',
							result: 'fail',
							message:
								`${credential.evidence} is a ${credential.environment} credential but ${host} is ${wanted}: ` +
								`use a ${wanted} credential or call the ${credential.environment} host`,
						},
			);
		}
	}

	const decided = results.length > 0;
	if (
		!decided &&
		catalog.separateEnvironmentCredentials &&
		context.status !== null &&
		authStatuses.has(context.status)
	) {
		const noun = credentialNoun(catalog, request);
		const message =
			environment !== null && host !== null
				? `check that the ${noun} was created in the ${environment} dashboard when you call ${host}`
				: `check that the ${noun} comes from the same environment as the host you call${hostList(catalog)}; ${catalog.name} credentials work in one environment only`;
		results.push({id: 'environment.mismatch', result: 'manual', message});
	}

	return results;
}
