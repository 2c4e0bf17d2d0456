import {readFileSync} from 'node:fs';
import test from 'ava';
import type {Catalog, CatalogEntry} from '../../source/core/catalog/catalog.js';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogProblems, catalogs} from '../helpers/catalogs.js';

type InventoryItem = {
	readonly provider: string;
	readonly kind: 'status' | 'code' | 'type' | 'message' | 'decline_code' | 'reason';
	readonly value: string;
	readonly status: number | null;
};

const inventory = JSON.parse(
	readFileSync(new URL('../fixtures/doc-inventory.json', import.meta.url), 'utf8'),
) as InventoryItem[];
const clock = new Date('2025-03-04T10:00:00Z');

const catalogOf = (id: string): Catalog => {
	const found = catalogs.providers.find((catalog) => catalog.id === id);
	if (!found) throw new Error(`no catalog ${id}`);
	return found;
};

function entryFor(item: InventoryItem): CatalogEntry {
	const found = catalogOf(item.provider).entries.find((entry) =>
		item.kind === 'message'
			? entry.messagePattern !== undefined && new RegExp(entry.messagePattern, 'i').test(item.value)
			: entry.code === item.value,
	);
	if (!found) throw new Error(`no entry for ${item.provider} ${item.value}`);
	return found;
}

/** The smallest body the provider's docs show for this code or message: no status, no request id. */
function minimalBody(item: InventoryItem, entry: CatalogEntry): unknown {
	switch (item.provider) {
		case 'dguard': {
			return {error_code: item.value, message: entry.title};
		}

		case 'customer-verification': {
			return {error: {code: item.value, message: entry.title}};
		}

		case 'dakota': {
			return {type: item.value, title: entry.title};
		}

		case 'dfns': {
			return {error: {message: item.value}};
		}

		case 'stripe': {
			return item.kind === 'type'
				? {error: {type: item.value, message: entry.title}}
				: {error: {type: 'invalid_request_error', code: item.value, message: entry.title}};
		}

		case 'openai': {
			return {error: {message: item.value, type: 'invalid_request_error', param: null, code: null}};
		}

		case 'github': {
			return {message: item.value, documentation_url: 'https://docs.github.com/rest'};
		}

		case 'slack': {
			return {ok: false, error: item.value};
		}

		case 'google': {
			return {error: {code: entry.status ?? 500, message: entry.title, status: item.value}};
		}

		case 'aws': {
			return {__type: item.value, message: entry.title};
		}

		case 'microsoft': {
			// Entra ID answers AADSTS errors as OAuth 2.0 errors with the number in `error_codes` and a lookup link;
			// Microsoft Graph answers as OData errors.
			const number = item.value.replace(/^AADSTS/, '');
			return item.value.startsWith('AADSTS')
				? {
						error: 'invalid_request',
						error_description: `${item.value}: ${entry.title}`,
						error_codes: [Number(number)],
						error_uri: `https://login.microsoftonline.com/error?code=${number}`,
					}
				: {error: {code: item.value, message: entry.title}};
		}

		default: {
			throw new Error(`no body shape for ${item.provider}`);
		}
	}
}

test('the bundled catalogs load without problems', (t) => {
	t.deepEqual(catalogProblems, []);
});

/**
 * Stripe's `decline_code`, Google's ErrorInfo `reason` and Twilio's numeric `code` are not read as codes by the format readers, so a minimal
 * body cannot reach those entries; the provider fixtures in test/fixtures/providers/ describe what they should give.
 */
const readable = (item: InventoryItem): boolean =>
	item.kind !== 'decline_code' && item.kind !== 'reason' && item.provider !== 'twilio';

for (const item of inventory.filter((candidate) => candidate.kind !== 'status' && readable(candidate))) {
	test(`${item.provider} ${item.kind} "${item.value}": a minimal body gets its own explanation and documented status`, (t) => {
		const entry = entryFor(item);
		// Detection has its own tests; a generic code (`not-found`) rightly names no provider from a body alone.
		const provider = item.provider;
		const diagnosis = diagnose(JSON.stringify(minimalBody(item, entry)), {catalogs, clock, provider});
		if (!diagnosis) return t.fail('nothing diagnosed');
		t.is(diagnosis.provider?.id, item.provider);
		t.is(diagnosis.explanation.title, entry.title);
		t.is(diagnosis.explanation.summary, entry.summary);
		t.is(diagnosis.status, item.status);
		// Google's error object always carries its HTTP status (`code`); other minimal bodies carry none.
		t.is(diagnosis.statusSource, item.status === null ? null : item.provider === 'google' ? 'body' : 'catalog');
	});
}

// A bare status carries no code to detect the provider by; with the provider named, the provider's own meaning of
// the status wins over the generic HTTP text.
for (const item of inventory.filter((candidate) => candidate.kind === 'status')) {
	test(`${item.provider} status ${item.value}: a bare response gets the provider's meaning of the status`, (t) => {
		const documented = catalogOf(item.provider).statuses.find((status) => status.status === item.status);
		const response = `HTTP/1.1 ${item.value} X\r\nContent-Type: application/json\r\n\r\n{}`;
		const diagnosis = diagnose(response, {catalogs, clock, provider: item.provider});
		if (!diagnosis || !documented) return t.fail('nothing diagnosed or no documented status');
		t.is(diagnosis.provider?.id, item.provider);
		t.is(diagnosis.explanation.title, documented.title);
		t.is(diagnosis.status, item.status);
		t.is(diagnosis.statusSource, 'response');
	});
}
