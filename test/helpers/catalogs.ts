/* The real catalogs/ as the CLI loads them: tests judge against the documented data, never a hand-written copy. */
import type {Catalog, CatalogSet} from '../../source/core/catalog/catalog.js';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from '../../source/edge/catalogs.js';

const loaded = loadCatalogs([BUNDLED_CATALOG_DIR]);

/** Why a bundled file was skipped; empty when every catalog loaded. */
export const catalogProblems: readonly string[] = loaded.problems;

/** Every bundled provider catalog, the HTTP status catalog and the vocabularies. */
export const catalogs: CatalogSet = loaded.set;

/**
 * One provider's catalog, as a copy a test may change to derive a variant (`{...providerCatalog('dakota'), hosts:
 * []}` or a changed nested field) without touching what other tests see.
 */
export function providerCatalog(id: string): Catalog {
	const catalog = catalogs.providers.find((candidate) => candidate.id === id);
	if (!catalog)
		throw new Error(
			`no bundled catalog with id ${id}; catalogs/ has ${catalogs.providers.map((c) => c.id).join(', ')}`,
		);
	return structuredClone(catalog);
}
