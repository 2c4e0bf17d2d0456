import test from 'ava';
import {renderJson} from '../../source/render/json.js';
import {toReport} from '../../source/render/report.js';
import {
	dakota401,
	dakotaValidation,
	dfns202,
	dguard429,
	hostile,
	hostileDiagnosis,
	oauthUnknown,
	pieces,
	samples,
	secrets,
} from '../helpers/diagnosis.js';
import {showDiagnosis} from '../../source/render/shown.js';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogs} from '../helpers/catalogs.js';
import {mintJwt} from '../helpers/jwt.js';
import {reportProblems} from '../helpers/report.js';

const validate = (report: unknown): boolean => reportProblems(report).length === 0;

const contractKeys = [
	'schemaVersion',
	'input',
	'provider',
	'providerCandidates',
	'format',
	'status',
	'statusSource',
	'code',
	'message',
	'requestId',
	'referenceTime',
	'explanation',
	'checks',
	'jwts',
	'request',
	'response',
	'fieldErrors',
];

for (const [name, diagnosis] of Object.entries(samples)) {
	test(`${name}: renderJson validates against the report schema`, (t) => {
		const output = renderJson(showDiagnosis(diagnosis));
		t.true(output.endsWith('}\n'));
		t.deepEqual(reportProblems(JSON.parse(output)), []);
	});

	test(`${name}: the report has exactly the contract's keys, in its order`, (t) => {
		const report = JSON.parse(renderJson(showDiagnosis(diagnosis))) as Record<string, unknown>;
		t.deepEqual(Object.keys(report), contractKeys);
		t.deepEqual(Object.keys(report['referenceTime'] as object), ['iso', 'source']);
		t.deepEqual(Object.keys(report['explanation'] as object), ['title', 'summary', 'causes', 'solutions', 'docs']);
		for (const check of report['checks'] as object[]) {
			t.deepEqual(Object.keys(check), ['id', 'result', 'message']);
		}

		for (const jwt of report['jwts'] as object[]) {
			t.deepEqual(Object.keys(jwt), ['source', 'header', 'payload', 'expiresAt', 'expired']);
		}

		for (const fieldError of report['fieldErrors'] as object[]) {
			t.deepEqual(Object.keys(fieldError), ['field', 'message', 'code']);
		}
	});

	test(`${name}: no secret and no 8-character piece of one reaches the JSON`, (t) => {
		const output = renderJson(showDiagnosis(diagnosis));
		for (const secret of Object.values(secrets)) {
			for (const piece of pieces(secret)) {
				t.false(output.includes(piece), `${piece} of ${secret.slice(0, 4)}… leaked`);
			}
		}
	});
}

test('the schema rejects what the contract forbids', (t) => {
	const report = toReport(showDiagnosis(dakota401));
	t.true(validate(JSON.parse(JSON.stringify(report))));
	t.false(validate({...report, extra: true}));
	t.false(validate({...report, format: 'soap'}));
	t.false(validate({...report, statusSource: 'guess'}));
	t.false(validate({...report, referenceTime: {iso: report.referenceTime.iso, source: 'sundial'}}));
	t.false(validate({...report, checks: [{id: 'header.spelling', result: 'fail', message: 'x'}]}));
	t.false(validate({...report, checks: [{id: 'checklist', result: 'maybe', message: 'x'}]}));
	t.false(validate({...report, input: {kinds: ['pdf']}}));
	t.false(validate({...report, provider: {...report.provider, confidence: 'certain'}}));
	t.false(validate({...report, jwts: [{...report.jwts[0], token: secrets.dakotaJwt}]}));
	t.false(validate({...report, request: {...report.request, headers: [['a', 'b', 'c']]}}));
	t.false(validate(Object.fromEntries(Object.entries(report).filter(([key]) => key !== 'fieldErrors'))));
});

test('Dakota 401: fields follow the contract and the secrets are redacted', (t) => {
	const report = toReport(showDiagnosis(dakota401));
	t.deepEqual(report.input, {kinds: ['curl-command', 'http-response']});
	t.deepEqual(report.provider, {
		id: 'dakota',
		name: 'Dakota',
		confidence: 'high',
		reasons: ['host api.platform.dakota.xyz', 'problem+json body', 'request_id shape req_…'],
	});
	t.is(report.format, 'problem-details');
	t.is(report.status, 401);
	t.is(report.statusSource, 'response');
	t.is(report.code, 'authentication-error');
	t.is(report.requestId, 'req_7f3a8b2c');
	t.deepEqual(report.referenceTime, {iso: '2025-01-14T18:00:00.000Z', source: 'date-header'});
	t.regex(report.message!, /^API key sk_l…\[redacted, 36 chars\] is not active/);
	t.is(report.request!.method, 'POST');
	t.is(report.request!.url, 'https://api.platform.dakota.xyz/customers?api_key=[redacted]');
	// Order and spelling as sent: header checks depend on both.
	t.deepEqual(
		report.request!.headers.map(([name]) => name),
		['X-Api-Key', 'Content-Type', 'Cookie'],
	);
	t.deepEqual(report.request!.headers[1], ['Content-Type', 'application/json']);
	t.notRegex(report.request!.headers[0]![1], /51NbXq8F/);
	t.is(report.response!.status, 401);
	t.deepEqual(report.response!.headers[0], ['Date', 'Tue, 14 Jan 2025 18:00:00 GMT']);
	t.is(report.jwts.length, 1);
	t.deepEqual(report.jwts[0], {
		source: 'cookie:session',
		header: {alg: 'RS256', typ: 'JWT', kid: 'dk-2024-11'},
		payload: {
			iss: 'https://auth.platform.dakota.xyz',
			sub: 'usr_8c2f41',
			aud: 'api.platform.dakota.xyz',
			iat: 1_736_499_600,
			exp: 1_736_503_200,
		},
		expiresAt: '2025-01-10T10:00:00.000Z',
		expired: true,
	});
	t.deepEqual(
		report.checks.map(({id, result}) => `${id}:${result}`),
		['header.casing:warn', 'jwt.expired:fail', 'checklist:manual', 'environment.mismatch:pass', 'checklist:manual'],
	);
});

test('JWT payloads pass through redactJson', (t) => {
	const withSecretClaim = {
		...dakota401,
		evidence: {
			...dakota401.evidence,
			jwts: [{...dakota401.evidence.jwts[0]!, payload: {sub: 'usr_1', client_secret: 'cs_9Wq7LmZp3XvT8Ry2'}}],
		},
	};
	const output = renderJson(showDiagnosis(withSecretClaim));
	t.false(output.includes('cs_9Wq7LmZp3XvT8Ry2'));
	t.deepEqual(toReport(showDiagnosis(withSecretClaim)).jwts[0]!.payload, {sub: 'usr_1', client_secret: '[redacted]'});
});

test('field error messages are redacted, fields and codes kept', (t) => {
	const leaky = {
		...dakotaValidation,
		reading: {
			...dakotaValidation.reading,
			fieldErrors: [{field: 'api_key', message: `${secrets.dakotaKey} is not a valid key`, code: 'invalid'}],
		},
	};
	const [fieldError] = toReport(showDiagnosis(leaky)).fieldErrors;
	t.is(fieldError!.field, 'api_key');
	t.is(fieldError!.code, 'invalid');
	t.is(fieldError!.message, 'sk_l…[redacted, 36 chars] is not a valid key');
	t.deepEqual(toReport(showDiagnosis(dakotaValidation)).fieldErrors, [
		{field: 'bank_account.routing_number', message: 'Routing number must be exactly 9 digits', code: 'invalid_format'},
		{field: 'email', message: 'Invalid email address format', code: null},
	]);
});

test('Dfns 202, unknown-provider OAuth and DGuard 429 keep their readings', (t) => {
	const dfns = toReport(showDiagnosis(dfns202));
	t.is(dfns.status, 202);
	t.is(dfns.code, null);
	t.is(dfns.message, null);
	t.regex(dfns.explanation.title, /not an error/);
	t.is(dfns.response!.status, 202);

	const oauth = toReport(showDiagnosis(oauthUnknown));
	t.is(oauth.provider, null);
	t.is(oauth.format, 'oauth2');
	t.is(oauth.code, 'invalid_grant');
	t.deepEqual(oauth.jwts, []);
	t.is(oauth.request!.headers[0]![0], 'Authorization');
	t.regex(oauth.request!.headers[0]![1], /^Basic Y2xp…\[redacted, \d+ chars\]$/);

	const dguard = toReport(showDiagnosis(dguard429));
	t.is(dguard.status, 429);
	t.is(dguard.code, 'FRAUD_005');
	t.is(dguard.referenceTime.source, 'body');
	t.deepEqual(dguard.response!.headers, [
		['Retry-After', '60'],
		['X-RateLimit-Remaining', '0'],
	]);

	const bodyOnly = toReport(showDiagnosis(dakotaValidation));
	t.is(bodyOnly.request, null);
	t.is(bodyOnly.response, null);
	t.is(bodyOnly.statusSource, 'body');
});

test('terminal controls in the input are JSON-escaped and survive a round trip', (t) => {
	const output = renderJson(showDiagnosis(hostileDiagnosis));
	t.false(output.includes('\u001B'));
	t.false(output.includes('\u0007'));
	t.false(output.includes('\u202E'));
	t.true(output.includes(String.raw`\u202e`));
	const report = JSON.parse(output) as {message: string; code: string};
	t.true(report.message.includes(hostile.clear));
	t.true(report.message.includes(hostile.clipboard));
	t.true(report.code.includes(hostile.bidi));
});

test('a message cut by a line break inside a wrapped token is redacted with the line that follows', (t) => {
	const token = mintJwt({sub: 'usr_8c2f41', exp: 1_700_000_000}, {alg: 'HS256'}, 'Q2hlY2tlZE5vd2hlcmVIZXJlN2ZRa1p3eEw');
	const body = `invalid token ${token.slice(0, 40)}\n${token.slice(40)} rejected\n`;
	const diagnosis = diagnose(`HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\n${body}`, {catalogs});
	t.is(diagnosis?.reading.message, `invalid token ${token.slice(0, 40)}`);
	const shown = showDiagnosis(diagnosis!).message ?? '';
	t.false(shown.includes(token.slice(20, 40)), shown);
	t.regex(shown, /^invalid token eyJh…\[redacted/);
});
