/** The report's sections, in the order the interactive view's Tab visits them; one may be the one it opens on. */
export const SECTIONS = ['summary', 'checklist', 'tokens', 'request', 'raw'] as const;
export type SectionId = (typeof SECTIONS)[number];
/** How `copy` reaches the clipboard: OSC 52 through the terminal, a platform command, or not at all. */
export const CLIPBOARD_MODES = ['auto', 'osc52', 'command', 'off'] as const;

/**
 * errdoctor's preferences. Only these keys exist: the config never holds a token, key, cookie or pasted text,
 * so a copied or synced config file leaks nothing.
 */
export type Config = {
	/** User catalog files and directories, absolute, loaded after the bundled catalogs. */
	readonly catalogPaths: readonly string[];
	readonly defaultSection: SectionId;
	readonly clipboard: (typeof CLIPBOARD_MODES)[number];
};

export const DEFAULT_CONFIG: Config = {catalogPaths: [], defaultSection: 'summary', clipboard: 'auto'};

/** The config file's JSON Schema, for the readme and editors; `configProblems` applies the same rules. */
export const CONFIG_SCHEMA = {
	$schema: 'https://json-schema.org/draft/2020-12/schema',
	type: 'object',
	additionalProperties: false,
	properties: {
		catalogPaths: {type: 'array', items: {type: 'string', minLength: 1}, uniqueItems: true},
		defaultSection: {enum: SECTIONS},
		clipboard: {enum: CLIPBOARD_MODES},
	},
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function enumProblem(key: string, value: unknown, allowed: readonly string[]): string[] {
	return value === undefined || (typeof value === 'string' && allowed.includes(value))
		? []
		: [`/${key}: must be one of ${allowed.join(', ')}`];
}

/** What is wrong with a parsed config file, one problem per line with its JSON path; empty when valid. */
export function configProblems(data: unknown): string[] {
	if (!isRecord(data)) return ['(top level): must be an object'];
	const problems = Object.keys(data)
		.filter((key) => !(key in CONFIG_SCHEMA.properties))
		.map((key) => `(top level): unknown key "${key}"`);
	const paths = data['catalogPaths'];
	if (paths !== undefined) {
		if (Array.isArray(paths)) {
			for (const [index, item] of paths.entries()) {
				if (typeof item !== 'string' || item === '')
					problems.push(`/catalogPaths/${index}: must be a non-empty string`);
				else if (paths.indexOf(item) !== index) problems.push(`/catalogPaths/${index}: is listed twice`);
			}
		} else {
			problems.push('/catalogPaths: must be an array of paths');
		}
	}

	problems.push(
		...enumProblem('defaultSection', data['defaultSection'], SECTIONS),
		...enumProblem('clipboard', data['clipboard'], CLIPBOARD_MODES),
	);
	return problems;
}

/** A valid parsed config file with the defaults filled in. */
export function withDefaults(data: Partial<Config>): Config {
	return {...DEFAULT_CONFIG, ...data};
}
