import {looksLikeJwt} from '../parts/jwt-token.js';
import {hasKnownTokenShape} from '../redact/index.js';
import type {CheckResult, HttpRequest} from '../types.js';
import {show, type CheckContext} from './context.js';

type CredentialHeader = {readonly name: string; readonly scheme: string | null};

// Credential headers worth checking whatever the provider, so unknown providers get the same help.
const genericCredentialHeaders: readonly CredentialHeader[] = [
	{name: 'Authorization', scheme: null},
	{name: 'Proxy-Authorization', scheme: null},
	{name: 'x-api-key', scheme: null},
	{name: 'api-key', scheme: null},
];
const knownSchemes = /^(?:basic|bearer|digest|token|apikey|api-key|negotiate|hmac|jwt|dpop)$/i;
const schemePattern = /^([a-z][\w-]*)[ \t]+(\S.*)?$/is;

function credentialHeaders(context: CheckContext): CredentialHeader[] {
	const documented: CredentialHeader[] = (context.catalog?.headers ?? [])
		.filter((header) => header.credential)
		.map((header) => ({name: header.name, scheme: header.scheme ?? null}));
	const names = new Set(documented.map((header) => header.name.toLowerCase()));
	return [...documented, ...genericCredentialHeaders.filter((header) => !names.has(header.name.toLowerCase()))];
}

const placeholderWords =
	/^(?:token|access[-_]?token|api[-_]?key|key|secret|changeme|placeholder|redacted|string|bearer|jwt)$/i;

/** The words that describe a placeholder left where the credential should be, or null. */
function placeholder(credential: string): string | null {
	if (/^(?:undefined|null|nil|none)$/i.test(credential)) {
		return `is the literal ${show(credential)}: the variable that should hold the credential was empty in your code`;
	}

	if (
		/^your[\w-]*$/i.test(credential) ||
		/^<[^<>]*>$/.test(credential) ||
		/^\{\{?[^{}]*\}\}?$/.test(credential) ||
		/^\[[^[\]]*\]$/.test(credential) ||
		placeholderWords.test(credential)
	) {
		// A real key in brackets (`{{sk_live_…}}`) is not quoted: cut short, no redaction rule would know it.
		return hasKnownTokenShape(credential)
			? 'is a real credential inside placeholder brackets: send it without the brackets'
			: `is a placeholder (${show(credential, 40)}): put the real credential there`;
	}

	if (/^x{3}/i.test(credential) || /x{5}/i.test(credential) || /\*{3}/.test(credential)) {
		return 'is masked (`xxx…` or `***`): it was copied from documentation or a redacted log; use the real credential';
	}

	if (credential.includes('...') || credential.includes('…')) {
		return 'contains `...`: it was shortened for display; copy the whole credential';
	}

	return null;
}

function shellVariable(credential: string, request: HttpRequest): CheckResult | null {
	const expansion = request.unexpanded.find((text) => credential.includes(text));
	if (expansion !== undefined) {
		return {
			id: 'auth.format',
			result: 'manual',
			message:
				`the credential comes from the shell expansion ${show(expansion, 40)}, which this paste does not show: ` +
				'check that it is set and exported in the shell that runs the command',
		};
	}

	const literal = /\$\{?[a-z_]\w*\}?|\$\(/i.exec(credential);
	if (literal) {
		return {
			id: 'auth.format',
			result: 'fail',
			message:
				`the credential is the literal text ${show(literal[0], 40)}: nothing replaced the variable ` +
				'(single quotes stop a shell from expanding it; use double quotes or paste the value)',
		};
	}

	return null;
}

/** Authorization-style headers take any scheme word; raw key headers only a known one sent by mistake. */
function splitScheme(value: string, anyScheme: boolean): {scheme: string | null; credential: string} {
	const match = schemePattern.exec(value);
	if (match && (anyScheme || knownSchemes.test(match[1]!))) {
		return {scheme: match[1]!, credential: (match[2] ?? '').trim()};
	}

	return {scheme: null, credential: value};
}

function isAuthorizationStyle(header: CredentialHeader): boolean {
	return header.scheme !== null || /authorization$/i.test(header.name);
}

function problemsOf(header: CredentialHeader, sentName: string, value: string, context: CheckContext): CheckResult[] {
	const name = show(sentName);
	const provider = context.catalog?.name ?? 'the provider';
	const fail = (message: string): CheckResult => ({id: 'auth.format', result: 'fail', message});
	if (value === '') {
		return [fail(`${name} is empty`)];
	}

	if (/^["']/.test(value)) {
		return [fail(`${name} is wrapped in quotes (a .env value pasted with its quotes?): send it without them`)];
	}

	if (/^bearer$/i.test(value) || (header.scheme !== null && value.toLowerCase() === header.scheme.toLowerCase())) {
		return [fail(`${name} has the scheme ${show(value, 20)} but no token after it`)];
	}

	const problems: CheckResult[] = [];
	const {scheme, credential: afterScheme} = splitScheme(value, isAuthorizationStyle(header));
	let credential = afterScheme;
	if (scheme !== null) {
		const repeated = splitScheme(afterScheme, true);
		if (repeated.scheme?.toLowerCase() === scheme.toLowerCase()) {
			problems.push(fail(`${name} repeats the scheme (\`${scheme} ${scheme} …\`): send it once`));
			credential = repeated.credential;
		}
	}

	if (header.scheme !== null && scheme === null) {
		problems.push(
			fail(`${name} has no \`${header.scheme}\` scheme: send \`${header.name}: ${header.scheme} <token>\``),
		);
	} else if (header.scheme !== null && scheme !== null && scheme.toLowerCase() !== header.scheme.toLowerCase()) {
		problems.push(
			fail(`${name} uses the ${show(scheme, 20)} scheme; ${provider} documents \`${header.scheme} <token>\``),
		);
	} else if (!isAuthorizationStyle(header) && scheme !== null) {
		problems.push(fail(`${name} carries \`${scheme} …\`; this header takes the key alone, without a scheme`));
	} else if (header.scheme === null && scheme === null && isAuthorizationStyle(header) && looksLikeJwt(credential)) {
		problems.push({
			id: 'auth.format',
			result: 'warn',
			message: `${name} holds a JWT without a scheme; most APIs expect \`${header.name}: Bearer <token>\``,
		});
	}

	return [...problems, ...valueProblems(sentName, credential, context.evidence.request!)];
}

function valueProblems(sentName: string, credential: string, request: HttpRequest): CheckResult[] {
	const name = show(sentName);
	const fail = (message: string): CheckResult[] => [{id: 'auth.format', result: 'fail', message}];
	if (credential === '') {
		return fail(`${name} has a scheme but no credential after it`);
	}

	if (/^["']|["']$/.test(credential)) {
		return fail(`${name} has quotes around the credential (a .env value pasted with its quotes?): remove them`);
	}

	const variable = shellVariable(credential, request);
	if (variable) {
		return [variable];
	}

	if (/\s/.test(credential)) {
		return fail(`${name} has whitespace or a line break inside the credential: remove it (copied across lines?)`);
	}

	if (/\\[nrt]$/.test(credential)) {
		return fail(`${name} ends with a literal \`\\n\`-style escape (from a .env or JSON string): remove it`);
	}

	const words = placeholder(credential);
	return words ? fail(`${name} ${words}`) : [];
}

/** `auth.format`: a credential header that cannot work as sent (scheme, quotes, whitespace, placeholders). */
export function checkAuthFormat(context: CheckContext): CheckResult[] {
	const request = context.evidence.request;
	if (!request) {
		return [];
	}

	const results: CheckResult[] = [];
	for (const header of credentialHeaders(context)) {
		for (const [sentName, value] of request.headers) {
			if (sentName.toLowerCase() !== header.name.toLowerCase()) {
				continue;
			}

			const problems = problemsOf(header, sentName, value.trim(), context);
			results.push(
				...(problems.length > 0
					? problems
					: [
							{
								id: 'auth.format',
								result: 'pass',
								message: `${show(sentName)} is well-formed: ${header.scheme ? 'one scheme, ' : ''}no quotes, whitespace or placeholder`,
							} satisfies CheckResult,
						]),
			);
		}
	}

	return results;
}
