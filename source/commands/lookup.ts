import type {CatalogSet} from '../core/catalog/catalog.js';
import {editDistance, lookup, lookupScopes} from '../core/catalog/lookup.js';
import {notFoundLine, renderLookupJson, renderLookupText} from '../render/lookup.js';
import {UsageError, runCatalogs, terminalWidth, wantsColor, writeOut} from './shared.js';
import {parseCommandLine} from './flags.js';

const help = `
	Usage
	  $ errdoctor lookup [PROVIDER] CODE|STATUS|MESSAGE

	Explain a provider code, problem type, HTTP status or error message from the catalogs,
	like rustc --explain: the meaning, causes, fixes, doc section and related codes.
	A code several providers use lists each of them; a typo gets "did you mean".

	Options
	  --json             The matches as JSON
	  --catalog PATH     Also load this catalog file or directory (repeatable)

	Examples
	  $ errdoctor lookup REFUND_004
	  $ errdoctor lookup 429
	  $ errdoctor lookup dakota validation-error
	  $ errdoctor lookup "wallet not found"
`;

/** The first argument is a scope when it names one; a near miss of one is a usage error, not a query. */
function splitScope(catalogs: CatalogSet, input: readonly string[]): {scope: string | null; query: string} {
	const [first = '', ...rest] = input;
	const scopes = lookupScopes(catalogs);
	if (rest.length > 0 && scopes.includes(first.toLowerCase()))
		return {scope: first.toLowerCase(), query: rest.join(' ')};
	if (rest.length === 1) {
		const near = scopes.filter((scope) => {
			const distance = editDistance(first.toLowerCase(), scope);
			return distance <= 2 && distance * 2 < first.length;
		});
		if (near.length > 0) {
			throw new UsageError(
				`unknown provider "${first}"; did you mean ${near.join(' or ')}? Known: ${scopes.join(', ')}`,
			);
		}
	}

	return {scope: null, query: input.join(' ')};
}

function scopeName(catalogs: CatalogSet, scope: string | null): string | null {
	if (scope === null) return null;
	if (scope === 'http') return 'the HTTP status catalog';
	return catalogs.providers.find((catalog) => catalog.id === scope)?.name ?? `the ${scope} vocabulary`;
}

/** `errdoctor lookup`: exit 0 with the matches, 3 when nothing matches (with a suggestion), 2 on bad usage. */
export async function lookupCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, help, {
		json: {type: 'boolean', default: false},
		catalog: {type: 'string', isMultiple: true},
	});
	const input = cli.input.map((word) => word.trim()).filter((word) => word !== '');
	if (input.length === 0) {
		throw new UsageError('lookup needs a code, status or message, e.g. errdoctor lookup REFUND_004 (see --help)');
	}

	const catalogs = await runCatalogs(cli.flags.catalog ?? []);
	const {scope, query} = splitScope(catalogs, input);
	const result = lookup(catalogs, query, scope);
	if (cli.flags.json) writeOut(renderLookupJson(result, catalogs, scope));
	else if (result.hits.length > 0) {
		writeOut(renderLookupText(result, catalogs, {color: wantsColor(), width: terminalWidth()}));
	}

	if (result.hits.length === 0) throw new UsageError(notFoundLine(result, scopeName(catalogs, scope)), 3);
	return 0;
}
