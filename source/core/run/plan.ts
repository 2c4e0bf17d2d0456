import {hostKind, isCloudMetadata} from '../host-kind.js';
import {isSensitiveHeaderName} from '../redact/index.js';
import type {CurlCommand, CurlOption} from '../types.js';

/** A curl request `errdoctor run` may send, as the arguments we built ourselves from the user's allowed options. */
export type RunPlan = {
	readonly method: string;
	/** The URL handed to curl with `--url`. */
	readonly url: string;
	/** Host and port as in the `Host` header (`api.dfns.io`, `127.0.0.1:8080`, `[::1]:3000`). */
	readonly host: string;
	/** curl's arguments, starting with `-q` (curl reads `.curlrc` unless `-q` is the very first argument). */
	readonly argv: string[];
	/** What the confirmation must point out: a non-GET method, a loopback/private/link-local target, `-k`. */
	readonly warnings: string[];
};

export type PlanResult =
	{readonly ok: true; readonly plan: RunPlan} | {readonly ok: false; readonly refusals: string[]};

/** Limits on every run: http(s) only (redirects too), a few redirects, 30 s, 10 MB, no URL globbing, `-i` output. */
const fixedArguments = [
	'-q',
	'--proto',
	'=http,https',
	'--proto-redir',
	'=http,https',
	'--max-redirs',
	'5',
	'--max-time',
	'30',
	'--max-filesize',
	'10M',
	'-g',
	'-sS',
	'-i',
];

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Methods that only read (RFC 9110 § 9.2.1): sending them again changes nothing on the server. */
export const isSafeMethod = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/**
 * Switches that only shape curl's own output, which errdoctor sets itself (`-sS -i`), and `-f`, which would hide
 * the very error body we want: accepted and dropped.
 */
const ignoredSwitches = new Set(
	'silent show-error include verbose globoff no-progress-meter fail fail-with-body'.split(' '),
);

const writesFiles = 'writes a file on this machine';
const readsFiles = 'reads a file on this machine';
const elsewhere = 'sends the request somewhere other than the host in the URL';

/** Why a known option is refused; an option not listed here and not allowed gets the generic reason. */
const refusedBecause: ReadonlyMap<string, string> = new Map([
	...['output', 'remote-name', 'remote-name-all', 'output-dir', 'create-dirs', 'remote-header-name'].map(
		(name) => [name, 'saves the response to a file'] as const,
	),
	...['dump-header', 'cookie-jar', 'trace', 'trace-ascii', 'stderr', 'libcurl', 'etag-save', 'hsts', 'alt-svc'].map(
		(name) => [name, writesFiles] as const,
	),
	...['netrc', 'netrc-file', 'netrc-optional', 'cacert', 'capath', 'cert', 'key', 'crlfile', 'etag-compare'].map(
		(name) => [name, readsFiles] as const,
	),
	...[
		'proxy',
		'preproxy',
		'socks4',
		'socks4a',
		'socks5',
		'socks5-hostname',
		'proxy-user',
		'proxytunnel',
		'resolve',
		'connect-to',
		'unix-socket',
		'abstract-unix-socket',
		'interface',
		'doh-url',
		'dns-servers',
		'haproxy-clientip',
	].map((name) => [name, elsewhere] as const),
	['config', 'reads more options from a file, which errdoctor cannot check'],
	['upload-file', 'uploads a file from this machine'],
	['form', 'builds a form that can read files on this machine (`@file`, `<file`)'],
	['form-string', 'builds a multipart form, which errdoctor run does not send'],
	['write-out', 'can write files and print values from the environment (`%output{…}`, `%{stderr}`)'],
	['variable', 'reads files and environment variables into the command'],
	['next', 'starts another transfer; errdoctor run sends one request'],
	['parallel', 'runs several transfers; errdoctor run sends one request'],
	['location-trusted', 'sends your credentials to every host a redirect leads to'],
	['proto', 'is set by errdoctor itself (http and https only)'],
	['proto-redir', 'is set by errdoctor itself (http and https only)'],
	['max-time', 'is set by errdoctor itself (30 s)'],
	['max-filesize', 'is set by errdoctor itself (10 MB)'],
	['max-redirs', 'is set by errdoctor itself (5)'],
	['disable', 'must come first to mean anything; errdoctor already passes it first'],
]);

/** How an option was written, for messages: `-o` (--output), `--output`, or `--output` (in `-sSo`). */
function spelled(option: CurlOption, unknown: boolean): string {
	const {written, name} = option;
	if (written.startsWith('--')) return `\`${written}\``;
	const own = unknown ? `-${name}` : `--${name}`;
	if (written.length === 2) return unknown ? `\`${written}\`` : `\`${written}\` (${own})`;
	return `\`${own}\` (in \`${written}\`)`;
}

const hasLineBreak = (value: string): boolean => value.includes('\r') || value.includes('\n');

type OptionVerdict = {readonly args: string[]} | {readonly refusal: string};

const pass = (flag: string, value?: string): OptionVerdict => ({args: value === undefined ? [flag] : [flag, value]});

const allowedSwitches = new Set(['get', 'head', 'compressed', 'location', 'insecure']);
const allowedValued = new Set(
	'request header data data-raw data-binary json user user-agent referer cookie'.split(' '),
);

/** The allowlist: each allowed option is passed on in its long form, value checked; null when it is not allowed. */
function allowed(option: CurlOption, what: string): OptionVerdict | null {
	const {name, value} = option;
	if (ignoredSwitches.has(name)) return {args: []};
	if (allowedSwitches.has(name)) return pass(`--${name}`);
	if (!allowedValued.has(name)) return null;
	if (value === null) return {refusal: `${what} needs a value`};
	if (value.includes('\0')) return {refusal: `${what}: its value holds a NUL byte, which no argument can carry`};
	switch (name) {
		case 'request': {
			return knownMethods.has(value)
				? pass('--request', value)
				: {refusal: `${what} ${JSON.stringify(value)}: use one of ${[...knownMethods].join(', ')} (upper case)`};
		}

		case 'header': {
			if (value.startsWith('@')) return {refusal: `${what} ${value}: reads headers from a file; write them inline`};
			if (hasLineBreak(value)) {
				return {
					refusal: `${what}: the header value holds a line break (CR or LF), which would add a header of its own`,
				};
			}

			return pass('--header', value);
		}

		case 'user': {
			if (hasLineBreak(value)) return {refusal: `${what}: holds a line break`};
			// Without `:password` curl asks for the password on the terminal.
			return value.includes(':') ? pass('--user', value) : {refusal: `${what} needs user:password`};
		}

		case 'cookie': {
			if (hasLineBreak(value)) return {refusal: `${what}: holds a line break`};
			// curl's manual documents only the no-`=` case, but curl (7.88 here) reads `@/path/a=b` from a file too.
			if (value.startsWith('@')) {
				return {refusal: `${what} ${value}: with a leading \`@\` curl reads cookies from that file; write name=value`};
			}

			return value.includes('=')
				? pass('--cookie', value)
				: {refusal: `${what} ${value}: without \`=\` curl reads cookies from that file; write name=value`};
		}

		case 'user-agent':
		case 'referer': {
			return hasLineBreak(value) ? {refusal: `${what}: holds a line break`} : pass(`--${name}`, value);
		}

		default: {
			// --data-raw sends a leading `@` as it is; the other data options read the file it names.
			if (name !== 'data-raw' && value.startsWith('@')) {
				return {refusal: `${what} ${value}: reads the body from a file; paste the body inline (or use --data-raw)`};
			}

			return pass(`--${name}`, value);
		}
	}
}

/** Why a followed redirect would hand something to another host (checked against curl 7.88.1). */
const carriedBecause = {
	cookie: 'curl sends cookies given with `-b` to every host a redirect leads to',
	header: 'curl sends headers given with `-H` to every host a redirect leads to',
	'held-header':
		'curl holds back Authorization and Cookie headers from another host only in newer versions, and errdoctor runs ' +
		'whichever curl is installed',
	body: 'after a 307 or 308 redirect curl sends the body again, to the new host',
} as const;

type Carried = {readonly what: string; readonly why: keyof typeof carriedBecause};

const dataOptions = new Set(['data', 'data-raw', 'data-binary', 'json']);

/** A credential or body that `-L` would carry to the host a redirect names; null for anything else. */
function carriedOnRedirect(option: CurlOption, get: boolean): Carried | null {
	const {name, value} = option;
	if (value === null) return null;
	const what = spelled(option, false);
	if (name === 'cookie') return {what: `the cookies of ${what}`, why: 'cookie'};
	// With -G the data goes into the first URL's query, not into a body a 307 would send again.
	if (dataOptions.has(name)) return get ? null : {what: `the body of ${what}`, why: 'body'};
	if (name !== 'header') return null;
	const colon = value.indexOf(':');
	const header = colon === -1 ? '' : value.slice(0, colon).trim();
	// `Name:` with nothing after it removes a header instead of sending one.
	if (header === '' || value.slice(colon + 1).trim() === '' || !isSensitiveHeaderName(header)) return null;
	const held = /^(?:authorization|cookie)$/i.test(header);
	return {what: `the \`${header}\` header`, why: held ? 'held-header' : 'header'};
}

/** `-L` with a credential or body: the leak `--location-trusted` is refused for, reached through another door. */
function redirectRefusal(command: CurlCommand): string | null {
	const location = command.options.find((option) => option.name === 'location');
	if (location === undefined) return null;
	const get = command.options.some((option) => option.name === 'get');
	const carried = command.options.flatMap((option) => carriedOnRedirect(option, get) ?? []);
	if (carried.length === 0) return null;
	const reasons = [...new Set(carried.map((each) => carriedBecause[each.why]))];
	return (
		`${spelled(location, false)} with ${carried.map((each) => each.what).join(', ')}: ${reasons.join('; ')}. ` +
		'That is the leak `--location-trusted` is refused for; remove -L and errdoctor diagnoses the redirect itself'
	);
}

function isUnknown(command: CurlCommand, option: CurlOption): boolean {
	return command.unknownOptions.some(
		(verbatim) =>
			verbatim === `-${option.name}` || verbatim === `--${option.name}` || verbatim.startsWith(`--${option.name}=`),
	);
}

function refusalFor(command: CurlCommand, option: CurlOption): string {
	const unknown = isUnknown(command, option);
	const what = spelled(option, unknown);
	if (unknown) return `${what}: not a curl option errdoctor knows, so it cannot check what it does`;
	if (option.name.startsWith('expand-')) return `${what}: expands {{variables}} from files and the environment`;
	const reason = refusedBecause.get(option.name);
	return `${what}: ${reason ?? 'is not among the options errdoctor run allows (see errdoctor run --help)'}`;
}

type UrlCheck =
	| {readonly ok: true; readonly host: string; readonly hostname: string}
	| {readonly ok: false; readonly refusal: string};

/** Only `http://` and `https://` URLs, one request (no globbing), an ASCII host read the same way curl reads it. */
export function checkUrl(url: string): UrlCheck {
	const shown = JSON.stringify(url);
	const refuse = (why: string): UrlCheck => ({ok: false, refusal: `URL ${shown} ${why}`});
	if (url.startsWith('-')) return refuse('starts with `-`, so curl would read it as an option');
	const scheme = /^([a-z][\d+.a-z-]*):\/\//i.exec(url);
	if (scheme === null) {
		// `file:/etc/passwd` names a scheme; `localhost:8080/x` names a port.
		const other = /^([a-z][\d+.a-z-]*):(?!\d)/i.exec(url);
		return refuse(other ? `uses ${other[1]}:, not http or https` : 'has no scheme: write http://… or https://…');
	}

	const protocol = scheme[1]!.toLowerCase();
	if (protocol !== 'http' && protocol !== 'https') return refuse(`uses ${scheme[1]}://, not http or https`);
	// Blanks, controls and backslashes are read differently by curl and by browsers; no API URL needs them raw.
	if (/[\s\\\u0000-\u001F\u007F]/.test(url)) {
		return refuse('holds a blank, a control character or a backslash: percent-encode it');
	}

	const start = scheme[0].length;
	let end = start;
	while (end < url.length && !'/?#'.includes(url[end]!)) end++;
	const at = url.lastIndexOf('@', end - 1);
	if (at >= start && url.indexOf('@', start) !== at) return refuse('has more than one `@` before its path');
	const authority = url.slice(Math.max(at + 1, start), end);
	const hostStart = end - authority.length;
	const bracketed = /^\[[\d.:a-f]+(?:%25[\w.~-]+)?\](?::\d*)?$/i.test(authority);
	const hostname = bracketed ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
	const outsideHost = bracketed ? url.slice(0, hostStart) + url.slice(hostStart + hostname.length) : url;
	if (/[[\]{}]/.test(outsideHost)) {
		return refuse("uses curl's globbing (`{…}`, `[…]`) to send several requests: percent-encode the brackets");
	}

	// Non-ASCII names are mapped by IDNA (fullwidth `１２７.０.０.１` becomes 127.0.0.1): only ASCII can be judged.
	if (!bracketed && !/^[\w.-]+$/.test(hostname)) {
		return refuse('has a host errdoctor cannot judge: write it in ASCII (xn--… for international names)');
	}

	return {ok: true, host: authority.toLowerCase(), hostname: hostname.toLowerCase()};
}

const kindWarnings = {
	loopback: 'is this machine (loopback): the request reaches a local service',
	private: 'is an address on a private network',
	'link-local': 'is a link-local address',
} as const;

function hostWarning(hostname: string, host: string): string | null {
	if (isCloudMetadata(hostname)) return `${host} is a cloud metadata service: it hands out credentials`;
	const kind = hostKind(hostname);
	return kind === 'other' ? null : `${host} ${kindWarnings[kind]}`;
}

/** Shell syntax and unexpanded expansions: run has no shell, so these would reach curl as literal text. */
function shellRefusals(command: CurlCommand): string[] {
	const refusals = command.shellSyntax.map(
		(syntax) =>
			`shell syntax \`${syntax}\`: errdoctor run starts curl without a shell, so pipes, \`;\`, \`&\` and ` +
			'redirections cannot apply; remove it (or quote it when it belongs to a value)',
	);
	for (const expansion of command.request.unexpanded) {
		if (expansion.startsWith('$(') || expansion.startsWith('`')) {
			refusals.push(
				`command substitution \`${expansion}\`: errdoctor run runs no other command; run it yourself and paste its ` +
					"output (in single quotes it would be sent literally: '$(…)')",
			);
		} else if (expansion.startsWith('$') || (expansion.startsWith('%') && expansion.endsWith('%'))) {
			refusals.push(
				`\`${expansion}\` is not expanded: errdoctor run has no shell and no environment; substitute its value`,
			);
		}
	}

	return refusals;
}

/**
 * Decides whether `errdoctor run` may send a pasted curl command and builds curl's arguments itself: only options
 * on an allowlist pass, each in its long form, then our own limits and `--url`. Every refusal names the option.
 */
export function planRun(command: CurlCommand): PlanResult {
	const refusals = shellRefusals(command);
	const args: string[] = [];
	const urls: string[] = [];
	let insecure = false;
	for (const option of command.options) {
		if (option.name === 'url') {
			if (option.value === null) refusals.push(`\`${option.written}\` needs a value`);
			else urls.push(option.value);
			continue;
		}

		const what = spelled(option, false);
		const verdict = isUnknown(command, option) ? null : allowed(option, what);
		if (verdict === null) refusals.push(refusalFor(command, option));
		else if ('refusal' in verdict) refusals.push(verdict.refusal);
		else args.push(...verdict.args);
		if (option.name === 'insecure') insecure = true;
	}

	const redirect = redirectRefusal(command);
	if (redirect !== null) refusals.push(redirect);
	if (urls.length === 0) refusals.push('no URL: errdoctor run needs the http:// or https:// URL to send');
	if (urls.length > 1) {
		const list = urls.map((url) => JSON.stringify(url)).join(', ');
		refusals.push(`${urls.length} URLs (${list}): errdoctor run sends one request`);
	}

	const checks = urls.map((url) => checkUrl(url));
	for (const check of checks) if (!check.ok) refusals.push(check.refusal);
	const target = checks[0];
	if (refusals.length > 0 || target === undefined || !target.ok) return {ok: false, refusals};

	const url = urls[0]!;
	const method = command.request.method;
	const warnings: string[] = [];
	if (!isSafeMethod(method)) {
		warnings.push(`${method} request: it can change data on ${target.host}, and is sent for real`);
	}

	const where = hostWarning(target.hostname, target.host);
	if (where !== null) warnings.push(where);
	if (insecure) warnings.push(`-k: TLS certificates are not checked, so the answer may not come from ${target.host}`);
	return {ok: true, plan: {method, url, host: target.host, argv: [...fixedArguments, ...args, '--url', url], warnings}};
}
