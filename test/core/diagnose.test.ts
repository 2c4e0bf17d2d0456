import {readFileSync} from 'node:fs';
import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import type {FormatId, StatusSource} from '../../source/core/types.js';
import {catalogs} from '../helpers/catalogs.js';

const body = (name: string) => readFileSync(new URL(`../fixtures/bodies/${name}`, import.meta.url), 'utf8');

type Row = [
	file: string,
	provider: string | null,
	format: FormatId,
	status: number | null,
	statusSource: StatusSource | null,
	code: string | null,
	title: string,
];

// Every example error body in the five provider docs, pasted alone (no request, no response around it).
const docExamples: Row[] = [
	[
		'cv-authentication-failed.json',
		'customer-verification',
		'customer-verification',
		401,
		'catalog',
		'AUTHENTICATION_FAILED',
		'Authentication failed',
	],
	[
		'cv-document-quality-insufficient.json',
		'customer-verification',
		'customer-verification',
		422,
		'catalog',
		'DOCUMENT_QUALITY_INSUFFICIENT',
		'Document quality insufficient',
	],
	[
		'cv-duplicate-resource.json',
		'customer-verification',
		'customer-verification',
		409,
		'catalog',
		'DUPLICATE_RESOURCE',
		'Duplicate resource',
	],
	// The docs' format template: its code ERROR_CODE is a placeholder, so the shape alone names no provider.
	['cv-format.json', null, 'unknown', null, null, 'ERROR_CODE', 'Unrecognised error'],
	[
		'cv-insufficient-permissions.json',
		'customer-verification',
		'customer-verification',
		403,
		'catalog',
		'INSUFFICIENT_PERMISSIONS',
		'Insufficient permissions',
	],
	[
		'cv-internal-server-error.json',
		'customer-verification',
		'customer-verification',
		500,
		'catalog',
		'INTERNAL_SERVER_ERROR',
		'Internal server error',
	],
	[
		'cv-invalid-document-format.json',
		'customer-verification',
		'customer-verification',
		422,
		'catalog',
		'INVALID_DOCUMENT_FORMAT',
		'Invalid document format',
	],
	[
		'cv-invalid-field-format.json',
		'customer-verification',
		'customer-verification',
		422,
		'catalog',
		'INVALID_FIELD_FORMAT',
		'Invalid field format',
	],
	[
		'cv-logging-record.json',
		'customer-verification',
		'unknown',
		422,
		'body',
		'INVALID_FIELD_FORMAT',
		'Invalid field format',
	],
	[
		'cv-rate-limit-exceeded.json',
		'customer-verification',
		'customer-verification',
		429,
		'catalog',
		'RATE_LIMIT_EXCEEDED',
		'Rate limit exceeded',
	],
	[
		'cv-resource-conflict.json',
		'customer-verification',
		'customer-verification',
		409,
		'catalog',
		'RESOURCE_CONFLICT',
		'Resource conflict',
	],
	[
		'cv-resource-not-found.json',
		'customer-verification',
		'customer-verification',
		404,
		'catalog',
		'RESOURCE_NOT_FOUND',
		'Resource not found',
	],
	[
		'cv-service-unavailable.json',
		'customer-verification',
		'customer-verification',
		503,
		'catalog',
		'SERVICE_UNAVAILABLE',
		'Service unavailable',
	],
	[
		'cv-token-expired.json',
		'customer-verification',
		'customer-verification',
		401,
		'catalog',
		'TOKEN_EXPIRED',
		'Token expired',
	],
	[
		'cv-validation-error.json',
		'customer-verification',
		'customer-verification',
		400,
		'catalog',
		'VALIDATION_ERROR',
		'Validation error',
	],
	[
		'cv-verification-failed.json',
		'customer-verification',
		'customer-verification',
		422,
		'catalog',
		'VERIFICATION_FAILED',
		'Verification failed',
	],
	[
		'cv-webhook-delivery-failed.json',
		'customer-verification',
		'customer-verification',
		null,
		null,
		'WEBHOOK_DELIVERY_FAILED',
		'Webhook delivery failed',
	],
	[
		'cv-webhook-signature-invalid.json',
		'customer-verification',
		'customer-verification',
		401,
		'catalog',
		'WEBHOOK_SIGNATURE_INVALID',
		'Webhook signature invalid',
	],
	[
		'dakota-authentication-error.json',
		'dakota',
		'problem-details',
		401,
		'body',
		'authentication-error',
		'Authentication required',
	],
	[
		'dakota-compliance-blocked.json',
		'dakota',
		'problem-details',
		422,
		'body',
		'compliance-blocked',
		'Blocked by compliance',
	],
	['dakota-conflict.json', 'dakota', 'problem-details', 409, 'body', 'conflict', 'Conflict'],
	['dakota-forbidden.json', 'dakota', 'problem-details', 403, 'body', 'forbidden', 'Forbidden'],
	['dakota-format-not-found.json', 'dakota', 'problem-details', 404, 'body', 'not-found', 'Not found'],
	[
		'dakota-format-validation-error.json',
		'dakota',
		'problem-details',
		400,
		'body',
		'validation-error',
		'Validation error',
	],
	[
		'dakota-insufficient-balance.json',
		'dakota',
		'problem-details',
		400,
		'body',
		'insufficient-balance',
		'Insufficient balance',
	],
	['dakota-internal-error.json', 'dakota', 'problem-details', 500, 'body', 'internal-error', 'Internal server error'],
	[
		'dakota-invalid-identifier.json',
		'dakota',
		'problem-details',
		400,
		'body',
		'invalid-identifier',
		'Invalid identifier',
	],
	['dakota-invalid-request.json', 'dakota', 'problem-details', 400, 'body', 'invalid-request', 'Invalid request'],
	['dakota-limit-reached.json', 'dakota', 'problem-details', 400, 'body', 'limit-reached', 'Resource limit reached'],
	[
		'dakota-multiple-clients.json',
		'dakota',
		'problem-details',
		400,
		'body',
		'multiple-clients',
		'Client not specified',
	],
	['dakota-not-found.json', 'dakota', 'problem-details', 404, 'body', 'not-found', 'Not found'],
	['dakota-not-implemented.json', 'dakota', 'problem-details', 501, 'body', 'not-implemented', 'Not implemented'],
	['dakota-payload-too-large.json', 'dakota', 'problem-details', 413, 'body', 'payload-too-large', 'Payload too large'],
	['dakota-provider-error.json', 'dakota', 'problem-details', 502, 'body', 'provider-error', 'Upstream provider error'],
	['dakota-rate-limited.json', 'dakota', 'problem-details', 429, 'body', 'rate-limited', 'Rate limited'],
	[
		'dakota-service-unavailable.json',
		'dakota',
		'problem-details',
		503,
		'body',
		'service-unavailable',
		'Service unavailable',
	],
	['dakota-validation-error.json', 'dakota', 'problem-details', 400, 'body', 'validation-error', 'Validation error'],
	[
		'dfns-legacy-application-cannot-modify-its-own-state.json',
		'dfns',
		'dfns-legacy',
		400,
		'catalog',
		null,
		'Application cannot modify its own state',
	],
	['dfns-legacy-application-not-found.json', 'dfns', 'dfns-legacy', 404, 'catalog', null, 'Application not found'],
	// Stock messages in a shape other APIs use name no provider, and bring no catalog status: Dfns is a candidate.
	['dfns-legacy-internal-server-error.json', null, 'unknown', null, null, null, 'Unrecognised error'],
	[
		'dfns-legacy-not-authorized-to-perform-operation.json',
		'dfns',
		'dfns-legacy',
		403,
		'catalog',
		null,
		'Caller lacks a permission',
	],
	['dfns-legacy-not-authorized.json', null, 'unknown', null, null, null, 'Unrecognised error'],
	[
		'dfns-legacy-registration-code-expired.json',
		'dfns',
		'dfns-legacy',
		400,
		'catalog',
		null,
		'Registration code expired',
	],
	[
		'dfns-legacy-request-nonce-has-already-been-used.json',
		'dfns',
		'dfns-legacy',
		400,
		'catalog',
		null,
		'Nonce already used (legacy API)',
	],
	[
		'dfns-legacy-request-nonce-is-missing-or-invalid.json',
		'dfns',
		'dfns-legacy',
		400,
		'catalog',
		null,
		'Nonce header missing or invalid (legacy API)',
	],
	[
		'dfns-legacy-user-action-has-already-been-used.json',
		'dfns',
		'dfns-legacy',
		400,
		'catalog',
		null,
		'User action signature already used',
	],
	[
		'dfns-legacy-user-action-signature-is-missing-or-invalid.json',
		'dfns',
		'dfns-legacy',
		403,
		'catalog',
		null,
		'User action signature missing or invalid',
	],
	['dfns-legacy-user-already-exists.json', 'dfns', 'dfns-legacy', 401, 'catalog', null, 'User already exists'],
	['dfns-wallet-not-found.json', 'dfns', 'dfns', 404, 'body', null, 'Resource not found (current API)'],
	['dguard-format-fraud-001.json', 'dguard', 'dguard', 400, 'catalog', 'FRAUD_001', 'Invalid transaction data'],
];

for (const [file, provider, format, status, statusSource, code, title] of docExamples) {
	test(`doc example ${file}: ${provider ?? 'no provider'}, ${format}, ${status ?? 'no status'}, ${code ?? 'no code'}`, (t) => {
		const diagnosis = diagnose(body(file), {catalogs, clock: new Date('2025-03-04T10:00:00Z')});
		if (!diagnosis) return t.fail('nothing recognised');
		t.is(diagnosis.provider?.id ?? null, provider);
		t.is(diagnosis.reading.format, format);
		t.is(diagnosis.status, status);
		t.is(diagnosis.statusSource, statusSource);
		t.is(diagnosis.reading.code, code);
		t.is(diagnosis.explanation.title, title);
	});
}

test('generic bodies of APIs errdoctor does not know get no provider', (t) => {
	for (const file of [
		'problem-details-rfc9457-out-of-credit.json',
		'problem-details-rfc9457-pointer-errors.json',
		'problem-details-rfc7807-invalid-params.json',
		'problem-details-spring-about-blank.json',
		'oauth2-invalid-grant.json',
		'graphql-apollo-unauthenticated.json',
		'google-legacy-unauthenticated.json',
		'aws-xml-s3-access-denied.xml',
		'odata-graph-resource-not-found.json',
	]) {
		const diagnosis = diagnose(body(file), {catalogs});
		t.not(diagnosis, null, file);
		t.is(diagnosis?.provider, null, file);
		t.not(diagnosis?.reading.format, 'unknown', file);
	}
});

test('GitHub, Slack and Stripe bodies name their provider by a doc link or a code only they use', (t) => {
	t.is(diagnose(body('github-bad-credentials.json'), {catalogs})?.provider?.id, 'github');
	t.is(diagnose(body('slack-invalid-auth.json'), {catalogs})?.provider?.id, 'slack');
	const stripe = diagnose(body('stripe-card-declined.json'), {catalogs});
	t.is(stripe?.provider?.id, 'stripe');
	t.true(stripe?.provider?.reasons.includes('link to stripe.com in the body'));
});

test('one weak signal names no provider: the providers it points at are candidates', (t) => {
	for (const file of ['dfns-legacy-internal-server-error.json', 'dfns-legacy-not-authorized.json']) {
		const diagnosis = diagnose(body(file), {catalogs});
		t.is(diagnosis?.provider, null, file);
		t.is(diagnosis?.status, null, 'no catalog status without a provider');
		t.deepEqual(
			diagnosis?.providerCandidates.map((candidate) => candidate.id),
			['dfns'],
			file,
		);
	}
});

test('a message-only body from an unknown API is not called Dfns legacy', (t) => {
	const diagnosis = diagnose('{"error": {"message": "Quota exceeded for this project"}}', {catalogs});
	t.is(diagnosis?.provider, null);
	t.is(diagnosis?.reading.format, 'unknown');
});

test('the DGuard format example is flagged as contradicting the code table', (t) => {
	const diagnosis = diagnose(body('dguard-format-fraud-001.json'), {catalogs});
	t.true(diagnosis?.explanation.notes.some((note) => note.includes('FRAUD_003')));
});

test('the Dfns permission error names the missing permission', (t) => {
	const diagnosis = diagnose(body('dfns-legacy-not-authorized-to-perform-operation.json'), {catalogs});
	t.true(diagnosis?.explanation.notes.some((note) => note.includes('Auth:Apps:Update')));
});

test('a request and its response in one paste are one case, with reasons for the provider', (t) => {
	const paste = readFileSync(new URL('../fixtures/e2e/dakota-curl-401.txt', import.meta.url), 'utf8');
	const diagnosis = diagnose(paste, {catalogs});
	t.deepEqual(diagnosis?.evidence.kinds, ['text', 'curl-command', 'http-response']);
	t.is(diagnosis?.evidence.request?.method, 'POST');
	t.is(diagnosis?.evidence.response?.status, 401);
	t.is(diagnosis?.provider?.confidence, 'high');
	t.true(diagnosis?.provider?.reasons.includes('host api.platform.dakota.xyz'));
	t.deepEqual(diagnosis?.evidence.referenceTime, {iso: '2025-03-04T10:15:42.000Z', source: 'date-header'});
});

test('reference time: --now beats the Date header, a body timestamp beats the clock', (t) => {
	const paste = readFileSync(new URL('../fixtures/e2e/dakota-curl-401.txt', import.meta.url), 'utf8');
	t.is(diagnose(paste, {catalogs, now: '2025-03-05T00:00:00Z'})?.evidence.referenceTime.source, 'flag');
	const dguard = diagnose(body('dguard-format-fraud-001.json'), {catalogs, clock: new Date('2030-01-01T00:00:00Z')});
	t.deepEqual(dguard?.evidence.referenceTime, {iso: '2025-01-14T18:00:00.000Z', source: 'body'});
	const bare = diagnose('{"error_code": "AUTH_002", "message": "Token expired"}', {
		catalogs,
		clock: new Date('2030-01-01T00:00:00Z'),
	});
	t.deepEqual(bare?.evidence.referenceTime, {iso: '2030-01-01T00:00:00.000Z', source: 'clock'});
});

test('a body pasted alone carries a note on how to capture status and headers', (t) => {
	const diagnosis = diagnose(body('dakota-rate-limited.json'), {catalogs});
	t.true(diagnosis?.evidence.notes.some((note) => note.includes('2>&1')));
});

test('text with nothing recognisable gives null', (t) => {
	t.is(diagnose('Hello, our integration is broken since Tuesday. Please advise.', {catalogs}), null);
	t.is(diagnose('', {catalogs}), null);
});

test('a provider-shaped body whose code is not in that provider vocabulary names no provider', (t) => {
	for (const paste of [
		'{"error": {"code": "INVALID_API_KEY", "message": "Bad key"}}',
		'{"error_code": "E1234", "message": "Something failed"}',
	]) {
		const diagnosis = diagnose(paste, {catalogs});
		t.is(diagnosis?.provider, null, paste);
		t.is(diagnosis?.reading.format, 'unknown', paste);
	}
});

test('a body with no error signal and nothing around it is not an error: nothing to diagnose', (t) => {
	for (const body of ['{"ok": true}', '{"data": {"user": {"id": 1}}}', '{"status": "healthy", "uptime": 12}']) {
		t.is(diagnose(body, {catalogs}), null, body);
	}

	t.not(diagnose('{"error": {"message": "Quota exceeded"}}', {catalogs}), null);
	t.not(diagnose('HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"ok": true}', {catalogs}), null);
});
