import test from 'ava';
import {checkBodyJson} from '../../../source/core/checks/body.js';
import {parseCurlCommand} from '../../../source/core/parts/curl.js';
import type {CurlCommand, Header, HttpRequest} from '../../../source/core/types.js';
import {context, ids, request} from './helpers.js';

const url = 'https://api.platform.dakota.xyz/customers';

function fromCurl(
	headers: Header[],
	body: string,
	option: string,
	unexpanded: string[] = [],
): ReturnType<typeof context> {
	const sent: HttpRequest = request('POST', url, headers, body, unexpanded);
	const curl: CurlCommand = {
		request: sent,
		shell: 'bash',
		options: [
			{name: 'url', written: url, value: url},
			{name: option, written: option === 'json' ? '--json' : '-d', value: body},
		],
		unknownOptions: [],
		shellSyntax: [],
	};
	return context({request: sent, curl});
}

test('curl -d with a JSON body and no Content-Type fails with the fix', (t) => {
	const results = checkBodyJson(fromCurl([], '{"name":"Acme"}', 'data'));
	t.deepEqual(ids(results), ['body.json:fail']);
	t.is(
		results[0]?.message,
		'the JSON body is sent with curl --data and no Content-Type, so curl labels it application/x-www-form-urlencoded: ' +
			"add -H 'Content-Type: application/json' or use --json",
	);
	t.deepEqual(ids(checkBodyJson(fromCurl([], '{"name":"Acme"}', 'json'))), ['body.json:pass']);
	t.deepEqual(ids(checkBodyJson(fromCurl([['Content-Type', 'application/json']], '{"a":1}', 'data'))), [
		'body.json:pass',
	]);
});

test('a JSON-looking body that does not parse fails; a form body is left alone', (t) => {
	const broken = checkBodyJson(
		context({request: request('POST', url, [['Content-Type', 'application/json']], "{'name': 'Acme'}")}),
	);
	t.deepEqual(ids(broken), ['body.json:fail']);
	t.regex(broken[0]!.message, /^the request body is not valid JSON \(.+\); JSON strings need double quotes/);
	t.deepEqual(checkBodyJson(context({request: request('POST', url, [], 'name=Acme&type=business')})), []);
	t.deepEqual(checkBodyJson(context({request: request('GET', url, [])})), []);
	t.deepEqual(checkBodyJson(fromCurl([], '@customer.json', 'data')), []);
});

test('a non-JSON Content-Type with a JSON body fails; +json media types pass', (t) => {
	const form = checkBodyJson(
		context({request: request('POST', url, [['Content-Type', 'application/x-www-form-urlencoded']], '[1,2]')}),
	);
	t.deepEqual(ids(form), ['body.json:fail']);
	t.regex(form[0]!.message, /`Content-Type: application\/x-www-form-urlencoded` says otherwise/);
	const problem = checkBodyJson(
		context({request: request('POST', url, [['content-type', 'application/merge-patch+json; charset=utf-8']], '{}')}),
	);
	t.deepEqual(ids(problem), ['body.json:pass']);
	const declared = checkBodyJson(
		context({request: request('POST', url, [['Content-Type', 'application/json']], 'a=b')}),
	);
	t.deepEqual(ids(declared), ['body.json:fail']);
	const noCurl = checkBodyJson(context({request: request('POST', url, [], '{"a":1}')}));
	t.regex(noCurl[0]!.message, /sent without a Content-Type/);
});

test('a body built from a shell variable is for a human to verify', (t) => {
	const results = checkBodyJson(
		fromCurl([['Content-Type', 'application/json']], '{"amount": $AMOUNT}', 'data', ['$AMOUNT']),
	);
	t.deepEqual(ids(results), ['body.json:manual']);
});

test('the Content-Type curl adds for -d is not mistaken for one the user chose; --json passes', (t) => {
	const judge = (text: string): ReturnType<typeof checkBodyJson> => {
		const curl = parseCurlCommand(text);
		if (curl === null) throw new Error(`not parsed: ${text}`);
		return checkBodyJson(context({request: curl.request, curl}));
	};

	const implied = judge(`curl ${url} -d '{"name":"Acme"}'`);
	t.deepEqual(ids(implied), ['body.json:fail']);
	t.regex(implied[0]!.message, /^the JSON body is sent with curl --data and no Content-Type/);
	t.deepEqual(ids(judge(`curl ${url} --json '{"name":"Acme"}'`)), ['body.json:pass']);
	const written = judge(`curl ${url} -H 'Content-Type: application/x-www-form-urlencoded' -d '{"a":1}'`);
	t.regex(written[0]!.message, /^the body is JSON but/);
});
