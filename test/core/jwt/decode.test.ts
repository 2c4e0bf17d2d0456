import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {CLOCK_SKEW_SECONDS, collectJwts, decodeJwt, pastedJwts} from '../../../source/core/jwt/decode.js';
import type {HttpRequest, HttpResponse} from '../../../source/core/types.js';
import {mintJwt, segment} from '../../helpers/jwt.js';

const reference = '2024-03-01T12:00:00.000Z';
const referenceSeconds = Date.parse(reference) / 1000;

function request(headers: Array<[string, string]>): HttpRequest {
	return {method: 'GET', url: 'https://api.example.com/v1/me', headers, body: null, unexpanded: []};
}

test('a valid token decodes with ISO times and no issues', (t) => {
	const token = mintJwt({
		sub: 'u1',
		exp: referenceSeconds + 3600,
		iat: referenceSeconds - 60,
		nbf: referenceSeconds - 60,
	});
	const decoded = decodeJwt(token, 'paste', reference);
	t.deepEqual(decoded.header, {alg: 'HS256', typ: 'JWT'});
	t.is(decoded.payload?.['sub'], 'u1');
	t.is(decoded.expiresAt, '2024-03-01T13:00:00.000Z');
	t.is(decoded.issuedAt, '2024-03-01T11:59:00.000Z');
	t.is(decoded.notBefore, '2024-03-01T11:59:00.000Z');
	t.false(decoded.expired);
	t.deepEqual(decoded.issues, []);
	t.is(decoded.source, 'paste');
	t.is(decoded.token, token);
});

test('expired allows 60 s of clock skew', (t) => {
	t.is(CLOCK_SKEW_SECONDS, 60);
	t.false(decodeJwt(mintJwt({exp: referenceSeconds - 60}), 'paste', reference).expired);
	t.true(decodeJwt(mintJwt({exp: referenceSeconds - 61}), 'paste', reference).expired);
	t.is(decodeJwt(mintJwt({sub: 'no-exp'}), 'paste', reference).expired, null);
	t.is(decodeJwt(mintJwt({exp: referenceSeconds - 3600}), 'paste', 'not a date').expired, null);
});

test('alg none is an issue; a signed token is not', (t) => {
	const unsigned = decodeJwt(`${segment({alg: 'none'})}.${segment({sub: 'a'})}.`, 'paste', reference);
	t.true(unsigned.issues.some((issue) => issue.startsWith('alg: none')));
	t.false(decodeJwt(mintJwt({sub: 'a'}), 'paste', reference).issues.some((issue) => issue.includes('alg: none')));
});

test('string times are not usable', (t) => {
	const decoded = decodeJwt(mintJwt({exp: String(referenceSeconds - 3600)}), 'paste', reference);
	t.is(decoded.expiresAt, null);
	t.is(decoded.expired, null);
	t.true(decoded.issues.some((issue) => issue.startsWith('`exp` is a string')));
});

test('float times are usable but flagged', (t) => {
	const decoded = decodeJwt(mintJwt({exp: referenceSeconds + 0.5}), 'paste', reference);
	t.is(decoded.expiresAt, '2024-03-01T12:00:00.500Z');
	t.false(decoded.expired);
	t.true(decoded.issues.some((issue) => issue.startsWith('`exp` has a fraction')));
});

test('millisecond times are flagged with their millisecond reading', (t) => {
	const decoded = decodeJwt(mintJwt({iat: referenceSeconds * 1000, exp: referenceSeconds + 10}), 'paste', reference);
	t.is(decoded.issuedAt, null);
	t.is(decoded.expiresAt, '2024-03-01T12:00:10.000Z');
	const issue = decoded.issues.find((text) => text.startsWith('`iat`'));
	t.truthy(issue);
	t.regex(issue!, /milliseconds \(read as milliseconds: 2024-03-01T12:00:00\.000Z\)/);
	// Just under the threshold is a (far-future) date in seconds, not a millisecond mistake.
	t.deepEqual(decodeJwt(mintJwt({exp: 99_999_999_999}), 'paste', reference).issues, []);
});

test('non-finite, negative and non-number times are flagged', (t) => {
	const infinite = decodeJwt(`${segment({alg: 'HS256'})}.${segment('{"exp":1e400}')}.c2ln`, 'paste', reference);
	t.true(infinite.issues.includes('`exp` is not a finite number'));
	t.is(infinite.expired, null);
	t.true(
		decodeJwt(mintJwt({nbf: -5}), 'paste', reference).issues.some((issue) => issue.startsWith('`nbf` is negative')),
	);
	t.true(
		decodeJwt(mintJwt({exp: true}), 'paste', reference).issues.includes('`exp` is a boolean, not a number of seconds'),
	);
	t.true(decodeJwt(mintJwt({exp: null}), 'paste', reference).issues.includes('`exp` is null, not a number of seconds'));
});

test('a JWE gives its header only', (t) => {
	const token = `${segment({alg: 'RSA-OAEP', enc: 'A256GCM'})}.a2V5.aXY.Y2lwaGVy.dGFn`;
	const decoded = decodeJwt(token, 'paste', reference);
	t.deepEqual(decoded.header, {alg: 'RSA-OAEP', enc: 'A256GCM'});
	t.is(decoded.payload, null);
	t.true(decoded.issues.some((issue) => issue.startsWith('this is a JWE')));
});

test('two parts: flagged, claims still shown', (t) => {
	const token = `${segment({alg: 'HS256'})}.${segment({exp: referenceSeconds - 7200})}`;
	const decoded = decodeJwt(token, 'paste', reference);
	t.true(decoded.issues.includes('the token has 2 parts; a JWT has 3 (header.payload.signature)'));
	t.true(decoded.expired);
	t.true(decodeJwt('eyJhbGciOiJIUzI1NiJ9', 'paste', reference).issues.some((issue) => issue.includes('has 1 part;')));
	t.true(decodeJwt('a.b.c.d.e.f.g', 'paste', reference).issues.some((issue) => issue.includes('has 7 parts')));
});

test('garbage base64 and non-JSON segments are flagged, not thrown', (t) => {
	const garbage = decodeJwt('eyJ!!!.@@@.sig', 'paste', reference);
	t.deepEqual(garbage.header, {});
	t.is(garbage.payload, null);
	t.true(garbage.issues.some((issue) => issue.startsWith('the header segment is not base64url-encoded JSON')));
	t.true(garbage.issues.some((issue) => issue.startsWith('the payload segment is not base64url-encoded JSON')));
	const standard = decodeJwt(`${segment({alg: 'HS256'})}.a+b/c==.sig`, 'paste', reference);
	t.true(standard.issues.some((issue) => issue.startsWith('the payload segment uses standard base64')));
	const notObject = decodeJwt(`${segment({alg: 'HS256'})}.${segment([1, 2])}.sig`, 'paste', reference);
	t.is(notObject.payload, null);
	t.true(notObject.issues.some((issue) => issue.startsWith('the payload segment')));
});

test('whitespace inside is flagged and ignored for decoding', (t) => {
	const token = mintJwt({sub: 'x'});
	const decoded = decodeJwt(`${token.slice(0, 10)}\n${token.slice(10)}`, 'paste', reference);
	t.is(decoded.payload?.['sub'], 'x');
	t.true(decoded.issues.some((issue) => issue.includes('whitespace')));
});

test('a 1 MB token decodes without crashing', (t) => {
	const token = mintJwt({sub: 'big', filler: 'x'.repeat(1024 * 1024), exp: referenceSeconds + 1});
	const decoded = decodeJwt(token, 'paste', reference);
	t.is(decoded.payload?.['sub'], 'big');
	t.false(decoded.expired);
	const dots = decodeJwt('.'.repeat(1024 * 1024), 'paste', reference);
	t.true(dots.issues.some((issue) => issue.includes(`has ${1024 * 1024 + 1} parts`)));
});

test('collectJwts finds Authorization, other headers, cookies, body and paste with sources', (t) => {
	const a = mintJwt({n: 'a'});
	const b = mintJwt({n: 'b'});
	const c = mintJwt({n: 'c'});
	const d = mintJwt({n: 'd'});
	const e = mintJwt({n: 'e'});
	const found = collectJwts(
		{
			request: request([
				['authorization', `bearer ${a}`],
				['X-Id-Token', b],
				['Cookie', `theme=dark; session=${c}`],
				['X-Trace', 'abc.def'],
			]),
			body: {data: [{'access-token': d}, 'plain'], nested: {same: a}},
			bareToken: e,
		},
		reference,
	);
	t.deepEqual(
		found.map((item) => [item.source, item.payload?.['n']]),
		[
			['header:authorization', 'a'],
			['header:X-Id-Token', 'b'],
			['cookie:session', 'c'],
			['body:$.data[0]["access-token"]', 'd'],
			['paste', 'e'],
		],
	);
});

test('collectJwts: a broken Bearer token still reaches decoding, a Dfns nonce does not', (t) => {
	const broken = `${segment({alg: 'HS256'})}.${segment({exp: 1})}`;
	const found = collectJwts(
		{
			request: request([
				['Authorization', `Bearer ${broken}`],
				['X-DFNS-NONCE', segment({date: '2024-03-01T12:00:00Z', uuid: 'f0c7'})],
			]),
			body: null,
			bareToken: null,
		},
		reference,
	);
	t.is(found.length, 1);
	t.is(found[0]?.source, 'header:Authorization');
	t.true(found[0]?.issues.some((issue) => issue.includes('has 2 parts')));
});

test('collectJwts: a scheme-less Authorization JWT is found; API keys are not', (t) => {
	const token = mintJwt({n: 1});
	t.is(collectJwts({request: request([['Authorization', token]]), body: null, bareToken: null}, reference).length, 1);
	t.deepEqual(
		collectJwts({request: request([['x-api-key', 'sk_live_abc.def']]), body: {k: 'eyJ'}, bareToken: '  '}, reference),
		[],
	);
});

test('collectJwts walks deep bodies without recursion and within bounds', (t) => {
	let body: unknown = {token: mintJwt({deep: true})};
	for (let index = 0; index < 100_000; index++) {
		body = [body];
	}

	t.deepEqual(collectJwts({request: null, body, bareToken: null}, reference), []);
	const shallow = collectJwts({request: null, body: [[[{token: mintJwt({deep: true})}]]], bareToken: null}, reference);
	t.is(shallow[0]?.source, 'body:$[0][0][0].token');
});

test('decodeJwt never throws on arbitrary strings', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 300}), fc.string(), (token, time) => {
				const decoded = decodeJwt(token, 'paste', time);
				return Array.isArray(decoded.issues) && typeof decoded.header === 'object';
			}),
			{numRuns: 2000, seed: 20_240_301},
		),
	);
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.base64String(), fc.string(), fc.constant('eyJhbGciOiJub25lIn0')), {maxLength: 6}),
				(pieces) => {
					decodeJwt(pieces.join('.'), 'paste', reference);
					return true;
				},
			),
			{numRuns: 2000, seed: 7},
		),
	);
});

test('collectJwts never throws on arbitrary headers and bodies', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.string(), fc.string()), {maxLength: 6}),
				fc.jsonValue(),
				fc.option(fc.string()),
				(headers, body, bareToken) => {
					collectJwts({request: request(headers), body, bareToken}, reference);
					return true;
				},
			),
			{numRuns: 2000, seed: 42},
		),
	);
});

function post(body: string, headers: Array<[string, string]> = []): HttpRequest {
	return {method: 'POST', url: 'https://login.example.com/oauth/token', headers, body, unexpanded: []};
}

function response(headers: Array<[string, string]>): HttpResponse {
	return {status: 401, statusText: 'Unauthorized', httpVersion: 'HTTP/1.1', headers, body: ''};
}

const sources = (found: ReturnType<typeof collectJwts>): string[] => found.map((decoded) => decoded.source);

test('collectJwts: JWTs in a JSON request body are named by their JSON path', (t) => {
	const id = mintJwt({n: 'id'});
	const access = mintJwt({n: 'access'});
	const found = collectJwts(
		{
			request: post(JSON.stringify({id_token: id, client: {assertion: `Bearer ${access}`}, note: 'eyJ not a token'})),
			body: null,
			bareToken: null,
		},
		reference,
	);
	t.deepEqual(sources(found), ['request-body:$.id_token', 'request-body:$.client.assertion']);
	t.is(found[1]?.token, access, 'the Bearer scheme is not part of the token');
	const doubled = collectJwts(
		{request: request([['Authorization', `Bearer Bearer ${id}`]]), body: null, bareToken: null},
		reference,
	);
	t.is(doubled[0]?.token, id, 'a repeated scheme is stripped too');
	t.is(found[0]?.payload?.['n'], 'id');
});

test('collectJwts: JWTs in a form request body are named by their field', (t) => {
	const refresh = mintJwt({n: 'refresh'});
	const assertion = mintJwt({n: 'assertion'});
	const found = collectJwts(
		{
			request: post(`grant_type=refresh_token&refresh_token=${refresh}&client_assertion=${assertion}&scope=a+b`),
			body: null,
			bareToken: null,
		},
		reference,
	);
	t.deepEqual(sources(found), ['request-body:refresh_token', 'request-body:client_assertion']);
});

test('collectJwts: a request body that is neither JSON nor a form still yields its tokens', (t) => {
	const token = mintJwt({n: 'broken'});
	const found = collectJwts({request: post(`{"id_token": "${token}",}`), body: null, bareToken: null}, reference);
	t.deepEqual(sources(found), ['request-body']);
	const compact = collectJwts({request: post(`{"a":"b=c","t":"${token}"`), body: null, bareToken: null}, reference);
	t.deepEqual(sources(compact), ['request-body'], 'broken JSON without spaces is not read as a form');
	t.deepEqual(collectJwts({request: post('{"id_token": "abc"}'), body: null, bareToken: null}, reference), []);
});

test('collectJwts: response Set-Cookie and token headers are collected; request places come first', (t) => {
	const session = mintJwt({n: 'session'});
	const issued = mintJwt({n: 'issued'});
	const sent = mintJwt({n: 'sent'});
	const found = collectJwts(
		{
			request: post(`{"token": "${sent}"}`, [['Authorization', `Bearer ${sent}`]]),
			response: response([
				['Set-Cookie', `session=${session}; Path=/; HttpOnly; Secure`],
				['Set-Cookie', 'theme=dark; Path=/'],
				['X-Issued-Token', issued],
				['Set-Cookie', `copy=${sent}`],
			]),
			body: {error: 'invalid_token', token: session},
			bareToken: null,
		},
		reference,
	);
	// `sent` appears in the header, the request body and a cookie; `session` in a cookie and the error body.
	t.deepEqual(sources(found), ['header:Authorization', 'set-cookie:session', 'response-header:X-Issued-Token']);
});

test('pastedJwts: a whole paste is one token, even a broken one, with or without Bearer', (t) => {
	const token = mintJwt({n: 1});
	t.deepEqual(pastedJwts(`  ${token}\n`), [['paste', token]]);
	t.deepEqual(pastedJwts(`Bearer ${token}`), [['paste', token]]);
	t.deepEqual(pastedJwts(`authorization:  bearer ${token}`), [['paste', token]]);
	const twoParts = token.split('.').slice(0, 2).join('.');
	t.deepEqual(pastedJwts(twoParts), [['paste', twoParts]]);
	t.deepEqual(pastedJwts('Bearer sk_live_123'), []);
	t.deepEqual(pastedJwts('no token here'), []);
});

test('pastedJwts: tokens inside a longer paste are found by line, each once', (t) => {
	const first = mintJwt({n: 1});
	const second = mintJwt({n: 2});
	const text = `curl https://x.example -H "Authorization: Bearer ${first}"\n\n{"id_token": "${second}", "again": "${first}"}`;
	t.deepEqual(pastedJwts(text), [
		['paste:line 1', first],
		['paste:line 3', second],
	]);
});

test('every place a token is found is named as the report schema allows', (t) => {
	const schema = JSON.parse(readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8')) as {
		properties: {jwts: {items: {properties: {source: {pattern: string}}}}};
	};
	const allowed = new RegExp(schema.properties.jwts.items.properties.source.pattern);
	const token = (sub: string) => mintJwt({sub, exp: referenceSeconds + 60});
	const requests = [
		post(`{"auth": {"id_token": "${token('a')}"}}`, [
			['Authorization', `Bearer ${token('b')}`],
			['Cookie', `session=${token('c')}`],
			['X-Id-Token', token('d')],
		]),
		post(`refresh_token=${token('e')}`, []),
		post(`broken {json ${token('f')}`, []),
	];
	const found = requests.flatMap((request, index) =>
		collectJwts(
			{
				request,
				response:
					index === 0
						? response([
								['Set-Cookie', `s=${token('g')}; Path=/`],
								['X-Issued', token('h')],
							])
						: null,
				body: index === 0 ? {error: {token: token('i')}} : null,
				bareToken: index === 1 ? token('j') : null,
			},
			reference,
		),
	);
	const pasted = pastedJwts(`first line\n${token('k')}\nand ${token('l')}`).map(([source]) => source);
	const all = [...sources(found), ...pasted, ...pastedJwts(token('m')).map(([source]) => source)];
	// header, response-header, cookie, set-cookie, request-body, body, paste
	t.is(new Set(all.map((source) => source.split(':')[0])).size, 7, all.join(', '));
	for (const source of all) t.regex(source, allowed);
	for (const wrong of ['property', 'header', 'paste:line x', 'body:']) t.notRegex(wrong, allowed);
});
