/*
Issue 12 class 2, "redaction rules that miss", as generators: every credential header name × every carrier, and
every secret shape × every placement, each run through the pipeline and every output (text, Markdown, JSON, and the
Raw section), asserting that no 8-character piece of the secret survives. The attempts per class are counted.
*/
import test from 'ava';
import type {ExecutionContext} from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {BUNDLED_CATALOG_DIR, loadCatalogs} from '../../source/edge/catalogs.js';
import {renderJson} from '../../source/render/json.js';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {showDiagnosis, showInput} from '../../source/render/shown.js';
import {pieces} from '../helpers/diagnosis.js';
import {CUSTOM_CREDENTIAL_HEADERS, PUBLIC_API_CREDENTIAL_HEADERS} from './credential-headers.js';

const {set: catalogs} = loadCatalogs([BUNDLED_CATALOG_DIR]);
const now = '2025-01-14T18:00:00Z';
const errorBody = '{"error":{"code":"UNAUTHORIZED","message":"The request could not be authenticated."}}';
const url = 'https://api.example.com/v1/things';
const json = (value: unknown): string => JSON.stringify(value);
const bashSingle = (text: string): string => text.replaceAll("'", String.raw`'\''`);
const response = (headers: string, body = errorBody): string =>
	`HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n${headers}\n${body}`;

/** Every way the report shows a paste: the three renderings of the shown report and the Raw section. */
function outputs(input: string): string[] | undefined {
	const diagnosis = diagnose(input, {catalogs, now});
	if (diagnosis === null) return undefined;
	const shown = showDiagnosis(diagnosis);
	return [
		renderText(shown, {color: false, width: 400}),
		renderMarkdown(shown, new Set([0, 1, 2, 3])),
		renderJson(shown),
		showInput(input, 1 << 20).text,
	];
}

function leak(output: string, secret: string): string | undefined {
	if (output.includes(secret)) return 'the whole secret';
	return pieces(secret).find((piece) => output.includes(piece));
}

type Attempt = {readonly where: string; readonly input: string; readonly secret: string};

/** Runs every attempt; one assertion per attempt, and the count for the report. */
function runAll(t: ExecutionContext, attempts: readonly Attempt[]): void {
	const failures: string[] = [];
	for (const {where, input, secret} of attempts) {
		const shown = outputs(input);
		if (shown === undefined) {
			failures.push(`${where}: not diagnosed`);
			continue;
		}

		const found = shown.map((output) => leak(output, secret)).find((piece) => piece !== undefined);
		if (found !== undefined) failures.push(`${where}: ${found} survives`);
	}

	t.log(`${attempts.length} attempts`);
	t.deepEqual(failures, []);
}

// ---- credential header names × carriers ----

type HeaderCarrier = {readonly name: string; readonly build: (header: string, value: string) => string};

function har(headers: ReadonlyArray<Record<string, string>>): string {
	const entry = {
		startedDateTime: '2025-01-14T18:00:00.000Z',
		request: {method: 'POST', url, headers},
		response: {
			status: 401,
			statusText: 'Unauthorized',
			headers: [],
			content: {mimeType: 'application/json', text: errorBody},
		},
	};
	return JSON.stringify({log: {version: '1.2', entries: [entry]}}, null, 2);
}

export const HEADER_CARRIERS: readonly HeaderCarrier[] = [
	{
		name: 'curl -H',
		build: (header, value) => `curl -X POST '${url}' -H '${bashSingle(`${header}: ${value}`)}'\n${response('')}`,
	},
	{name: 'curl -i response header', build: (header, value) => response(`${header}: ${value}\n`)},
	{
		name: 'curl -v request line',
		build: (header, value) =>
			`* Connected to api.example.com (203.0.113.7) port 443\n> POST /v1/things HTTP/1.1\n> Host: api.example.com\n` +
			`> ${header}: ${value}\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Type: application/json\n<\n${errorBody}`,
	},
	{name: 'HAR, name first', build: (header, value) => har([{name: header, value}])},
	{name: 'HAR, value first', build: (header, value) => har([{value, name: header}])},
	{
		name: 'Python repr dict',
		build: (header, value) =>
			`requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: ${url}\n` +
			`request headers: {'User-Agent': 'python-requests/2.32.3', '${header}': '${value}'}\n${errorBody}`,
	},
	{
		name: 'JSON log line',
		build: (header, value) =>
			json({
				level: 'error',
				time: now,
				msg: 'upstream returned 401',
				request: {method: 'POST', url, headers: {[header]: value}},
				status: 401,
				error: {code: 'UNAUTHORIZED', message: 'The request could not be authenticated.'},
			}),
	},
];

const headerNames = [...PUBLIC_API_CREDENTIAL_HEADERS.map(({name}) => name), ...CUSTOM_CREDENTIAL_HEADERS];

test('the header list holds at least 40 credential header names of public APIs, none twice', (t) => {
	t.true(PUBLIC_API_CREDENTIAL_HEADERS.length >= 40);
	t.is(new Set(headerNames.map((name) => name.toLowerCase())).size, headerNames.length);
});

test('every credential header name × every carrier: the value never survives', (t) => {
	const attempts = headerNames.flatMap((header, index) => {
		// No known prefix: only the header name says that this is a credential.
		const secret = `Zq8Lm3Wp7XvT8Ry2Hd9K${index}Qm4T`;
		return HEADER_CARRIERS.map((carrier) => ({
			where: `${carrier.name} / ${header}`,
			input: carrier.build(header, secret),
			secret,
		}));
	});
	runAll(t, attempts);
});

// ---- secret shapes × placements ----

/** `written` is how the secret appears in a paste; `shape` decides where it can be placed. */
type SecretCase = {
	readonly name: string;
	readonly written: string;
	readonly secret: string;
	/** token: found by its shape alone; keyed: found by the name before it; url: a whole URL; text: words or JSON. */
	readonly shape: 'token' | 'keyed' | 'url' | 'text';
};

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = `${base64url({alg: 'RS256', typ: 'JWT'})}.${base64url({sub: 'usr_8c2f41', exp: 1_736_503_200})}.Q2hlY2tlZE5vd2hlcmVIZXJlN2ZRa1p3eEw`;
const seedWords = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

export const SECRET_CASES: readonly SecretCase[] = [
	{name: 'JWT', written: jwt, secret: jwt, shape: 'token'},
	{
		name: 'Slack xoxc-',
		written: 'xoxc-2048-4096-Zq8Lm3Wp7XvT8Ry2Hd9K',
		secret: 'xoxc-2048-4096-Zq8Lm3Wp7XvT8Ry2Hd9K',
		shape: 'token',
	},
	{
		name: 'Slack xoxd-',
		written: 'xoxd-Zq8Lm3Wp7XvT8Ry2Hd9K%2FQ2hl',
		secret: 'xoxd-Zq8Lm3Wp7XvT8Ry2Hd9K%2FQ2hl',
		shape: 'token',
	},
	{
		name: 'Google ya29.',
		written: 'ya29.a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm',
		secret: 'a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm',
		shape: 'token',
	},
	{
		name: 'BIP32 xprv',
		written:
			'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
		secret:
			'9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
		shape: 'token',
	},
	{
		name: 'Stripe key',
		written: 'sk_live_51NbXq8FQz3kRt7Lw2YhVc',
		secret: 'sk_live_51NbXq8FQz3kRt7Lw2YhVc',
		shape: 'token',
	},
	{
		name: 'GitHub token',
		written: 'ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R',
		secret: 'ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R',
		shape: 'token',
	},
	{
		name: 'AWS secret beside its id',
		written: 'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
		secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
		shape: 'keyed',
	},
	{
		name: 'Slack webhook',
		written: 'https://hooks.slack.com/services/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',
		secret: 'Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm',
		shape: 'url',
	},
	{
		name: 'Telegram bot URL',
		written: 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ/sendMessage',
		secret: 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ',
		shape: 'url',
	},
	{
		name: 'userinfo with @',
		written: 'https://svc:p@ssZq8Lm3Wp7Xv@db.example.com/x',
		secret: 'ssZq8Lm3Wp7Xv',
		shape: 'url',
	},
	{
		name: "userinfo with '",
		written: "https://svc:pa'ssZq8Lm3Wp7Xv@db.example.com/x",
		secret: "pa'ssZq8Lm3Wp7Xv",
		shape: 'url',
	},
	{
		name: 'Azure SAS sig',
		written: 'https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4%3D',
		secret: 'Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4',
		shape: 'url',
	},
	{name: '?pass=', written: 'pass=Zq8Lm3Wp7XvT8Ry2', secret: 'Zq8Lm3Wp7XvT8Ry2', shape: 'keyed'},
	{
		name: 'Azure AccountKey',
		written:
			'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zq8Lm3Wp7XvT8Ry2Hd9K==;EndpointSuffix=core.windows.net',
		secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K',
		shape: 'keyed',
	},
	{name: 'pin', written: 'pin=739184', secret: '739184', shape: 'keyed'},
	{name: 'seed phrase', written: `seed phrase: ${seedWords}`, secret: seedWords, shape: 'text'},
	{name: 'seed', written: json({seed: seedWords}), secret: seedWords, shape: 'text'},
	{
		name: 'JWK private d',
		written: json({
			kty: 'EC',
			crv: 'P-256',
			x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
			d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
		}),
		secret: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
		shape: 'text',
	},
	{
		name: 'JWK symmetric k',
		written: json({kty: 'oct', alg: 'HS256', k: 'GawgguFyGrWKav7AX4VKUg-Zq8Lm3Wp7XvT8Ry2'}),
		secret: 'GawgguFyGrWKav7AX4VKUg-Zq8Lm3Wp7XvT8Ry2',
		shape: 'text',
	},
	{
		name: 'privateKey hex',
		written: 'privateKey: 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
		secret: '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
		shape: 'keyed',
	},
	{
		name: 'JSON-escaped key name',
		written: String.raw`{"pass\u0077ord":"hunter2Zq8Lm3Wp"}`,
		secret: 'hunter2Zq8Lm3Wp',
		shape: 'text',
	},
	{name: 'api key in prose', written: 'your api key: Zq8Lm3Wp7XvT8Ry2', secret: 'Zq8Lm3Wp7XvT8Ry2', shape: 'text'},
	{
		name: 'PuTTY key file',
		written:
			'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIHq3\n' +
			'bW9yZXB1YmxpYw\nPrivate-Lines: 1\nAAAAIFZq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4WnQ2hl\nPrivate-MAC: 7f3a8b2c9d0e1f2a',
		secret: 'AAAAIFZq8Lm3Wp7XvT8Ry2Hd9Kq2Lm7Zp4WnQ2hl',
		shape: 'text',
	},
];

type Placement = {
	readonly name: string;
	readonly shapes: ReadonlyArray<SecretCase['shape']>;
	readonly build: (item: SecretCase) => string;
};

const curl = (target: string, options = ''): string =>
	`curl -X POST '${bashSingle(target)}'${options}\n${response('')}`;
const inQuery = (item: SecretCase): string => (item.shape === 'token' ? `state=${item.written}` : item.written);
const bodyWith = (fields: Record<string, string>): string =>
	response('', json({error: {message: 'denied', ...fields}}));

/** Hard-wraps one line at a width that cuts the secret in the middle, as a terminal does. */
function hardWrapped(prefix: string, item: SecretCase): string {
	const line = `${prefix}${item.written} for this request`;
	const width = line.indexOf(item.secret) + Math.floor(item.secret.length / 2);
	const lines: string[] = [];
	for (let index = 0; index < line.length; index += width) lines.push(line.slice(index, index + width));
	return lines.join('\n');
}

export const PLACEMENTS: readonly Placement[] = [
	{name: 'URL path', shapes: ['token'], build: (item) => curl(`${url}/${item.written}`)},
	{name: 'URL', shapes: ['url'], build: (item) => curl(item.written)},
	{name: 'query', shapes: ['token', 'keyed'], build: (item) => curl(`${url}?${inQuery(item)}`)},
	{
		name: 'percent-encoded in a redirect Location',
		shapes: ['token', 'keyed', 'url', 'text'],
		build: (item) =>
			response(
				`Location: https://app.example.com/login?next=${encodeURIComponent(`https://app.example.com/cb?${inQuery(item)}`)}\n`,
			),
	},
	{
		name: 'percent-encoded in a query',
		shapes: ['token', 'keyed', 'url', 'text'],
		build: (item) => curl(`${url}?redirect_uri=${encodeURIComponent(`https://app.example.com/cb?${inQuery(item)}`)}`),
	},
	{
		// Not the body's first line: that one is also read as the message, cut at the line break before redaction
		// sees the rest of the token (a limit of the plain-text reader, not of a rule).
		name: 'line-wrapped in a text body',
		shapes: ['token'],
		build: (item) =>
			'HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nUnauthorized\n' +
			hardWrapped('upstream rejected the credential ', item),
	},
	{
		name: 'line-wrapped in a curl -v request line',
		shapes: ['token'],
		build: (item) =>
			`> GET /v1/things HTTP/1.1\n> Host: api.example.com\n${hardWrapped('> Authorization: Bearer ', item)}\n>\n` +
			`< HTTP/1.1 401 Unauthorized\n< Content-Type: application/json\n<\n${errorBody}`,
	},
	...(['{{…}}', '[…]', '<…>'] as const).map((brackets) => ({
		name: `inside a ${brackets} placeholder`,
		shapes: ['token'] as const,
		build: (item: SecretCase) => curl(url, ` -H 'X-Api-Key: ${brackets.replace('…', item.written)}'`),
	})),
	{name: 'error code field', shapes: ['token', 'keyed'], build: (item) => bodyWith({code: item.written})},
	{name: 'request id field', shapes: ['token', 'keyed'], build: (item) => bodyWith({request_id: item.written})},
	{name: 'error message', shapes: ['token', 'keyed', 'url', 'text'], build: (item) => bodyWith({detail: item.written})},
	{
		name: 'plain-text body',
		shapes: ['token', 'keyed', 'url', 'text'],
		build: (item) => `HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nrejected: ${item.written}`,
	},
	{
		name: 'request body',
		shapes: ['text'],
		build: (item) => curl(url, ` -H 'Content-Type: text/plain' --data-raw '${bashSingle(item.written)}'`),
	},
];

test('every secret shape × every placement: no piece survives', (t) => {
	const attempts = SECRET_CASES.flatMap((item) =>
		PLACEMENTS.filter((placement) => placement.shapes.includes(item.shape)).map((placement) => ({
			where: `${placement.name} / ${item.name}`,
			input: placement.build(item),
			secret: item.secret,
		})),
	);
	runAll(t, attempts);
});
