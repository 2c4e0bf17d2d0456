import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {runCliAsync} from '../helpers/cli.js';
import type {CliResult} from '../helpers/cli.js';
import {parseReport} from '../helpers/report.js';

// `errdoctor run` driven end to end: the built CLI, the real curl binary, and an HTTP server on 127.0.0.1 that
// this file starts and that answers the way each provider's docs say it does.

const date = 'Tue, 04 Mar 2025 10:15:42 GMT';

type Answer = {status: number; headers: Record<string, string>; body: string};
type Received = {method: string; url: string; headers: IncomingHttpHeaders; body: string};

const json = (value: unknown): string => JSON.stringify(value);

/** Documented answers (shared/provider-docs): body shape, status and the headers each provider sends. */
const answers: Record<string, Answer> = {
	'GET /api/wallets/wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx': {
		status: 404,
		headers: {'content-type': 'application/json'},
		body: json({
			error: {
				id: '2038837570328299032',
				status: 404,
				message: 'wallet not found',
				details: {walletId: 'wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx', orgId: 'or-195qp-opddr-xxxxxxxxxxxxxxxx'},
			},
		}),
	},
	'GET /customers/cst_2abc123': {
		status: 404,
		headers: {'content-type': 'application/problem+json', 'x-request-id': 'req_yza567'},
		body: json({
			type: 'not-found',
			title: 'Customer Not Found',
			status: 404,
			detail: 'Customer cst_2abc123 was not found.',
			instance: '/customers/cst_2abc123',
			request_id: 'req_yza567',
		}),
	},
	'POST /v1/refund/request': {
		status: 400,
		headers: {'content-type': 'application/json'},
		body: json({
			error_code: 'REFUND_004',
			message: 'Missing Idempotency-Key header',
			details: {},
			timestamp: '2025-03-04T10:15:42Z',
			request_id: 'req_abc123',
		}),
	},
	'GET /v1/customers/cus_123': {
		status: 429,
		headers: {
			'content-type': 'application/json',
			'x-ratelimit-limit': '300',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': '1741083402',
			'retry-after': '60',
		},
		body: json({
			error: {
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Too many requests',
				details: 'Rate limit exceeded. Retry after 60 seconds',
				retryAfter: 60,
			},
		}),
	},
	'GET /redirect-to-file': {status: 302, headers: {location: 'file:///etc/passwd'}, body: ''},
};

const received: Received[] = [];
const server = createServer((request, response) => {
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		const body = Buffer.concat(chunks).toString('utf8');
		received.push({method: request.method ?? '', url: request.url ?? '', headers: request.headers, body});
		if (request.url?.startsWith('/away')) {
			void otherListening.then((port) => {
				response.writeHead(302, {date, location: `http://127.0.0.1:${port}${request.url}`});
				response.end();
			});
			return;
		}

		const answer = request.url?.startsWith('/echo')
			? {status: 200, headers: {'content-type': 'application/json'}, body: json({headers: request.headers, body})}
			: (answers[`${request.method} ${request.url}`] ?? {status: 404, headers: {}, body: 'no such route'});
		response.writeHead(answer.status, {date, ...answer.headers});
		response.end(answer.body);
	});
});
const listening = new Promise<number>((resolve) => {
	server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
});
test.after.always(() => {
	server.close();
});

const base = async (): Promise<string> => `http://127.0.0.1:${await listening}`;

// Another host for curl (another port is another origin): what a redirect away from `server` would reach.
const elsewhere: Received[] = [];
const otherServer = createServer((request, response) => {
	request.resume();
	request.on('end', () => {
		elsewhere.push({method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: ''});
		response.writeHead(200, {date, 'content-type': 'application/json'});
		response.end(json({landed: true}));
	});
});
const otherListening = new Promise<number>((resolve) => {
	otherServer.listen(0, '127.0.0.1', () => resolve((otherServer.address() as AddressInfo).port));
});
test.after.always(() => {
	otherServer.close();
});

/**
 * The CLI in a new session (`detached`), so it has no controlling terminal even when the tests run in one: a
 * confirmation prompt can never wait for a person. Async, because the server answers from this same process.
 */
const run = async (args: string[], input = ''): Promise<CliResult> =>
	runCliAsync(args, {input, detached: true, env: {COLUMNS: '100'}});

type Report = {
	provider: {id: string} | null;
	format: string;
	status: number | null;
	statusSource: string | null;
	code: string | null;
	requestId: string | null;
	input: {kinds: string[]};
	request: {method: string; url: string; headers: Array<[string, string]>} | null;
	response: {status: number} | null;
	checks: Array<{id: string; result: string; message: string}>;
};

function report(result: CliResult): Report {
	if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr}`);
	return parseReport<Report>(result.stdout);
}

const requestsTo = (path: string): Received[] => received.filter((request) => request.url.startsWith(path));

test('Dfns: a 404 for a wallet, sent by real curl and diagnosed with the request', async (t) => {
	const url = `${await base()}/api/wallets/wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx`;
	const result = await run(['run', '--yes', '--json', '--', 'curl', '-sS', url, '-H', 'Authorization: Bearer abc.def']);
	const diagnosis = report(result);
	t.like(diagnosis, {format: 'dfns', status: 404, statusSource: 'response', requestId: '2038837570328299032'});
	t.is(diagnosis.provider?.id, 'dfns');
	t.deepEqual(diagnosis.input.kinds, ['curl-command', 'http-response']);
	t.is(diagnosis.request?.method, 'GET');
	t.regex(result.stderr, /will send GET http:\/\/127\.0\.0\.1:\d+\/api\/wallets\/.* is this machine \(loopback\)/s);
	t.is(requestsTo('/api/wallets').length, 1);
});

test('Dakota: a 404 problem+json; the header spelling sent is the one written', async (t) => {
	const text = `curl ${await base()}/customers/cst_2abc123 -H 'X-Api-Key: dk_test_4f9a2c71e8b04d3a'\n`;
	const diagnosis = report(await run(['run', '--yes', '--json', '-'], text));
	t.is(diagnosis.provider?.id, 'dakota');
	t.like(diagnosis, {format: 'problem-details', status: 404, code: 'not-found', requestId: 'req_yza567'});
	t.true(
		diagnosis.checks.some((check) => check.id === 'header.casing'),
		JSON.stringify(diagnosis.checks),
	);
	const [sent] = requestsTo('/customers/');
	t.is(sent?.headers['x-api-key'], 'dk_test_4f9a2c71e8b04d3a');
	t.is(sent?.headers['user-agent']?.startsWith('curl/'), true);
});

test('DGuard: a refund without Idempotency-Key, the body sent as written', async (t) => {
	const body = '{"transaction_id": "txn_abc123", "amount": 10}';
	// A loopback host is neutral in detection, so DGuard's own signals (body shape, code) name it.
	const result = await run([
		'run',
		'--yes',
		'--json',
		'--',
		'curl',
		'-X',
		'POST',
		`${await base()}/v1/refund/request`,
		'-H',
		'Authorization: Bearer dg_at_Hq83LmPz0VwX5cTr9KsY2nBe',
		'-H',
		'Content-Type: application/json',
		'-d',
		body,
	]);
	const diagnosis = report(result);
	t.is(diagnosis.provider?.id, 'dguard');
	t.like(diagnosis, {format: 'dguard', status: 400, code: 'REFUND_004', requestId: 'req_abc123'});
	t.true(diagnosis.checks.some((check) => check.id === 'idempotency.key' && check.result === 'fail'));
	t.regex(result.stderr, /! POST request: it can change data/);
	t.false(result.stdout.includes('dg_at_Hq83LmPz0VwX5cTr9KsY2nBe'), 'the report is redacted');
	const [sent] = requestsTo('/v1/refund/request');
	t.is(sent?.body, body);
	t.is(sent?.method, 'POST');
});

test('Customer Verification: a 429 with its rate-limit headers gives the retry time', async (t) => {
	const text = `curl -sS -H 'Authorization: Bearer cv_test_token' ${await base()}/v1/customers/cus_123`;
	const diagnosis = report(await run(['run', '--yes', '--json', '--now', '2025-03-04T10:15:42Z', '-'], text));
	t.is(diagnosis.provider?.id, 'customer-verification');
	t.like(diagnosis, {format: 'customer-verification', status: 429, code: 'RATE_LIMIT_EXCEEDED'});
	const retry = diagnosis.checks.find((check) => check.id === 'ratelimit.retry');
	t.truthy(retry, JSON.stringify(diagnosis.checks));
	t.regex(retry?.message ?? '', /60/);
});

test("'$(id)' in single quotes reaches the server as those literal bytes, from a file and from argv", async (t) => {
	const url = `${await base()}/echo`;
	const fromFile = report(await run(['run', '--yes', '--json', '-'], `curl ${url}/file -H 'X-Probe: $(id)'`));
	t.is(fromFile.response?.status, 200);
	t.is(requestsTo('/echo/file')[0]?.headers['x-probe'], '$(id)');
	report(await run(['run', '--yes', '--json', '--', 'curl', `${url}/argv`, '-H', 'X-Probe: $(id) `id` $HOME']));
	t.is(requestsTo('/echo/argv')[0]?.headers['x-probe'], '$(id) `id` $HOME');
});

test('refused commands send nothing: exit 2, each reason on stderr', async (t) => {
	const url = `${await base()}/echo/refused`;
	const quoted = await run(['run', '--yes', '-'], `curl ${url} -H "X-Probe: $(id)"`);
	t.is(quoted.status, 2);
	t.regex(quoted.stderr, /refused: command substitution `\$\(id\)`/);
	const options = await run(['run', '--yes', '--', 'curl', '-sSo', 'out.txt', '-K', 'cfg', url, '-x', 'http://p:1']);
	t.is(options.status, 2);
	t.regex(options.stderr, /refused: `--output` \(in `-sSo`\): saves the response to a file/);
	t.regex(options.stderr, /refused: `-K` \(--config\)/);
	t.regex(options.stderr, /refused: `-x` \(--proxy\)/);
	t.regex(options.stderr, /nothing was sent/);
	const file = await run(['run', '--yes', '--', 'curl', 'file:///etc/passwd']);
	t.is(file.status, 2);
	t.false(file.stdout.includes('root:'));
	t.is(requestsTo('/echo/refused').length, 0);
});

test('without a terminal and without --yes nothing is sent: exit 2 and a pointer to --yes', async (t) => {
	const result = await run(['run', '--', 'curl', `${await base()}/echo/unconfirmed`]);
	t.is(result.status, 2);
	t.regex(result.stderr, /no terminal to confirm on: pass --yes/);
	t.is(requestsTo('/echo/unconfirmed').length, 0);
});

test('a redirect to file:// is not followed, and a failed transfer exits 3 with curl’s reason', async (t) => {
	const redirected = await run(['run', '--yes', '--', 'curl', '-L', `${await base()}/redirect-to-file`]);
	t.is(redirected.status, 3);
	t.regex(redirected.stderr, /curl failed \(exit 1\): .*file/i);
	t.false(redirected.stdout.includes('root:'));
	const port = await new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const {port: free} = probe.address() as AddressInfo;
			probe.close(() => resolve(free));
		});
	});
	const closed = await run(['run', '--yes', '--', 'curl', `http://127.0.0.1:${port}/`]);
	t.is(closed.status, 3);
	t.regex(closed.stderr, /curl failed \(exit 7\)/);
});

test('usage: curl without --, FILE with --, and run --help', async (t) => {
	const missing = await run(['run', 'curl', 'http://127.0.0.1:9/']);
	t.is(missing.status, 2);
	t.regex(missing.stderr, /put -- before the curl command/);
	const both = await run(['run', 'cmd.txt', '--', 'curl', 'http://127.0.0.1:9/']);
	t.is(both.status, 2);
	t.is((await run(['run', '--bogus', '--', 'curl', 'http://127.0.0.1:9/'])).status, 2);
	const help = await run(['run', '--help']);
	t.is(help.status, 0);
	t.regex(help.stdout, /errdoctor run \[options\] -- curl ARGS/);
});

test('-b @file with `=` in its path is refused: the cookie file is never read, nothing is sent', async (t) => {
	const folder = mkdtempSync(join(tmpdir(), 'errdoctor-cookie-'));
	const file = join(folder, 'jar=1');
	// A Netscape cookie line for 127.0.0.1: curl 7.88.1 reads it for `-b @…/jar=1` and sends session=from-file.
	writeFileSync(file, '127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tfrom-file\n');
	try {
		const result = await run(['run', '--yes', '--', 'curl', '-b', `@${file}`, `${await base()}/echo/cookie-file`]);
		t.is(result.status, 2);
		t.regex(result.stderr, /refused: `-b` \(--cookie\) @.*jar=1: with a leading `@` curl reads cookies from that file/);
		t.is(requestsTo('/echo/cookie-file').length, 0);
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
});

test('-L with a credential header or -b cookies is refused: a redirect would carry them to another host', async (t) => {
	const header = await run([
		'run',
		'--yes',
		'--',
		'curl',
		'-L',
		'-H',
		'X-Api-Key: dk_test_4f9a2c71e8b04d3a',
		`${await base()}/away/header`,
	]);
	t.is(header.status, 2);
	t.regex(
		header.stderr,
		/refused: `-L` \(--location\) with the `X-Api-Key` header: curl sends headers given with `-H`/,
	);
	t.regex(header.stderr, /the leak `--location-trusted` is refused for/);
	const cookie = await run([
		'run',
		'--yes',
		'--',
		'curl',
		'-sL',
		'-b',
		'session=s3cr3t',
		`${await base()}/away/cookie`,
	]);
	t.is(cookie.status, 2);
	t.regex(
		cookie.stderr,
		/`--location` \(in `-sL`\) with the cookies of `-b` \(--cookie\): curl sends cookies given with `-b`/,
	);
	t.is(requestsTo('/away/header').length + requestsTo('/away/cookie').length, 0);
	const leaked = elsewhere.filter((request) => request.url !== '/away/plain');
	t.is(leaked.length, 0, JSON.stringify(leaked));
});

test('-L without credentials still follows a redirect to another host', async (t) => {
	const result = await run([
		'run',
		'--yes',
		'--json',
		'--',
		'curl',
		'-L',
		'-H',
		'Accept: application/json',
		`${await base()}/away/plain`,
	]);
	t.is(report(result).response?.status, 200);
	t.is(elsewhere.filter((request) => request.url === '/away/plain').length, 1);
});
