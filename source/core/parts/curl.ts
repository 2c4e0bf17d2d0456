import type {CurlCommand, CurlOption, FormField, Header, RequestPayload} from '../types.js';
import {readCommandLine, type CommandLine, type CommandStdin, type Shell} from './shell/index.js';

/** curl's options that take a value (curl 8, `src/tool_getparam.c`); every other known option is a switch. */
const valueOptions = new Set(
	(
		'abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config connect-timeout connect-to ' +
		'continue-at cookie cookie-jar create-file-mode crlfile curves data data-ascii data-binary data-raw ' +
		'data-urlencode delegation dns-interface dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header ech ' +
		'egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account ' +
		'ftp-alternative-to-user ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip ' +
		'header hostpubmd5 hostpubsha256 hsts interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key ' +
		'key-type knownhosts krb krb4 libcurl limit-rate local-port login-options mail-auth mail-from mail-rcpt ' +
		'max-filesize max-redirs max-time netrc-file noproxy oauth2-bearer output output-dir parallel-max ' +
		'parallel-max-host pass pinnedpubkey preproxy proto proto-default proto-redir proxy proxy-cacert ' +
		'proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-header proxy-key proxy-key-type ' +
		'proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword ' +
		'proxy-tlsuser proxy-user proxy1.0 pubkey quote random-file range rate referer request request-target ' +
		'resolve retry retry-delay retry-max-time sasl-authzid service-name sigalgs socks4 socks4a socks5 ' +
		'socks5-gssapi-service socks5-hostname speed-limit speed-time ssl-sessions stderr telnet-option ' +
		'tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype tlspassword tlsuser trace trace-ascii ' +
		'trace-config unix-socket upload-file upload-flags url url-query user user-agent variable vlan-priority ' +
		'write-out'
	).split(' '),
);

const switchOptions = new Set(
	(
		'alpn anyauth append basic buffer ca-native cert-status clobber compressed compressed-ssh create-dirs crlf ' +
		'digest disable disable-eprt disable-epsv disallow-username-in-url doh-cert-status doh-insecure ' +
		'dump-ca-embed eprt epsv fail fail-early fail-with-body false-start follow form-escape ftp-create-dirs ' +
		'ftp-pasv ftp-pret ftp-skip-pasv-ip ftp-ssl ftp-ssl-ccc ftp-ssl-control ftp-ssl-reqd get globoff ' +
		'haproxy-protocol head help http0.9 http1.0 http1.1 http2 http2-prior-knowledge http3 http3-only ' +
		'ignore-content-length include insecure ipv4 ipv6 junk-session-cookies keepalive list-only location ' +
		'location-trusted mail-rcpt-allowfails manual metalink mptcp negotiate netrc netrc-optional next npn ntlm ' +
		'ntlm-wb out-null parallel parallel-immediate path-as-is post301 post302 post303 progress-bar ' +
		'progress-meter proxy-anyauth proxy-basic proxy-ca-native proxy-digest proxy-http2 proxy-insecure ' +
		'proxy-negotiate proxy-ntlm proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tlsv1 proxytunnel raw ' +
		'remote-header-name remote-name remote-name-all remote-time remove-on-error retry-all-errors ' +
		'retry-connrefused sasl-ir sessionid show-error show-headers silent skip-existing socks5-basic ' +
		'socks5-gssapi socks5-gssapi-nec ssl ssl-allow-beast ssl-auto-client-cert ssl-no-revoke ssl-reqd ' +
		'ssl-revoke-best-effort sslv2 sslv3 styled-output suppress-connect-headers tcp-fastopen tcp-nodelay ' +
		'tftp-no-options tls-earlydata tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 tr-encoding trace-ids trace-time ' +
		'use-ascii verbose version xattr'
	).split(' '),
);

const shortOptions: ReadonlyMap<string, string> = new Map(
	Object.entries({
		'0': 'http1.0',
		'1': 'tlsv1',
		'2': 'sslv2',
		'3': 'sslv3',
		'4': 'ipv4',
		'6': 'ipv6',
		':': 'next',
		'#': 'progress-bar',
		a: 'append',
		A: 'user-agent',
		b: 'cookie',
		B: 'use-ascii',
		c: 'cookie-jar',
		C: 'continue-at',
		d: 'data',
		D: 'dump-header',
		e: 'referer',
		E: 'cert',
		f: 'fail',
		F: 'form',
		g: 'globoff',
		G: 'get',
		h: 'help',
		H: 'header',
		i: 'include',
		I: 'head',
		j: 'junk-session-cookies',
		J: 'remote-header-name',
		k: 'insecure',
		K: 'config',
		l: 'list-only',
		L: 'location',
		m: 'max-time',
		M: 'manual',
		n: 'netrc',
		N: 'no-buffer',
		o: 'output',
		O: 'remote-name',
		p: 'proxytunnel',
		P: 'ftp-port',
		q: 'disable',
		Q: 'quote',
		r: 'range',
		R: 'remote-time',
		s: 'silent',
		S: 'show-error',
		t: 'telnet-option',
		T: 'upload-file',
		u: 'user',
		U: 'proxy-user',
		v: 'verbose',
		V: 'version',
		w: 'write-out',
		x: 'proxy',
		X: 'request',
		y: 'speed-time',
		Y: 'speed-limit',
		z: 'time-cond',
		Z: 'parallel',
	}),
);

/** Auth schemes for which curl does not send `-u` credentials up front as Basic. */
const noPreemptiveBasic = new Set(['digest', 'ntlm', 'negotiate', 'anyauth']);

type Resolved = {readonly name: string; readonly takesValue: boolean; readonly base: string} | null;

/** `--no-x` negates a switch; `--expand-x` expands `{{variables}}` in a value option (curl 8.3). */
function resolveLong(name: string): Resolved {
	if (valueOptions.has(name)) return {name, takesValue: true, base: name};
	if (switchOptions.has(name)) return {name, takesValue: false, base: name};
	if (name.startsWith('no-') && switchOptions.has(name.slice(3))) return {name, takesValue: false, base: name};
	if (name.startsWith('expand-') && valueOptions.has(name.slice(7))) {
		return {name, takesValue: true, base: name.slice(7)};
	}

	return null;
}

function resolveShort(letter: string): Resolved {
	const name = shortOptions.get(letter);
	if (name === undefined) return null;
	return {name, takesValue: valueOptions.has(name), base: name};
}

const utf8 = new TextEncoder();
const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(text: string): string {
	const bytes = utf8.encode(text);
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i]!;
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += base64Alphabet[triple >> 18]! + base64Alphabet[(triple >> 12) & 63]!;
		out += b === undefined ? '=' : base64Alphabet[(triple >> 6) & 63]!;
		out += c === undefined ? '=' : base64Alphabet[triple & 63]!;
	}

	return out;
}

/** curl_easy_escape: every byte but the unreserved ones percent-encoded. */
function escape(text: string): string {
	let out = '';
	for (const byte of utf8.encode(text)) {
		const c = String.fromCharCode(byte);
		out += /[\w.~-]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	}

	return out;
}

/** curl_easy_escape, then `%20` → `+`, as --data-urlencode does. */
const formEncode = (text: string): string => escape(text).replaceAll('%20', '+');

/** A --data-urlencode / --url-query piece; null when its content comes from a file other than stdin. */
function urlencodePiece(value: string, stdin: string | null): string | null {
	const equals = value.indexOf('=');
	if (equals !== -1) {
		const name = value.slice(0, equals);
		const content = formEncode(value.slice(equals + 1));
		return name === '' ? content : `${name}=${content}`;
	}

	const at = value.indexOf('@');
	if (at === -1) return formEncode(value);
	if (value.slice(at + 1) !== '-' || stdin === null) return null;
	return at === 0 ? formEncode(stdin) : `${value.slice(0, at)}=${formEncode(stdin)}`;
}

/** `-T file` to a URL with no file part (`…/` or no path) uploads to the file's own name, escaped. */
function uploadUrl(url: string, file: string): string {
	const queryAt = url.search(/[?#]/);
	const base = queryAt === -1 ? url : url.slice(0, queryAt);
	const scheme = base.indexOf('://');
	const slash = base.indexOf('/', scheme === -1 ? 0 : scheme + 3);
	const path = slash === -1 ? '' : base.slice(slash);
	if (path !== '' && !path.endsWith('/')) return url;
	const name = file.split(/[/\\]/).at(-1) ?? file;
	return `${base}${path === '' ? '/' : ''}${escape(name)}${queryAt === -1 ? '' : url.slice(queryAt)}`;
}

/** `-F name=value`, `name=@file;type=…`, `name=<file`: the field, or null when it has no name. */
function formField(value: string, literal: boolean): FormField | null {
	const equals = value.indexOf('=');
	if (equals <= 0) return null;
	const name = value.slice(0, equals);
	const content = value.slice(equals + 1);
	if (literal) return {name, value: content};
	// Parameters after the content (`;type=image/png`, `;filename=a.png`) describe the part, they are not sent in it.
	const withoutParameters = content.replace(/;\s*(?:type|filename|headers|encoder)=.*$/s, '');
	if (content.startsWith('@') || content.startsWith('<')) return {name, file: withoutParameters.slice(1)};
	return {name, value: withoutParameters};
}

function appendQuery(url: string, query: string): string {
	const hash = url.indexOf('#');
	const base = hash === -1 ? url : url.slice(0, hash);
	const fragment = hash === -1 ? '' : url.slice(hash);
	const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
	return base + separator + query + fragment;
}

/** A header as curl reads `-H`: `Name;` sends an empty value, `Name:` (blank value) removes it, no colon is ignored. */
function parseHeader(line: string): {readonly name: string; readonly value: string | null} | null {
	const colon = line.indexOf(':');
	if (colon === -1) {
		const semicolon = line.indexOf(';');
		if (semicolon <= 0 || line.slice(semicolon + 1).trim() !== '') return null;
		return {name: line.slice(0, semicolon), value: ''};
	}

	if (colon === 0) return null;
	let start = colon + 1;
	while (start < line.length && ' \t\n\r\v\f'.includes(line[start]!)) start++;
	return {name: line.slice(0, colon), value: start === line.length ? null : line.slice(start)};
}

const hostLabel = /^[a-z\d-]+$/i;
const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A scheme, or a host (dotted name with a letter TLD, IPv4, `localhost`, `[v6]`, `name:port`) then a path or end. */
function looksLikeUrl(word: string): boolean {
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(word)) return true;
	let end = 0;
	while (end < word.length && !'/?#'.includes(word[end]!)) end++;
	let host = word.slice(0, end);
	const at = host.lastIndexOf('@');
	if (at !== -1) host = host.slice(at + 1);
	const port = /:\d{1,5}$/.exec(host);
	if (port) host = host.slice(0, port.index);
	if (host === 'localhost' || ipv4.test(host) || /^\[[\da-f:.]+\]$/i.test(host)) return true;
	const labels = host.split('.');
	if (labels.length === 1) return port !== null && hostLabel.test(host);
	return labels.every((label) => hostLabel.test(label)) && /^[a-z]/i.test(labels.at(-1)!);
}

type Prompt = 'none' | 'posix' | 'powershell' | 'cmd';
type CommandStart = {
	readonly start: number;
	readonly programEnd: number;
	readonly prompt: Prompt;
	readonly exe: boolean;
};

/** End of `curl` or `curl.exe` at `at` when a blank or the line end follows, else -1. */
function programEnd(text: string, at: number): number {
	if (!text.startsWith('curl', at)) return -1;
	let end = at + 4;
	if (text.slice(end, end + 4).toLowerCase() === '.exe') end += 4;
	const next = text[end];
	return next === undefined || ' \t\r\n'.includes(next) ? end : -1;
}

function skipSpaces(text: string, at: number): number {
	let p = at;
	while (text[p] === ' ' || text[p] === '\t') p++;
	return p;
}

/** `curl` as the first word of the line, after an optional prompt (`$ `, `% `, `> `, `user@host:~$ `, `PS C:\>`). */
function matchCommandStart(text: string, lineStart: number, lineEnd: number): CommandStart | null {
	const first = skipSpaces(text, lineStart);
	const direct = programEnd(text, first);
	if (direct !== -1) return {start: first, programEnd: direct, prompt: 'none', exe: direct - first === 8};
	if (text.startsWith('PS ', first)) {
		let close = first;
		while (close < lineEnd && text[close] !== '>') close++;
		if (close === lineEnd) return null;
		const program = skipSpaces(text, close + 1);
		const end = programEnd(text, program);
		return end === -1 ? null : {start: first, programEnd: end, prompt: 'powershell', exe: end - program === 8};
	}

	let tokenEnd = first;
	while (tokenEnd < lineEnd && text[tokenEnd] !== ' ' && text[tokenEnd] !== '\t') tokenEnd++;
	const token = text.slice(first, tokenEnd);
	const drive = /^[a-z]:\\/i.test(token);
	// cmd.exe prints its prompt with no blank before what is typed: `C:\Users\me>curl …`.
	for (const program of ['>curl', '>curl.exe']) {
		if (drive && token.toLowerCase().endsWith(program)) {
			return {start: first, programEnd: tokenEnd, prompt: 'cmd', exe: program.length === 9};
		}
	}

	const last = token.at(-1);
	const isPrompt =
		last !== undefined && '$%>#❯'.includes(last) && tokenEnd > first && !/^#+$/.test(token) && tokenEnd < lineEnd;
	if (!isPrompt) return null;
	const program = skipSpaces(text, tokenEnd);
	const end = programEnd(text, program);
	if (end === -1) return null;
	return {start: first, programEnd: end, prompt: drive && last === '>' ? 'cmd' : 'posix', exe: end - program === 8};
}

function detectShell(text: string, start: CommandStart): Shell {
	if (start.prompt === 'cmd') return 'cmd';
	if (start.prompt === 'powershell') return 'powershell';
	const newline = text.indexOf('\n', start.programEnd);
	const line = text.slice(start.programEnd, newline === -1 ? text.length : newline).trimEnd();
	if (line.includes('^"') || line.endsWith('^')) return 'cmd';
	if (line.endsWith('`')) return 'powershell';
	return start.exe && start.prompt === 'none' && !line.endsWith('\\') ? 'powershell' : 'bash';
}

const accept = (word: string, expanded: boolean): boolean =>
	(word.startsWith('-') && word !== '-') || looksLikeUrl(word) || expanded;

const startsCommand = (text: string, at: number): boolean => programEnd(text, at) !== -1;

type UrlCandidate = {readonly value: string; readonly explicit: boolean};
/** A piece of `-d`-style data: text, or a file curl reads (whose content we never have). */
type DataPiece = {readonly text: string; readonly file: string | null; readonly json: boolean};

/**
 * The headers curl builds from options, in the order lib/http.c writes them before the `-H` headers (Authorization,
 * Range, User-Agent, Referer), then cookies; Content-Type for a body comes after the `-H` headers.
 */
const impliedOrder = ['Authorization', 'Range', 'User-Agent', 'Referer', 'Cookie'] as const;
type ImpliedName = (typeof impliedOrder)[number];

/** Applies curl's option semantics to the words of a command line. */
class CommandBuilder {
	readonly options: CurlOption[] = [];
	readonly unknownOptions: string[] = [];
	readonly unexpanded: string[];
	private readonly headers: Header[] = [];
	/** Lower-case names given with -H in any form: curl then leaves out the header it would derive itself. */
	private readonly customNames = new Set<string>();
	private readonly derived = new Map<ImpliedName, string>();
	private readonly cookies: string[] = [];
	private readonly urls: UrlCandidate[] = [];
	private readonly queries: string[] = [];
	private method: string | null = null;
	private data: DataPiece[] | null = null;
	private head = false;
	private get = false;
	private json = false;
	private fields: FormField[] | null = null;
	private upload: string | null = null;
	private user: string | null = null;
	/** What `@-` reads: a here-document, a here-string or a redirected file on the command line. */
	private readonly stdin: CommandStdin | null;
	private noBasic = false;
	/** After `--next` the options describe another transfer, which we list but do not model. */
	private modelling = true;

	constructor(unexpanded: readonly string[], stdin: CommandStdin | null) {
		this.unexpanded = [...unexpanded];
		this.stdin = stdin;
	}

	add(name: string, written: string, value: string | null, base: string): void {
		this.options.push({name, written, value});
		if (!this.modelling) return;
		if (name.startsWith('expand-') && value !== null) {
			for (const variable of value.match(/\{\{[^{}]*\}\}/g) ?? []) this.unexpanded.push(variable);
		}

		if (value === null) this.applySwitch(name);
		else this.applyValue(base, value);
	}

	unknown(name: string, written: string, value: string | null, verbatim: string): void {
		this.options.push({name, written, value});
		this.unknownOptions.push(verbatim);
	}

	positional(word: string): void {
		this.options.push({name: 'url', written: word, value: word});
		if (this.modelling) this.urls.push({value: word, explicit: false});
	}

	private applySwitch(name: string): void {
		if (name === 'head') this.head = true;
		else if (name === 'get') this.get = true;
		else if (name === 'next') this.modelling = false;
		else if (noPreemptiveBasic.has(name)) this.noBasic = true;
	}

	private applyValue(name: string, value: string): void {
		switch (name) {
			case 'request': {
				if (value !== '') this.method = value;
				break;
			}

			case 'header': {
				this.addHeader(value);
				break;
			}

			case 'data':
			case 'data-ascii':
			case 'data-binary':
			case 'json':
			case 'data-raw':
			case 'data-urlencode': {
				this.addData(name, value);
				break;
			}

			case 'url': {
				this.urls.push({value, explicit: true});
				break;
			}

			case 'url-query': {
				const piece = value.startsWith('+') ? value.slice(1) : urlencodePiece(value, this.stdinText());
				if (piece === null) this.unexpanded.push(value);
				this.queries.push(piece ?? value);
				break;
			}

			case 'user': {
				this.user = value;
				this.derive('Authorization', '');
				break;
			}

			case 'oauth2-bearer': {
				this.derive('Authorization', `Bearer ${value}`);
				break;
			}

			case 'range': {
				// curl appends the dash a bare offset lacks ("A specified range MUST include at least one dash").
				this.derive('Range', `bytes=${/^\d/.test(value) && !value.includes('-') ? `${value}-` : value}`);
				break;
			}

			case 'cookie': {
				// Without `=` the value names a cookie file to read, which sends nothing we can see.
				if (value.includes('=')) this.cookies.push(value);

				break;
			}

			case 'user-agent': {
				if (value !== '') this.derive('User-Agent', value);
				break;
			}

			case 'referer': {
				const referer = value.endsWith(';auto') ? value.slice(0, -5) : value;
				if (referer !== '') this.derive('Referer', referer);
				break;
			}

			case 'aws-sigv4': {
				this.noBasic = true;
				break;
			}

			case 'form':
			case 'form-string': {
				const field = formField(value, name === 'form-string');
				this.fields ??= [];
				if (field !== null) this.fields.push(field);
				break;
			}

			case 'upload-file': {
				this.upload = value;
				break;
			}

			default:
		}
	}

	private addHeader(value: string): void {
		if (value.startsWith('@')) {
			this.unexpanded.push(value);
			return;
		}

		const header = parseHeader(value);
		if (header === null) return;
		this.customNames.add(header.name.toLowerCase());
		if (header.value !== null) this.headers.push([header.name, header.value]);
	}

	private stdinText(): string | null {
		return this.stdin?.kind === 'text' ? this.stdin.text : null;
	}

	private addData(name: string, value: string): void {
		const piece = this.dataPiece(name, value);
		if (piece.file !== null) this.unexpanded.push(value);
		if (name === 'json') this.json = true;
		this.data ??= [];
		this.data.push({...piece, json: name === 'json'});
	}

	/** `@file` is read by curl (`-d` strips its line breaks); `@-` reads stdin, which the paste may hold. */
	private dataPiece(name: string, value: string): Omit<DataPiece, 'json'> {
		if (name === 'data-urlencode') {
			const encoded = urlencodePiece(value, this.stdinText());
			return encoded === null ? {text: value, file: value.slice(value.indexOf('@') + 1)} : {text: encoded, file: null};
		}

		if (name === 'data-raw' || !value.startsWith('@')) return {text: value, file: null};
		const file = value.slice(1);
		const stdin = file === '-' ? this.stdin : null;
		if (stdin?.kind === 'text') {
			const binary = name === 'data-binary' || name === 'json';
			return {text: binary ? stdin.text : stdin.text.replaceAll(/[\r\n]/g, ''), file: null};
		}

		if (stdin?.kind === 'file') return {text: `@${stdin.name}`, file: stdin.name};
		return {text: value, file};
	}

	/** A header curl builds from an option: the last option wins. */
	private derive(name: ImpliedName, value: string): void {
		this.derived.set(name, value);
	}

	build(shell: Shell, line: CommandLine): CurlCommand {
		const body = this.bodyText();
		const query = [...this.queries];
		if (this.get && body !== null && body !== '') query.push(body);
		const url =
			this.upload === null || this.upload === '-' || this.upload === '.'
				? this.pickUrl()
				: uploadUrl(this.pickUrl(), this.upload);
		const implied = this.impliedHeaders(body);
		const headers: Header[] = [...implied.before, ...this.headers, ...implied.after];
		const payload = this.payload(body);
		return {
			request: {
				method: this.inferMethod(),
				url: query.length > 0 ? appendQuery(url, query.join('&')) : url,
				headers,
				body: this.get ? null : body,
				implied: [...implied.before, ...implied.after].map(([name]) => name.toLowerCase()),
				...(payload === null ? {} : {payload}),
				unexpanded: [...new Set(this.unexpanded)],
			},
			shell,
			options: this.options,
			unknownOptions: this.unknownOptions,
			shellSyntax: line.shellSyntax,
		};
	}

	/** curl joins data pieces with `&`, except --json pieces, which are concatenated. */
	private bodyText(): string | null {
		if (this.data === null) return null;
		let body = '';
		for (const piece of this.data) body += (body !== '' && !piece.json ? '&' : '') + piece.text;
		return body;
	}

	/** Headers curl adds itself, unless a `-H` of the same name replaced or removed them. */
	private impliedHeaders(body: string | null): {readonly before: Header[]; readonly after: Header[]} {
		const keep = (name: string): boolean => !this.customNames.has(name.toLowerCase());
		const before: Header[] = [];
		for (const name of impliedOrder) {
			const value = this.impliedValue(name);
			if (value !== null && keep(name)) before.push([name, value]);
		}

		// --json's headers are added by the curl tool after the user's -H list; the body's Content-Type by the library.
		const after: Header[] = [];
		if (this.json && keep('Content-Type')) after.push(['Content-Type', 'application/json']);
		if (this.json && keep('Accept')) after.push(['Accept', 'application/json']);
		if (!this.json && keep('Content-Type')) {
			// The boundary curl appends to multipart/form-data is random: it is not part of what the paste shows.
			if (this.fields !== null) after.push(['Content-Type', 'multipart/form-data']);
			else if (body !== null && !this.get) after.push(['Content-Type', 'application/x-www-form-urlencoded']);
		}

		return {before, after};
	}

	private impliedValue(name: ImpliedName): string | null {
		if (name === 'Cookie') return this.cookies.length === 0 ? null : this.cookies.join('; ');
		const value = this.derived.get(name);
		if (value === undefined) return null;
		if (name !== 'Authorization' || value !== '') return value;
		// `-u user` without a password makes curl prompt for it: the credential sent is unknown.
		if (this.user === null || this.noBasic || !this.user.includes(':')) return null;
		return `Basic ${base64(this.user)}`;
	}

	private payload(body: string | null): RequestPayload | null {
		if (this.fields !== null) return {kind: 'form', fields: this.fields};
		if (this.get) return null;
		const only = this.data?.length === 1 ? this.data[0]! : null;
		if (only?.file != null) return {kind: 'file', file: only.file};
		if (body !== null) return {kind: 'text', text: body};
		if (this.upload === null) return null;
		const stdin = this.upload === '-' || this.upload === '.' ? this.stdin : null;
		if (stdin?.kind === 'text') return {kind: 'text', text: stdin.text};
		return {kind: 'file', file: stdin?.kind === 'file' ? stdin.name : this.upload};
	}

	/** The first URL that looks like one; else the first that may hold an expansion (`"$BASE/v1"`); else the first. */
	private pickUrl(): string {
		const candidates = this.urls.filter((url) => url.value !== '');
		return (
			(
				candidates.find((url) => url.explicit || looksLikeUrl(url.value)) ??
				candidates.find((url) => /[$%`]/.test(url.value)) ??
				candidates[0]
			)?.value ?? ''
		);
	}

	private inferMethod(): string {
		if (this.method !== null) return this.method;
		if (this.head) return 'HEAD';
		if (this.get) return 'GET';
		if (this.data !== null || this.fields !== null) return 'POST';
		return this.upload === null ? 'GET' : 'PUT';
	}
}

function interpret(line: CommandLine, shell: Shell): CurlCommand {
	const builder = new CommandBuilder(line.unexpanded, line.stdin);
	const {words} = line;
	let optionsEnded = false;
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		if (optionsEnded || !word.startsWith('-') || word === '-') {
			builder.positional(word);
		} else if (word === '--') {
			optionsEnded = true;
		} else if (word.startsWith('--')) {
			const equals = word.indexOf('=');
			const name = word.slice(2, equals === -1 ? undefined : equals);
			const attached = equals === -1 ? null : word.slice(equals + 1);
			const option = resolveLong(name);
			if (option === null) {
				builder.unknown(name, `--${name}`, attached, word);
			} else if (option.takesValue) {
				const value = attached ?? words[i + 1] ?? null;
				if (attached === null && value !== null) i++;
				builder.add(option.name, `--${name}`, value, option.base);
			} else {
				builder.add(option.name, `--${name}`, null, option.base);
			}
		} else {
			i = readCluster(builder, words, i);
		}
	}

	return builder.build(shell, line);
}

/** `-sSLX POST`, `-XPOST`: switches until the first letter that takes a value, which takes the rest or the next word. */
function readCluster(builder: CommandBuilder, words: readonly string[], index: number): number {
	const word = words[index]!;
	let valueAt = word.length;
	for (let j = 1; j < word.length; j++) {
		if (resolveShort(word[j]!)?.takesValue) {
			valueAt = j;
			break;
		}
	}

	const written = word.slice(0, valueAt + 1);
	for (let j = 1; j < valueAt; j++) {
		const letter = word[j]!;
		const option = resolveShort(letter);
		if (option === null) builder.unknown(letter, written, null, `-${letter}`);
		else builder.add(option.name, written, null, option.base);
	}

	if (valueAt === word.length) return index;
	const option = resolveShort(word[valueAt]!)!;
	const rest = word.slice(valueAt + 1);
	const value = rest === '' ? (words[index + 1] ?? null) : rest;
	builder.add(option.name, written, value, option.base);
	return rest === '' && value !== null ? index + 1 : index;
}

type Found = {
	readonly start: number;
	readonly end: number;
	readonly command: CurlCommand;
	readonly next: number | null;
};

function parseAt(text: string, start: CommandStart, shell: Shell): Found | number {
	const read = readCommandLine(text, start.programEnd, {
		shell,
		accept,
		startsCommand,
		secondaryPrompt: start.prompt === 'posix',
	});
	if (read.kind === 'rejected') return read.resume;
	return {start: start.start, end: read.line.end, command: interpret(read.line, shell), next: read.line.next};
}

function chainedStart(text: string, at: number): CommandStart {
	const end = programEnd(text, at);
	return {start: at, programEnd: end, prompt: 'none', exe: end - at === 8};
}

/** Finds every curl command in a paste (a ticket may hold prose around it). start/end are offsets into text. */
export function findCurlCommands(text: string): Array<{start: number; end: number; command: CurlCommand}> {
	const found: Array<{start: number; end: number; command: CurlCommand}> = [];
	try {
		let lineStart = 0;
		while (lineStart < text.length) {
			const newline = text.indexOf('\n', lineStart);
			const lineEnd = newline === -1 ? text.length : newline;
			let resume = lineEnd + 1;
			const start = matchCommandStart(text, lineStart, lineEnd);
			if (start !== null) {
				const shell = detectShell(text, start);
				let result = parseAt(text, start, shell);
				let reached = lineEnd;
				while (typeof result !== 'number') {
					found.push({start: result.start, end: result.end, command: result.command});
					reached = result.end;
					if (result.next === null) break;
					result = parseAt(text, chainedStart(text, result.next), shell);
				}

				if (typeof result === 'number') reached = Math.max(reached, result);
				const after = text.indexOf('\n', reached);
				resume = Math.max(resume, after === -1 ? text.length : after + 1);
			}

			lineStart = resume;
		}
	} catch {
		// Engine limits (string length, memory) on pathological input: report what was found so far.
	}

	return found;
}

/** Parses one command line (continuations allowed). null when it is not a curl command. */
export function parseCurlCommand(text: string): CurlCommand | null {
	try {
		let lineStart = 0;
		while (/\s/.test(text[lineStart] ?? '')) lineStart++;
		lineStart = text.lastIndexOf('\n', lineStart) + 1;
		const newline = text.indexOf('\n', lineStart);
		const start = matchCommandStart(text, lineStart, newline === -1 ? text.length : newline);
		if (start === null) return null;
		const result = parseAt(text, start, detectShell(text, start));
		return typeof result === 'number' ? null : result.command;
	} catch {
		return null;
	}
}
