import test from 'ava';
import {findAxiosError} from '../../../source/core/parts/axios-error.js';
import {findHttpieExchange} from '../../../source/core/parts/httpie.js';
import {splitParts} from '../../../source/core/parts/index.js';
import {findPowerShellCommands} from '../../../source/core/parts/powershell-command.js';
import {decodePythonLiteral, findPythonHttpDebug} from '../../../source/core/parts/python-http-debug.js';
import {decodeRubyLiteral, findRubyHttpDebug} from '../../../source/core/parts/ruby-http-debug.js';
import {findStatusLogLines} from '../../../source/core/parts/status-log.js';

test('Python and Ruby literals decode their escapes', (t) => {
	t.is(decodePythonLiteral(String.raw`b'a\r\n\x41\'\\b'`), "a\r\nA'\\b");
	t.is(decodePythonLiteral(String.raw`'caf\xe9 \u263a'`), 'café ☺');
	t.is(decodeRubyLiteral(String.raw`"say \"hi\"\r\n\e\#{x}\u00e9"`), 'say "hi"\r\n\u001B#{x}é');
});

test('python: a body sent on its own joins the request; without urllib3 the URL stays the target as sent', (t) => {
	const text = [
		String.raw`send: b'POST /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n\r\n'`,
		`send: b'{"qty": 1}'`,
		String.raw`reply: 'HTTP/1.1 422 Unprocessable Entity\r\n'`,
		'header: Content-Type: application/json',
		'prose after the trace',
	].join('\n');
	const found = findPythonHttpDebug(text);
	t.is(found?.request?.url, '/v1/orders');
	t.is(found?.request?.body, '{"qty": 1}');
	t.deepEqual(
		found?.responses.map((response) => [response.status, response.headers]),
		[[422, [['Content-Type', 'application/json']]]],
	);
	t.is(found?.end, text.indexOf('\nprose'));
});

test('ruby: a chunked body is put back together; without the connection lines the URL is the target', (t) => {
	const text = [
		String.raw`<- "GET /v1/me HTTP/1.1\r\nHost: api.example.com\r\n\r\n"`,
		String.raw`-> "HTTP/1.1 401 Unauthorized\r\n"`,
		String.raw`-> "Transfer-Encoding: chunked\r\n"`,
		String.raw`-> "\r\n"`,
		String.raw`-> "b\r\n{\"error\":1}\r\n0\r\n\r\n"`,
	].join('\n');
	const found = findRubyHttpDebug(text);
	t.is(found?.request?.url, '/v1/me');
	t.is(found?.responses[0]?.body, '{"error":1}');
});

test('httpie: HTTPie User-Agent without the command gives the target as sent; a raw request without either is not HTTPie', (t) => {
	const exchange =
		'GET /user HTTP/1.1\nHost: api.github.com\nUser-Agent: HTTPie/3.2.2\n\n\nHTTP/1.1 401 Unauthorized\n\n{}';
	t.is(findHttpieExchange(exchange)?.request.url, '/user');
	t.is(findHttpieExchange(exchange)?.responses[0]?.status, 401);
	t.is(findHttpieExchange(exchange.replace('HTTPie/3.2.2', 'Burp')), null);
	t.is(
		findHttpieExchange(`$ https POST api.example.com/v1 x=1\n${exchange}`)?.request.url,
		'https://api.github.com/user',
	);
});

test('powershell: aliases, assignments, abbreviated parameters and a hashtable over prompted lines', (t) => {
	const text = [
		'PS C:\\> $r = iwr -Meth Post -Uri https://api.example.com/v1/orders -ContentType "application/json" `',
		'>> -Body \'{"qty": 1}\' -Headers @{',
		'>>   "X-Api-Key" = $env:API_KEY',
		'>>   Accept = "application/json"',
		'>> }',
		'iwr: Response status code does not indicate success: 401 (Unauthorized).',
	].join('\n');
	const [found] = findPowerShellCommands(text);
	t.deepEqual(found?.request, {
		method: 'POST',
		url: 'https://api.example.com/v1/orders',
		headers: [
			['X-Api-Key', '$env:API_KEY'],
			['Accept', 'application/json'],
			['Content-Type', 'application/json'],
		],
		body: '{"qty": 1}',
		unexpanded: ['$env:API_KEY'],
	});
	t.is(text.slice(found?.start, found?.end).split('\n').length, 5);
	t.deepEqual(
		splitParts(text).map((part) => part.kind),
		['powershell-command', 'text', 'status-log'],
	);
});

test('axios: the message alone gives the status, with no request or body', (t) => {
	const found = findAxiosError('Unhandled rejection AxiosError: Request failed with status code 503');
	t.like(found, {status: 503, request: null, body: null});
});

test('a status named inside a JSON body is the body speaking, not a log line', (t) => {
	const text = '{"error": {"message": "Request failed with status code 401", "code": "E_AUTH"}}\nsee above';
	t.false(splitParts(text).some((part) => part.kind === 'status-log'));
	t.deepEqual(
		findStatusLogLines('HTTP/1.1 401 Unauthorized\n"GET /x HTTP/1.1" 401 12').map((line) => line.status),
		[],
	);
});

test('status lines: each wording gives its status, and the span stops before a JSON body on the line', (t) => {
	const lines = [
		'The remote server returned an error: (401) Unauthorized.',
		'urllib.error.HTTPError: HTTP Error 404: Not Found',
		'googleapi: Error 403: The caller does not have permission, forbidden',
		'org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body]',
		'403 {"message": "Forbidden"}',
		'level=warn status_code=502 msg=upstream',
	];
	const found = findStatusLogLines(lines.join('\n'));
	t.deepEqual(
		found.map((line) => line.status),
		[401, 404, 403, 401, 403, 502],
	);
	const withBody = found[4]!;
	t.is(lines.join('\n').slice(withBody.start, withBody.end), '403');
});
