import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {REDACTION_RULES, redactJson, redactText, redactUrl} from '../../source/core/redact/index.js';
import type {Diagnosis} from '../../source/core/types.js';
import {osc52} from '../../source/edge/clipboard.js';
import {renderJson} from '../../source/render/json.js';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {catalogs} from '../helpers/catalogs.js';
import {runCli} from '../helpers/cli.js';
import {pieces} from '../helpers/diagnosis.js';
import {RULE_CASES} from './redaction-cases.js';
import type {Case} from './redaction-cases.js';
import {showDiagnosis} from '../../source/render/shown.js';

const now = '2025-01-14T18:00:00Z';
const errorBody = '{"error":{"code":"UNAUTHORIZED","message":"The request could not be authenticated."}}';

/** A carrier puts a case into one kind of paste; `shows` says whether the report displays the value, `header` that
 *  the name is a header name there (where the header rules, not the key rules, judge it). */
type Carrier = {
	readonly name: string;
	readonly shows: boolean;
	readonly header?: boolean;
	readonly build: (item: Case) => string;
};

const bashSingle = (text: string): string => text.replaceAll("'", String.raw`'\''`);
const ansiC = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll("'", String.raw`\'`);
const jsonText = (text: string): string => JSON.stringify(text);
const responseFor = (body: string): string => `HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n${body}`;
const curl = (options: string): string =>
	`curl -X POST 'https://api.example.com/v1/things' ${options}\n${responseFor(errorBody)}`;

function har(request: Record<string, unknown>, response: Record<string, unknown> = {}): string {
	const entry = {
		startedDateTime: '2025-01-14T18:00:00.000Z',
		request: {method: 'POST', url: 'https://api.example.com/v1/things', headers: [], ...request},
		response: {
			status: 401,
			statusText: 'Unauthorized',
			headers: [],
			content: {mimeType: 'application/json', text: errorBody},
			...response,
		},
	};
	return JSON.stringify({log: {version: '1.2', entries: [entry]}}, null, 2);
}

const carriers: readonly Carrier[] = [
	{
		name: 'raw text (a plain-text error body)',
		shows: true,
		build: ({name, value}) => `HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nrejected ${name}: ${value}`,
	},
	{
		name: 'JSON string (error message)',
		shows: true,
		build: ({name, value}) => `{"error":{"code":"UNAUTHORIZED","message":${jsonText(`rejected ${name}: ${value}`)}}}`,
	},
	{
		name: 'JSON key in an error body',
		shows: false,
		build: ({name, value}) => `{"error":{"code":"UNAUTHORIZED","message":"no",${jsonText(name)}:${jsonText(value)}}}`,
	},
	{name: 'HAR request header', shows: true, header: true, build: ({name, value}) => har({headers: [{name, value}]})},
	{
		name: 'HAR response header',
		shows: true,
		header: true,
		build: ({name, value}) => har({}, {headers: [{name, value}]}),
	},
	{name: 'HAR cookie', shows: false, build: ({name, value}) => har({cookies: [{name, value}]})},
	{
		name: 'HAR query string',
		shows: false,
		build: ({name, value}) =>
			har({
				url: `https://api.example.com/v1/things?${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
				queryString: [{name, value}],
			}),
	},
	{
		name: 'HAR postData',
		shows: false,
		build: ({name, value}) =>
			har({
				postData: {
					mimeType: 'application/x-www-form-urlencoded',
					text: `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
					params: [{name, value}],
				},
			}),
	},
	{
		name: 'HAR response content',
		shows: false,
		build: ({name, value}) =>
			har({}, {content: {mimeType: 'application/json', text: JSON.stringify({error: 'denied', [name]: value})}}),
	},
	{
		name: 'URL-encoded form',
		shows: false,
		build: ({name, value}) =>
			curl(
				`-H 'Content-Type: application/x-www-form-urlencoded' ` +
					`--data-raw 'grant_type=x&${bashSingle(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`)}'`,
			),
	},
	{
		name: 'curl -H',
		shows: true,
		header: true,
		build: ({name, value}) => curl(`-H '${bashSingle(`${name}: ${value}`)}'`),
	},
	{name: 'curl -b', shows: false, build: ({name, value}) => curl(`-b '${bashSingle(`${name}=${value}`)}'`)},
	{name: 'curl -u', shows: false, build: ({value}) => curl(`-u 'user:${bashSingle(value)}'`)},
	{
		name: 'curl --data-raw',
		shows: false,
		build: ({name, value}) => curl(`--data-raw '${bashSingle(JSON.stringify({[name]: value}))}'`),
	},
	{name: "curl $'…'", shows: true, header: true, build: ({name, value}) => curl(`-H $'${ansiC(`${name}: ${value}`)}'`)},
	{
		name: 'curl -v line',
		shows: true,
		header: true,
		build: ({name, value}) =>
			'* Connected to api.example.com (203.0.113.7) port 443\n> POST /v1/things HTTP/1.1\n' +
			`> Host: api.example.com\n> ${name}: ${value}\n>\n< HTTP/1.1 401 Unauthorized\n` +
			`< Content-Type: application/json\n<\n${errorBody}`,
	},
];

/** Everything errdoctor saves or copies: the Markdown summary (also the saved file), the JSON report, and the
 *  clipboard's OSC 52 payload decoded. */
function savedAndCopied(diagnosis: Diagnosis): string {
	const markdown = renderMarkdown(showDiagnosis(diagnosis));
	const payload = /52;c;([^\u0007]*)/.exec(osc52(markdown))?.[1] ?? '';
	return [markdown, renderJson(showDiagnosis(diagnosis)), Buffer.from(payload, 'base64').toString('utf8')].join('\n');
}

function leak(output: string, secret: string): string | null {
	if (output.includes(secret)) {
		return 'the whole secret';
	}

	return pieces(secret).find((piece) => output.includes(piece)) ?? null;
}

test('every rule in REDACTION_RULES has two true positives and a near miss here', (t) => {
	t.deepEqual(Object.keys(RULE_CASES).sort(), REDACTION_RULES.map((rule) => rule.name).sort());
});

for (const rule of REDACTION_RULES) {
	test(`redaction matrix: ${rule.name}`, (t) => {
		const cases = RULE_CASES[rule.name]!;
		for (const carrier of carriers) {
			for (const positive of cases.positives) {
				const where = `${carrier.name}: ${positive.name} ${positive.value}`;
				const diagnosis = diagnose(carrier.build(positive), {catalogs, now});
				if (diagnosis === null) {
					t.fail(`${where}: not diagnosed`);
					continue;
				}

				const found = leak(savedAndCopied(diagnosis), positive.secret);
				t.is(found, null, `${where}: ${found} survives`);
				if (carrier.shows) {
					// The secret does reach the report's text, so it is redaction that keeps it out above.
					const shown = renderText(showDiagnosis(diagnosis, {showSecrets: true}), {color: false, width: 400});
					t.true(shown.includes(positive.secret), `${where}: shown with --show-secrets`);
				}
			}

			const miss = cases.nearMiss;
			const diagnosis = diagnose(carrier.build(miss), {catalogs, now});
			t.truthy(diagnosis, `${carrier.name}: near miss not diagnosed`);
			if (diagnosis !== null && carrier.shows && !(rule.kind === 'key' && carrier.header === true)) {
				// Markdown escapes punctuation (`nonce\\_8f3a`); the value is compared as a reader sees it.
				const shown = renderMarkdown(showDiagnosis(diagnosis)).replaceAll(/\\([^\da-z\s])/gi, '$1');
				t.true(shown.includes(miss.value), `${carrier.name}: near miss ${miss.value} shown`);
			}
		}
	});
}

test('ordinary JSON string values that look like `name:value` stay whole (a JWT aud of dfns:auth:user)', (t) => {
	t.deepEqual(redactJson({aud: 'dfns:auth:user', scope: 'urn:token:read'}), {
		aud: 'dfns:auth:user',
		scope: 'urn:token:read',
	});
	t.is(redactText('audience dfns:auth:user'), 'audience dfns:auth:user');
	t.is(redactText('auth: s3cr3t-v4lue'), 'auth: [redacted]');
});

test('--show-secrets reveals nothing when stdout is not a terminal, in any mode', (t) => {
	const secret = 'dg_at_Hq83LmPz0VwX5cTr9KsY';
	const input = curl(`-H 'Authorization: Bearer ${secret}' -u 'ops:${secret}'`);
	for (const mode of [[], ['--json'], ['--markdown']]) {
		const result = runCli(['explain', '--show-secrets', ...mode], {input});
		t.is(result.status, 0, result.stderr);
		t.is(leak(result.stdout + result.stderr, secret), null, mode.join(' '));
	}
});

test('a secret percent-encoded in a query value is read decoded, and the URL stays one URL', (t) => {
	const url = 'https://api.example.com/x?note=Bearer%20dg_at_Hq83LmPz0VwX5cTr9KsY%26x&page=2';
	const redacted = redactUrl(url);
	t.is(redacted, 'https://api.example.com/x?note=Bearer dg_a…[redacted, 26 chars]%26x&page=2');
	t.is(redactUrl(redacted), redacted);
	t.is(redactUrl('https://api.example.com/?q=hello%20world'), 'https://api.example.com/?q=hello%20world');
});
