import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {parseCurlVerbose} from '../../../source/core/parts/curl-verbose.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/http/${name}`, import.meta.url), 'utf8');
const progressRow = (received: string) =>
	`${received}   183  100   183    0     0   1000      0 --:--:-- --:--:-- --:--:--  1005`;

test('a Dakota 401 over HTTP/2: request, problem+json response, data markers skipped', (t) => {
	const text = fixture('curl-v-dakota-401.txt');
	const found = parseCurlVerbose(text);
	t.is(found?.start, 0);
	t.is(found?.end, text.trimEnd().length);
	t.deepEqual(found?.request, {
		method: 'GET',
		url: 'https://api.platform.dakota.xyz/customers',
		headers: [
			['Host', 'api.platform.dakota.xyz'],
			['User-Agent', 'curl/8.5.0'],
			['Accept', '*/*'],
			['X-Api-Key', 'sk_test_51Hx2exampleexample'],
		],
		body: null,
		unexpanded: [],
	});
	t.is(found?.responses.length, 1);
	const response = found?.responses[0];
	t.is(response?.status, 401);
	t.is(response?.httpVersion, 'HTTP/2');
	t.is(response?.statusText, '');
	t.deepEqual(response?.headers, [
		['date', 'Mon, 10 Jun 2024 08:15:02 GMT'],
		['content-type', 'application/problem+json'],
		['content-length', '183'],
		['x-request-id', 'req_stu901'],
	]);
	// The body ran into curl's closing note on the same line; the note is not part of it.
	t.deepEqual(JSON.parse(response?.body ?? ''), {
		type: 'authentication-error',
		title: 'Authentication Required',
		status: 401,
		detail: 'Missing or invalid authentication credentials.',
		instance: '/customers',
		request_id: 'req_stu901',
	});
});

test('a Dfns POST with a Bearer JWT: headers in order, prose before and after left out', (t) => {
	const text = fixture('curl-v-dfns-401.txt');
	const found = parseCurlVerbose(text);
	t.is(found?.start, text.indexOf('*   Trying'));
	t.is(text.slice(found?.end), '\n\nWhat am I doing wrong? The token was created an hour ago.\n');
	t.is(found?.request?.method, 'POST');
	t.is(found?.request?.url, 'https://api.dfns.io/wallets');
	t.is(found?.request?.body, null);
	t.deepEqual(
		found?.request?.headers.map(([name]) => name),
		['Host', 'user-agent', 'accept', 'Authorization', 'content-type', 'content-length'],
	);
	t.regex(found?.request?.headers[3]?.[1] ?? '', /^Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.eyJ[\w-]+\.[\w-]+$/);
	t.deepEqual(JSON.parse(found?.responses[0]?.body ?? ''), {
		error: {id: '2038837570328299032', status: 401, message: 'Unauthorized'},
	});
});

test('CRLF transcripts read like LF ones', (t) => {
	const lf = parseCurlVerbose(fixture('curl-v-dakota-401.txt'));
	const crlfText = fixture('curl-v-dakota-401.txt').replaceAll('\n', '\r\n');
	const crlf = parseCurlVerbose(crlfText);
	t.deepEqual(crlf?.request, lf?.request);
	t.deepEqual(crlf?.responses, lf?.responses);
	t.is(crlf?.end, crlfText.trimEnd().length);
});

test('a redirect from http to https: every response, the last request with its https URL', (t) => {
	const text = fixture('curl-v-redirect.txt');
	const found = parseCurlVerbose(text);
	t.deepEqual(
		found?.responses.map((response) => [response.status, response.body]),
		[
			[301, ''],
			[429, '{"message":"slow down"}'],
		],
	);
	t.is(found?.request?.url, 'https://api.example.com/v1/items');
	t.is(found?.end, text.trimEnd().length);

	const firstHop = parseCurlVerbose(text.slice(0, text.indexOf('< HTTP/1.1 301')));
	t.is(firstHop?.request?.url, 'http://api.example.com/v1/items');
	t.deepEqual(firstHop?.responses, []);
});

test('no TLS and a non-default port: http and the Host header as written', (t) => {
	const text = [
		'*   Trying 127.0.0.1:8080...',
		'* Connected to localhost (127.0.0.1) port 8080',
		'> DELETE /v1/keys/7 HTTP/1.1',
		'> Host: localhost:8080',
		'> ',
		'< HTTP/1.1 204 No Content',
		'< ',
	].join('\n');
	const found = parseCurlVerbose(text);
	t.is(found?.request?.url, 'http://localhost:8080/v1/keys/7');
	t.is(found?.request?.method, 'DELETE');
	t.deepEqual(found?.responses[0]?.headers, []);
	t.is(found?.end, text.trimEnd().length);

	const noHost = text.replace('> Host: localhost:8080\n', '');
	t.is(parseCurlVerbose(noHost)?.request?.url, 'http://localhost:8080/v1/keys/7');
	t.is(parseCurlVerbose(noHost.replace(/^\*.*\n/gm, ''))?.request?.url, '/v1/keys/7');
});

test('100 Continue then 401; the body after an upload marker belongs to the 401', (t) => {
	const text = [
		'> POST /upload HTTP/1.1',
		'> Host: api.example.com',
		'> Expect: 100-continue',
		'> ',
		'< HTTP/1.1 100 Continue',
		'< ',
		'} [27 bytes data]',
		'* We are completely uploaded and fine',
		'< HTTP/1.1 401 Unauthorized',
		'* HTTP 1.0, assume close after body',
		'< WWW-Authenticate: Bearer error="invalid_token"',
		'< ',
		'{ [16 bytes data]',
		'{"error":"invalid_token"}',
	].join('\n');
	const found = parseCurlVerbose(text);
	t.deepEqual(
		found?.responses.map((response) => [response.status, response.statusText, response.body]),
		[
			[100, 'Continue', ''],
			[401, 'Unauthorized', '{"error":"invalid_token"}'],
		],
	);
	t.deepEqual(found?.responses[1]?.headers, [['WWW-Authenticate', 'Bearer error="invalid_token"']]);
	t.is(found?.request?.url, 'http://api.example.com/upload');
});

test('body lines interleaved with data markers are joined; curl -vi head copies on stdout are skipped', (t) => {
	const interleaved = [
		'< HTTP/2 401',
		'< content-type: application/problem+json',
		'<',
		'{ [31 bytes data]',
		'{"type":"authentication-error",',
		'{ [14 bytes data]',
		'"status":401}',
	].join('\n');
	t.is(parseCurlVerbose(interleaved)?.responses[0]?.body, '{"type":"authentication-error",\n"status":401}');

	const withHead = [
		'> GET /x HTTP/1.1',
		'> Host: h.example',
		'> ',
		'< HTTP/1.1 404 Not Found',
		'< Content-Type: application/json',
		'< ',
		'HTTP/1.1 404 Not Found',
		'Content-Type: application/json',
		'',
		'{"error":"nope"}',
	].join('\n');
	const found = parseCurlVerbose(withHead);
	t.is(found?.responses.length, 1);
	t.is(found?.responses[0]?.body, '{"error":"nope"}');
});

test('the progress meter is skipped, also where a row runs into the next line', (t) => {
	const text = [
		'  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
		'                                 Dload  Upload   Total   Spent    Left  Speed',
		`\r${progressRow('  0')}*   Trying 10.0.0.5:443...`,
		'* Connected to api.example.com (10.0.0.5) port 443',
		'> GET /v1/me HTTP/1.1',
		'> Host: api.example.com',
		'> ',
		'< HTTP/1.1 403 Forbidden',
		'< Content-Type: application/json',
		'< ',
		`\r${progressRow('100')}\r${progressRow('100')}{"message":"forbidden"}`,
	].join('\n');
	const found = parseCurlVerbose(text);
	t.is(found?.start, 0);
	t.is(found?.request?.url, 'https://api.example.com/v1/me');
	t.is(found?.responses[0]?.body, '{"message":"forbidden"}');
	t.is(found?.end, text.length);
});

test('inside a ticket: the transcript ends at the closing fence', (t) => {
	const text =
		'It fails:\n```\n* Connected to api.dfns.io (1.2.3.4) port 443\n> GET /wallets HTTP/2\n> Host: api.dfns.io\n>\n< HTTP/2 500\n<\ninternal error\n```\nThanks';
	const found = parseCurlVerbose(text);
	t.is(found?.start, text.indexOf('* Connected'));
	t.is(text.slice(found?.end), '\n```\nThanks');
	t.is(found?.responses[0]?.body, 'internal error');
	t.is(found?.request?.url, 'https://api.dfns.io/wallets');
});

test('text that is not a transcript: null', (t) => {
	t.is(parseCurlVerbose(''), null);
	t.is(parseCurlVerbose('* check the key\n* check the region\n'), null);
	t.is(parseCurlVerbose('> I tried again\n> and it failed\n'), null);
	t.is(parseCurlVerbose('HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{}'), null);
	t.is(parseCurlVerbose('>GET /x HTTP/1.1\n<HTTP/1.1 200 OK'), null);
	t.is(parseCurlVerbose('> GET /x HTTP/1.1 trailing\n'), null);
});

test('5 MB of random text and of adversarial lines are read whole (speed: npm run bench)', (t) => {
	let seed = 7;
	let random = '';
	const alphabet = '*<>{}[] \r\n\tHTTP/1.1 200:"\\eyJ.abc0123456789-%';
	for (let index = 0; index < 5_000_000; index++) {
		seed = (seed * 1_103_515_245 + 12_345) & 0x7f_ff_ff_ff;
		random += alphabet[seed % alphabet.length];
	}

	t.notThrows(() => parseCurlVerbose(random));
	t.is(parseCurlVerbose('< HTTP/1.1 200\n<\n' + 'x\n'.repeat(1_000_000))?.responses[0]?.body.length, 1_999_999);
	t.is(parseCurlVerbose('> GET / HTTP/1.1\n'.repeat(200_000))?.request?.url, '/');
	t.is(parseCurlVerbose('< HTTP/1.1 200\n<\n{' + '* Connection #1'.repeat(300_000))?.responses.length, 1);
});

test('any string: no throw, offsets inside the text', (t) => {
	const line = fc.constantFrom(
		'* Connected to a.example (1.2.3.4) port 443',
		'*   Trying 1.2.3.4:80...',
		'> GET /x HTTP/1.1',
		'> Host: a.example',
		'> ',
		'< HTTP/2 401',
		'< content-type: application/json',
		'<',
		'{ [5 bytes data]',
		'{"a":',
		'}',
		'"',
		'```',
		'HTTP/1.1 200 OK',
		progressRow('100'),
		'',
		'prose',
	);
	fc.assert(
		fc.property(
			fc.oneof(
				fc.string({unit: 'binary'}),
				fc.tuple(fc.array(line), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol)),
			),
			(text) => {
				const found = parseCurlVerbose(text);
				if (!found) return;
				t.true(found.start >= 0 && found.start <= found.end && found.end <= text.length);
				t.true(found.request !== null || found.responses.length > 0);
			},
		),
		{numRuns: 3000},
	);
});
