import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {findCurlCommands, parseCurlCommand} from '../../../source/core/parts/curl.js';
import type {CurlCommand, Header, RequestPayload} from '../../../source/core/types.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/curl/${name}`, import.meta.url), 'utf8');

function parse(text: string): CurlCommand {
	const command = parseCurlCommand(text);
	if (command === null) throw new Error(`not parsed: ${text}`);
	return command;
}

/** DevTools' "Copy as cURL (bash)" quoting: `'…'`, or `$'…'` when the value holds control characters, `!` or `'`. */
function chromeBash(value: string): string {
	if (!/[\u0000-\u001F\u007F-\u009F!']/.test(value)) return `'${value}'`;
	const escaped = value
		.replaceAll('\\', '\\\\')
		.replaceAll("'", "\\'")
		.replaceAll('\n', '\\n')
		.replaceAll('\r', '\\r')
		.replaceAll(/[\u0000-\u001F\u007F-\u009F!]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
	return `$'${escaped}'`;
}

/** DevTools' "Copy as cURL (cmd)" quoting, in the form that wraps every argument in `^"…^"`. */
function chromeCmd(value: string): string {
	const escaped = value
		.replaceAll('\\', '\\\\')
		.replaceAll('"', '\\"')
		.replaceAll(/[^\w\s\-:=+~'/.,?;()*`]/g, '^$&')
		.replaceAll(/%\b/g, '%^')
		.replaceAll(/\r?\n/g, '^\n\n');
	return `^"${escaped}^"`;
}

type Expected = {
	readonly shell: CurlCommand['shell'];
	readonly method: string;
	readonly url: string;
	readonly headers: readonly Header[];
	readonly body: string | null;
	readonly unexpanded: readonly string[];
	readonly shellSyntax: readonly string[];
};

const dfnsUrl = 'https://api.dfns.io/wallets/wa-5pfuu-9euek-h9ekn9ulsdd9rpcf/transfers?limit=10&cursor=a%20b';
const chromeHeaders: Header[] = [
	['accept', 'application/json'],
	['accept-language', 'en-GB,en;q=0.9'],
	['authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c19hYmMiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl'],
	['content-type', 'application/json'],
	['origin', 'https://app.dfns.io'],
	['referer', 'https://app.dfns.io/'],
	['sec-ch-ua', '"Chromium";v="128", "Not;A=Brand";v="24"'],
	[
		'user-agent',
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
	],
	['X-DFNS-USERACTION', ''],
];
const chromeBody = (memoTail: string) =>
	'{\n  "kind": "Native",\n  "to": "0xa1b2",\n  "amount": "100%",\n' +
	`  "memo": "it's done! \\"quoted\\" ${memoTail}\tend"\n}`;

const fixtures: ReadonlyArray<readonly [string, Expected]> = [
	[
		'bash-multiline.txt',
		{
			shell: 'bash',
			method: 'POST',
			url: 'https://api.eu.dfns.io/wallets',
			headers: [
				['Authorization', 'Bearer $DFNS_TOKEN'],
				['X-DFNS-USERACTION', '$(not expanded)'],
				['Content-Type', 'application/json'],
			],
			body: '{"network": "Ethereum", "name": "ops \\\\ $5 `x`"}',
			unexpanded: ['$DFNS_TOKEN'],
			shellSyntax: ['| tee log.txt'],
		},
	],
	[
		'chrome-bash.txt',
		{
			shell: 'bash',
			method: 'POST',
			url: dfnsUrl,
			headers: chromeHeaders,
			body: chromeBody('\\\\ back é€😀'),
			unexpanded: [],
			shellSyntax: [],
		},
	],
	[
		'chrome-cmd.txt',
		{
			shell: 'cmd',
			method: 'POST',
			url: dfnsUrl,
			headers: chromeHeaders,
			// Chrome doubles every backslash, and the C runtime only halves backslashes that precede a quote:
			// curl.exe really receives four here.
			body: chromeBody('\\\\\\\\ back é€'),
			unexpanded: [],
			shellSyntax: [],
		},
	],
	[
		'powershell.txt',
		{
			shell: 'powershell',
			method: 'POST',
			url: 'https://api.dguard.ai/v1/refund/request',
			headers: [
				['Authorization', 'Bearer $env:DGUARD_TOKEN'],
				['Idempotency-Key', '550e8400-e29b-41d4-a716-446655440000'],
				['Content-Type', 'application/json'],
			],
			body: '{"transaction_id": "txn_abc123", "note": "it\'s `n fine"}',
			unexpanded: ['$env:DGUARD_TOKEN'],
			shellSyntax: [],
		},
	],
	[
		'dakota-idempotency.txt',
		{
			shell: 'bash',
			method: 'POST',
			url: 'https://api.platform.dakota.xyz/customers',
			headers: [
				['x-api-key', 'YOUR_API_KEY'],
				['x-idempotency-key', 'unique-request-id-123'],
				['Content-Type', 'application/json'],
			],
			body: '{"customer_type": "business", "name": "Acme Corp"}',
			unexpanded: [],
			shellSyntax: [],
		},
	],
	[
		'dguard-refund.txt',
		{
			shell: 'bash',
			method: 'POST',
			url: 'https://api.dguard.ai/v1/refund/request',
			headers: [
				['Authorization', 'Bearer {access_token}'],
				['Idempotency-Key', '550e8400-e29b-41d4-a716-446655440000'],
				['Content-Type', 'application/json'],
			],
			body: '{"transaction_id": "txn_abc123", ...}',
			unexpanded: [],
			shellSyntax: [],
		},
	],
];

for (const [name, expected] of fixtures) {
	test(`fixture ${name}: exactly one command, parsed to the request as sent`, (t) => {
		const text = fixture(name);
		const found = findCurlCommands(text);
		t.is(found.length, 1);
		const {command, start, end} = found[0]!;
		t.true(text.slice(start).startsWith('curl'));
		t.deepEqual(
			{
				shell: command.shell,
				method: command.request.method,
				url: command.request.url,
				headers: command.request.headers,
				body: command.request.body,
				unexpanded: command.request.unexpanded,
				shellSyntax: command.shellSyntax,
			},
			expected,
		);
		t.deepEqual(parseCurlCommand(text.slice(start, end)), command);
	});
}

test('bash fixture lists every option in order with its spelling and value', (t) => {
	t.deepEqual(parse(fixture('bash-multiline.txt')).options, [
		{name: 'silent', written: '-sS', value: null},
		{name: 'show-error', written: '-sS', value: null},
		{name: 'request', written: '-X', value: 'POST'},
		{name: 'url', written: 'https://api.eu.dfns.io/wallets', value: 'https://api.eu.dfns.io/wallets'},
		{name: 'header', written: '-H', value: 'Authorization: Bearer $DFNS_TOKEN'},
		{name: 'header', written: '-H', value: 'X-DFNS-USERACTION: $(not expanded)'},
		{name: 'header', written: '-H', value: 'Content-Type: application/json'},
		{name: 'data', written: '--data', value: '{"network": "Ethereum", "name": "ops \\\\ $5 `x`"}'},
		{name: 'output', written: '-o', value: 'out.json'},
		{name: 'write-out', written: '-w', value: '%{http_code}\\n'},
	]);
});

test('powershell fixture decodes backtick escapes inside double quotes only', (t) => {
	const writeOut = parse(fixture('powershell.txt')).options.find((option) => option.name === 'write-out');
	t.is(writeOut?.value, '\nstatus=%{http_code}\n');
});

type Case = {
	readonly command: string;
	readonly method?: string;
	readonly url?: string;
	readonly headers?: readonly Header[];
	readonly body?: string | null;
	readonly options?: ReadonlyArray<readonly [name: string, written: string, value: string | null]>;
	readonly unknownOptions?: readonly string[];
	readonly unexpanded?: readonly string[];
	readonly shellSyntax?: readonly string[];
	/** Lower-case names of the headers curl adds by itself. */
	readonly implied?: readonly string[];
	readonly payload?: RequestPayload | null;
};

const cases: readonly Case[] = [
	{
		command: 'curl -sSLX POST https://x.io/a',
		method: 'POST',
		options: [
			['silent', '-sSLX', null],
			['show-error', '-sSLX', null],
			['location', '-sSLX', null],
			['request', '-sSLX', 'POST'],
			['url', 'https://x.io/a', 'https://x.io/a'],
		],
	},
	{
		command: 'curl -sSLXPOST https://x.io/a',
		method: 'POST',
		options: [
			['silent', '-sSLX', null],
			['show-error', '-sSLX', null],
			['location', '-sSLX', null],
			['request', '-sSLX', 'POST'],
			['url', 'https://x.io/a', 'https://x.io/a'],
		],
	},
	{
		command: 'curl -XPOST -HAccept:x https://x.io',
		method: 'POST',
		headers: [['Accept', 'x']],
		options: [
			['request', '-X', 'POST'],
			['header', '-H', 'Accept:x'],
			['url', 'https://x.io', 'https://x.io'],
		],
	},
	{
		command: 'curl --data=a=1 --request=PUT https://x.io',
		method: 'PUT',
		body: 'a=1',
		options: [
			['data', '--data', 'a=1'],
			['request', '--request', 'PUT'],
			['url', 'https://x.io', 'https://x.io'],
		],
	},
	{command: 'curl -d a=1 -d b=2 --data-raw @c https://x.io', method: 'POST', body: 'a=1&b=2&@c', unexpanded: []},
	{command: 'curl -d "" -d b=2 https://x.io', body: 'b=2'},
	{command: 'curl --data-binary @body.json https://x.io', body: '@body.json', unexpanded: ['@body.json']},
	{command: "curl --data-ascii 'x=1' https://x.io", method: 'POST', body: 'x=1'},
	{
		command: "curl --data-urlencode 'q=hello world&é' --data-urlencode '=a b' https://x.io",
		body: 'q=hello+world%26%C3%A9&a+b',
	},
	{
		command: `curl --json '{"a":1}' https://x.io`,
		method: 'POST',
		body: '{"a":1}',
		headers: [
			['Content-Type', 'application/json'],
			['Accept', 'application/json'],
		],
	},
	{
		command: `curl --json '{"a":' --json '1}' -H 'accept: text/plain' https://x.io`,
		body: '{"a":1}',
		headers: [
			['accept', 'text/plain'],
			['Content-Type', 'application/json'],
		],
	},
	{command: `curl --json '{}' -H 'Content-Type:' https://x.io`, headers: [['Accept', 'application/json']]},
	{command: 'curl -G https://x.io/s?q=1 -d a=1 -d b=2', method: 'GET', url: 'https://x.io/s?q=1&a=1&b=2', body: null},
	{command: 'curl -G -d a=1 https://x.io/s#top', method: 'GET', url: 'https://x.io/s?a=1#top', body: null},
	{command: 'curl -G -X POST -d a=1 https://x.io', method: 'POST', url: 'https://x.io?a=1', body: null},
	{command: "curl --url-query 'q=a b' --url-query +raw=%20 https://x.io", url: 'https://x.io?q=a+b&raw=%20'},
	{command: 'curl -u user:pass https://x.io', headers: [['Authorization', 'Basic dXNlcjpwYXNz']]},
	{command: 'curl -u user:pass -H "Authorization: Bearer t" https://x.io', headers: [['Authorization', 'Bearer t']]},
	{command: 'curl -u user:pass --digest https://x.io', headers: []},
	{command: 'curl -u user https://x.io', headers: []},
	{command: 'curl --oauth2-bearer tok https://x.io', headers: [['Authorization', 'Bearer tok']]},
	{command: "curl -b 'a=1; b=2' https://x.io", headers: [['Cookie', 'a=1; b=2']]},
	{
		command: "curl -b a=1 -H 'X: y' -b b=2 https://x.io",
		headers: [
			['Cookie', 'a=1; b=2'],
			['X', 'y'],
		],
	},
	{
		command: 'curl -b cookies.txt https://x.io',
		headers: [],
		options: [
			['cookie', '-b', 'cookies.txt'],
			['url', 'https://x.io', 'https://x.io'],
		],
	},
	{
		command: "curl -A 'agent/1.0' -e 'https://ref.io/;auto' https://x.io",
		headers: [
			['User-Agent', 'agent/1.0'],
			['Referer', 'https://ref.io/'],
		],
	},
	{command: "curl -H 'User-Agent:' -A agent https://x.io", headers: []},
	{command: 'curl -I https://x.io', method: 'HEAD'},
	{command: 'curl -X DELETE -d a https://x.io', method: 'DELETE', body: 'a'},
	{command: 'curl -F file=@a.png https://x.io', method: 'POST', body: null},
	{command: 'curl -T a.bin https://x.io', method: 'PUT', body: null},
	{command: 'curl https://x.io', method: 'GET', body: null, headers: []},
	{
		command: "curl --url https://x.io -H 'X-Api-Key: k' -H 'x-api-key:  spaced ' -H 'Empty;' -H 'Gone:' -H 'nocolon'",
		url: 'https://x.io',
		headers: [
			['X-Api-Key', 'k'],
			['x-api-key', 'spaced '],
			['Empty', ''],
		],
	},
	{command: 'curl api.dfns.io/wallets -H "X: 1"', url: 'api.dfns.io/wallets'},
	{command: 'curl localhost:8080/health', url: 'localhost:8080/health'},
	{command: 'curl --foo bar https://x.io', url: 'https://x.io', unknownOptions: ['--foo']},
	{
		command: 'curl --foo=bar -7 https://x.io',
		unknownOptions: ['--foo=bar', '-7'],
		options: [
			['foo', '--foo', 'bar'],
			['7', '-7', null],
			['url', 'https://x.io', 'https://x.io'],
		],
	},
	{
		command:
			"curl -o out.json -w '%{http_code}' --connect-timeout 5 -m 10 -K cfg -c jar -D - --resolve h:443:1.2.3.4 " +
			'-x http://proxy:8080 --proxy http://p2:1 --cacert ca.pem --cert c.pem https://x.io',
		url: 'https://x.io',
		options: [
			['output', '-o', 'out.json'],
			['write-out', '-w', '%{http_code}'],
			['connect-timeout', '--connect-timeout', '5'],
			['max-time', '-m', '10'],
			['config', '-K', 'cfg'],
			['cookie-jar', '-c', 'jar'],
			['dump-header', '-D', '-'],
			['resolve', '--resolve', 'h:443:1.2.3.4'],
			['proxy', '-x', 'http://proxy:8080'],
			['proxy', '--proxy', 'http://p2:1'],
			['cacert', '--cacert', 'ca.pem'],
			['cert', '--cert', 'c.pem'],
			['url', 'https://x.io', 'https://x.io'],
		],
	},
	{
		command:
			'curl -s -S -L -k -v -i --compressed --http2 -f --fail-with-body --location --insecure --silent --show-error ' +
			'--include --verbose --no-buffer -N https://x.io',
		url: 'https://x.io',
		unknownOptions: [],
	},
	{command: 'curl -- -odd', url: '-odd', options: [['url', '-odd', '-odd']]},
	{command: 'curl -H @headers.txt https://x.io', headers: [], unexpanded: ['@headers.txt']},
	{command: "curl https://a.io -H 'A: 1' --next https://b.io -H 'B: 2'", url: 'https://a.io', headers: [['A', '1']]},
	{command: "curl --expand-header 'X: {{key}}' https://x.io", headers: [['X', '{{key}}']], unexpanded: ['{{key}}']},
	{
		command: 'curl https://x.io -X',
		method: 'GET',
		options: [
			['url', 'https://x.io', 'https://x.io'],
			['request', '-X', null],
		],
	},
	{
		command: `curl https://x.io -H "A: Bearer $TOKEN" -H "K: $(cat key)" -H 'L: $LIT $(x)' -d "\${BODY}" -H "M: \`id\`" -H "N: \\$NOT"`,
		headers: [
			['A', 'Bearer $TOKEN'],
			['K', '$(cat key)'],
			['L', '$LIT $(x)'],
			['M', '`id`'],
			['N', '$NOT'],
			['Content-Type', 'application/x-www-form-urlencoded'],
		],
		body: '${BODY}',
		unexpanded: ['$TOKEN', '$(cat key)', '${BODY}', '`id`'],
	},
	{command: "curl 'https://x.io' -H $'X: a\\tb\\x41\\u00e9\\101\\'!'", headers: [['X', "a\tbAéA'!"]]},
	{command: 'curl "$BASE_URL/v1/wallets" -H "X: 1"', url: '$BASE_URL/v1/wallets', unexpanded: ['$BASE_URL']},
	{command: 'curl https://x.io | jq .', shellSyntax: ['| jq .']},
	{command: 'curl https://x.io > out.json', url: 'https://x.io', shellSyntax: ['> out.json']},
	{command: "curl https://x.io 2>&1 | jq '.a | .b'", shellSyntax: ['2>&1', "| jq '.a | .b'"]},
	{command: 'curl https://x.io >> "my log.txt" -H "X: 1"', headers: [['X', '1']], shellSyntax: ['>> "my log.txt"']},
	{command: 'curl https://x.io; echo done', shellSyntax: ['; echo done']},
	{command: 'curl https://x.io/?a=1&b=2', url: 'https://x.io/?a=1', shellSyntax: ['&b=2']},
	{command: 'curl https://x.io # try again later', url: 'https://x.io', shellSyntax: []},
	{command: 'curl https://x.io -d \'{"unterminated": \nstill body', body: '{"unterminated": \nstill body'},
	{
		command: 'curl ^"https://x.io/?a=%TOKEN%^&b=%C3%A9^" -H ^"X: 1^" 2>nul',
		url: 'https://x.io/?a=%TOKEN%&b=%C3%A9',
		unexpanded: ['%TOKEN%'],
		shellSyntax: ['2>nul'],
	},
	{
		command: 'curl.exe -H "K: $env:KEY" -d \'{"a": "it\'\'s"}\' https://x.io',
		body: '{"a": "it\'s"}',
		unexpanded: ['$env:KEY'],
	},
	// Headers curl adds by itself, in the order lib/http.c writes them: its own before the -H list, the body's after.
	{
		command: "curl -H 'X: 1' -b a=1 -e https://r.io -A agent/1 -r 0-99 -u user:pass https://x.io",
		headers: [
			['Authorization', 'Basic dXNlcjpwYXNz'],
			['Range', 'bytes=0-99'],
			['User-Agent', 'agent/1'],
			['Referer', 'https://r.io'],
			['Cookie', 'a=1'],
			['X', '1'],
		],
		implied: ['authorization', 'range', 'user-agent', 'referer', 'cookie'],
		payload: null,
	},
	{
		command: 'curl -d a=1 -H "X: 1" https://x.io',
		headers: [
			['X', '1'],
			['Content-Type', 'application/x-www-form-urlencoded'],
		],
		implied: ['content-type'],
		payload: {kind: 'text', text: 'a=1'},
	},
	{
		command: "curl -d '{}' -H 'content-type: application/json' https://x.io",
		headers: [['content-type', 'application/json']],
		implied: [],
	},
	{
		command: `curl --json '{"a":1}' -H 'X: 1' https://x.io`,
		headers: [
			['X', '1'],
			['Content-Type', 'application/json'],
			['Accept', 'application/json'],
		],
		implied: ['content-type', 'accept'],
	},
	{
		command:
			"curl -F name=ana -F 'photo=@me.png;type=image/png' -F 'notes=<notes.txt' --form-string 'raw=@x' https://x.io",
		method: 'POST',
		body: null,
		headers: [['Content-Type', 'multipart/form-data']],
		implied: ['content-type'],
		payload: {
			kind: 'form',
			fields: [
				{name: 'name', value: 'ana'},
				{name: 'photo', file: 'me.png'},
				{name: 'notes', file: 'notes.txt'},
				{name: 'raw', value: '@x'},
			],
		},
	},
	{command: 'curl --range 600 https://x.io', headers: [['Range', 'bytes=600-']], implied: ['range']},
	{command: 'curl -d @body.json https://x.io', body: '@body.json', payload: {kind: 'file', file: 'body.json'}},
	{
		command: "curl https://x.io -H 'Content-Type: application/json' --data-binary @- <<'EOF'\n{\"a\": 1}\nEOF",
		body: '{"a": 1}\n',
		payload: {kind: 'text', text: '{"a": 1}\n'},
		unexpanded: [],
	},
	{command: "curl -d @- https://x.io <<< 'a=1'", body: 'a=1', unexpanded: []},
	{command: 'curl --data-binary @- https://x.io < body.json', payload: {kind: 'file', file: 'body.json'}},
	{command: 'curl -d a=1 -d @- https://x.io < more.txt', body: 'a=1&@more.txt'},
	{command: "curl --data-urlencode q@- https://x.io <<< 'a b'", body: 'q=a+b%0A'},
	{
		command: 'curl -T report.pdf https://x.io/files/',
		method: 'PUT',
		url: 'https://x.io/files/report.pdf',
		headers: [],
		payload: {kind: 'file', file: 'report.pdf'},
	},
	{command: "curl -T 'dir/my file.txt' https://x.io", url: 'https://x.io/my%20file.txt'},
	{command: 'curl -T a.txt https://x.io/up?v=1', url: 'https://x.io/up?v=1'},
	{command: 'curl -T - https://x.io/ <<< hi', url: 'https://x.io/', payload: {kind: 'text', text: 'hi\n'}},
	{
		command: "curl -G --data-urlencode 'q=a b' --data-raw @x -d y=1 --url-query z=2 https://x.io/s",
		method: 'GET',
		url: 'https://x.io/s?z=2&q=a+b&@x&y=1',
		headers: [],
		body: null,
		payload: null,
	},
	{
		command: `curl -G --json '{"a":1}' https://x.io`,
		url: 'https://x.io?{"a":1}',
		headers: [
			['Content-Type', 'application/json'],
			['Accept', 'application/json'],
		],
	},
];

for (const expected of cases) {
	test(`parses ${JSON.stringify(expected.command)}`, (t) => {
		const command = parse(expected.command);
		const {request} = command;
		if (expected.method !== undefined) t.is(request.method, expected.method);
		if (expected.url !== undefined) t.is(request.url, expected.url);
		if (expected.headers !== undefined) t.deepEqual(request.headers, expected.headers);
		if (expected.body !== undefined) t.is(request.body, expected.body);
		if (expected.unexpanded !== undefined) t.deepEqual(request.unexpanded, expected.unexpanded);
		if (expected.shellSyntax !== undefined) t.deepEqual(command.shellSyntax, expected.shellSyntax);
		if (expected.implied !== undefined) t.deepEqual(request.implied, expected.implied);
		if (expected.payload !== undefined) t.deepEqual(request.payload ?? null, expected.payload);
		if (expected.unknownOptions !== undefined) t.deepEqual(command.unknownOptions, expected.unknownOptions);
		if (expected.options !== undefined) {
			t.deepEqual(
				command.options.map((option) => [option.name, option.written, option.value]),
				expected.options,
			);
		}
	});
}

test('switches consume no value and value options consume exactly one', (t) => {
	const command = parse('curl -v -k --compressed https://x.io -o -v https://y.io');
	t.deepEqual(
		command.options.map((option) => option.name),
		['verbose', 'insecure', 'compressed', 'url', 'output', 'url'],
	);
	t.is(command.options[4]!.value, '-v');
	t.is(command.request.url, 'https://x.io');
});

const prompts: ReadonlyArray<readonly [string, CurlCommand['shell']]> = [
	['$ curl https://x.io -H "X: 1"', 'bash'],
	['% curl https://x.io -H "X: 1"', 'bash'],
	['> curl https://x.io -H "X: 1"', 'bash'],
	['ana@box:~/src$ curl https://x.io -H "X: 1"', 'bash'],
	['root@box:/# curl https://x.io -H "X: 1"', 'bash'],
	['   curl https://x.io -H "X: 1"', 'bash'],
	['PS C:\\Users\\ana> curl.exe https://x.io -H "X: 1"', 'powershell'],
	['C:\\Users\\ana>curl https://x.io -H "X: 1"', 'cmd'],
	['curl.exe https://x.io -H "X: 1"', 'powershell'],
];

for (const [text, shell] of prompts) {
	test(`prompt ${JSON.stringify(text)}`, (t) => {
		const found = findCurlCommands(`Output follows:\n${text}\n{"error": "x"}`);
		t.is(found.length, 1);
		t.is(found[0]!.command.shell, shell);
		t.is(found[0]!.command.request.url, 'https://x.io');
		t.deepEqual(found[0]!.command.request.headers, [['X', '1']]);
	});
}

test('a terminal transcript keeps working across the `> ` secondary prompt', (t) => {
	const command = parse('$ curl https://x.io \\\n> -H "A: 1" \\\n>   -d b=2');
	t.deepEqual(command.request.headers, [
		['A', '1'],
		['Content-Type', 'application/x-www-form-urlencoded'],
	]);
	t.is(command.request.body, 'b=2');
});

const prose = [
	'I ran curl and got 401',
	'curl and got 401',
	'curl: (6) Could not resolve host: api.dfns.io',
	'curl',
	'curl is great',
	"curl won't work\nwhat's wrong?",
	'curling is fun https://x.io',
	'curl 7.88.1 fails on https://x.io',
	'# curl https://x.io',
	'$curl https://x.io',
	'> GET /wallets HTTP/1.1',
	'curl | jq .',
];

for (const text of prose) {
	test(`prose is not a command: ${JSON.stringify(text)}`, (t) => {
		t.deepEqual(findCurlCommands(text), []);
		t.is(parseCurlCommand(text), null);
	});
}

test('near misses of prose are commands', (t) => {
	t.is(findCurlCommands('curl -v').length, 1);
	t.is(findCurlCommands('curl x.io').length, 1);
	t.is(findCurlCommands('curl "$URL"').length, 1);
});

test('a ticket: both commands found, with offsets that slice them out, and prose skipped', (t) => {
	const text = fixture('ticket.txt');
	const found = findCurlCommands(text);
	t.deepEqual(
		found.map(({start, end}) => text.slice(start, end)),
		[
			'$ curl -i https://api.platform.dakota.xyz/customers -H "X-Api-Key: $DAKOTA_KEY"',
			"curl -s https://api.sandbox.dakota.xyz/customers \\\n      -H 'x-api-key: sk_test_123' | jq .",
		],
	);
	t.deepEqual(found[0]!.command.request.headers, [['X-Api-Key', '$DAKOTA_KEY']]);
	t.deepEqual(found[0]!.command.request.unexpanded, ['$DAKOTA_KEY']);
	t.deepEqual(found[1]!.command.shellSyntax, ['| jq .']);
});

test('commands chained on one line, and Chrome "Copy all as cURL" output, are each found', (t) => {
	const chained = findCurlCommands('curl https://a.io -d x=1 && curl -X PUT https://b.io || echo failed');
	t.deepEqual(
		chained.map((found) => [found.command.request.method, found.command.request.url, found.command.shellSyntax]),
		[
			['POST', 'https://a.io', ['&&']],
			['PUT', 'https://b.io', ['|| echo failed']],
		],
	);
	const all =
		"curl 'https://a.io' \\\n  -H 'A: 1' \\\n  --compressed ;\ncurl 'https://b.io' \\\n  -H 'B: 2' \\\n  --compressed";
	t.deepEqual(
		findCurlCommands(all).map((found) => [found.command.request.url, found.command.request.headers]),
		[
			['https://a.io', [['A', '1']]],
			['https://b.io', [['B', '2']]],
		],
	);
	const windows = 'curl "https://a.io" ^\n  -H "A: 1" &\r\ncurl "https://b.io" ^\n  -H "B: 2"';
	t.deepEqual(
		findCurlCommands(windows).map((found) => [found.command.shell, found.command.request.url]),
		[
			['cmd', 'https://a.io'],
			['cmd', 'https://b.io'],
		],
	);
});

test('a Markdown fence ends a command whose last line has a dangling continuation', (t) => {
	const text = '```bash\ncurl https://x.io \\\n  -H \'A: 1\' \\\n```\n{"error": "it\'s broken"}';
	const found = findCurlCommands(text);
	t.is(found.length, 1);
	t.deepEqual(found[0]!.command.request.headers, [['A', '1']]);
	t.false(text.slice(found[0]!.start, found[0]!.end).includes('```'));
});

test('an unterminated quote takes the rest of the input', (t) => {
	const text = "curl https://x.io -H 'X: 1\nmore\n$ curl https://y.io";
	const found = findCurlCommands(text);
	t.is(found.length, 1);
	t.is(found[0]!.end, text.length);
	t.deepEqual(found[0]!.command.request.headers, [['X', '1\nmore\n$ curl https://y.io']]);
});

const shellAlphabet = fc.constantFrom(
	'curl ',
	'curl.exe ',
	'$ ',
	'PS C:\\> ',
	' -H ',
	' -d',
	' --json ',
	' -sSLX',
	' https://x.io',
	'\\\n',
	'`\n',
	'^\n',
	'^"',
	"'",
	'"',
	"$'",
	'\\',
	'$',
	'${',
	'$(',
	')',
	'`',
	'%A%',
	'\n',
	'\r\n',
	' ',
	'|',
	'&',
	';',
	'>',
	'2>&1',
	'#',
	'```',
	'\\u',
	'\\x4',
	'\\U110000',
	'x',
	'é',
	'\uD83D',
);

test('any input: never throws, and every command found lies inside the text', (t) => {
	const inputs = fc.oneof(
		fc.string({unit: 'binary', maxLength: 300}),
		fc.array(shellAlphabet, {maxLength: 60}).map((parts) => parts.join('')),
	);
	t.notThrows(() =>
		fc.assert(
			fc.property(inputs, (text) => {
				const found = findCurlCommands(text);
				parseCurlCommand(text);
				let previous = 0;
				for (const {start, end} of found) {
					if (start < previous || end < start || end > text.length) return false;
					previous = end;
				}

				return true;
			}),
			{
				numRuns: 3000,
				examples: [['curl curl.exe ^\n'], ['curl -v ^'], ['curl -v ^\r\n'], ["curl -v $'\\"], ['curl.exe -v `']],
			},
		),
	);
});

const headerName = fc.stringMatching(/^[a-z][\w-]{0,20}$/);
const plainValue = fc.stringMatching(/^[^\s'"\\$`][^'"\\$`\n\r]{0,30}$/);

test('simple commands: headers round-trip with single or double quotes', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.array(fc.tuple(headerName, plainValue), {maxLength: 8}), fc.boolean(), (headers, double) => {
				const quote = double ? '"' : "'";
				const flags = headers.map(([name, value]) => ` -H ${quote}${name}: ${value}${quote}`).join('');
				const command = parseCurlCommand(`curl https://api.x.io/v1${flags}`);
				assert.deepEqual(command?.request.headers, headers);
				assert.equal(command?.request.url, 'https://api.x.io/v1');
			}),
		),
	);
});

test('Chrome bash quoting round-trips any header value and body', (t) => {
	const value = fc.string({unit: 'binary', minLength: 1}).filter((v) => !/^\s/.test(v));
	t.notThrows(() =>
		fc.assert(
			fc.property(headerName, value, fc.string({unit: 'binary'}), (name, headerValue, body) => {
				const text = `curl ${chromeBash('https://x.io')} \\\n  -H ${chromeBash(`${name}: ${headerValue}`)} \\\n  --data-raw ${chromeBash(body)}`;
				const command = parseCurlCommand(text);
				const implied: Header[] =
					name.toLowerCase() === 'content-type' ? [] : [['Content-Type', 'application/x-www-form-urlencoded']];
				assert.deepEqual(command?.request.headers, [[name, headerValue], ...implied]);
				assert.equal(command?.request.body, body);
			}),
		),
	);
});

test('Chrome cmd quoting round-trips bodies without backslashes', (t) => {
	const body = fc.string({unit: 'grapheme'}).map((v) => v.replaceAll(/[\\\r]/g, ''));
	t.notThrows(() =>
		fc.assert(
			fc.property(headerName, body, (name, data) => {
				const text = `curl ${chromeCmd('https://x.io/?a=1&b=%41')} ^\n  -H ${chromeCmd(`${name}: v`)} ^\n  --data-raw ${chromeCmd(data)}`;
				const command = parseCurlCommand(text);
				assert.equal(command?.shell, 'cmd');
				assert.equal(command?.request.url, 'https://x.io/?a=1&b=%41');
				const implied: Header[] =
					name.toLowerCase() === 'content-type' ? [] : [['Content-Type', 'application/x-www-form-urlencoded']];
				assert.deepEqual(command?.request.headers, [[name, 'v'], ...implied]);
				assert.equal(command?.request.body, data);
				assert.deepEqual(command?.request.unexpanded, []);
			}),
		),
	);
});

const pathological: ReadonlyArray<readonly [string, string]> = [
	['unterminated single quotes', "curl 'it\n"],
	['unterminated double quotes', 'curl "a\n'],
	['dangling continuations', 'curl \\\n'],
	['caret continuations', 'curl ^\n'],
	['backtick continuations', 'curl.exe `\n'],
	['open substitutions', 'curl $(\n'],
	['open braces', 'curl ${\n'],
	['prose', "curl won't work, it's odd\n"],
	['PowerShell prompts without a close', 'PS curl x\n'],
	['quoted segments on one line', "'a'"],
	['ANSI-C escapes', "\\x41\\u00e9'"],
];

for (const [name, unit] of pathological) {
	// Speed is the bench's to measure; here 1 MB must end, without throwing (a hang is AVA's timeout).
	test(`1 MB of ${name} ends`, (t) => {
		const text =
			name === 'quoted segments on one line'
				? `curl ${unit.repeat(350_000)}`
				: unit.repeat(Math.ceil(1_000_000 / unit.length));
		const input = name === 'ANSI-C escapes' ? `curl $'${text}` : text;
		t.notThrows(() => findCurlCommands(input));
	});
}
