import {readFileSync, readdirSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {readAwsJson, readAwsXml} from '../../source/core/formats/aws.js';
import {readGraphql, readJsonApi} from '../../source/core/formats/error-lists.js';
import {readErrorObject} from '../../source/core/formats/error-object.js';
import {type JsonRecord, isRecord} from '../../source/core/formats/fields.js';
import {awsErrorName, problemTypeCode, readError, unwrapErrorBody} from '../../source/core/formats/index.js';
import {readProblemDetails} from '../../source/core/formats/problem-details.js';
import {readDguard, readGithub, readOauth2, readSlack} from '../../source/core/formats/top-level.js';
import {readUnknownObject, readUnknownText} from '../../source/core/formats/unknown.js';
import type {ErrorReading, FormatId} from '../../source/core/types.js';

const fixtures = new URL('../fixtures/bodies/', import.meta.url);

function fixtureText(name: string): string {
	return readFileSync(new URL(name, fixtures), 'utf8');
}

function fixture(name: string): unknown {
	return JSON.parse(fixtureText(name)) as unknown;
}

const formatIds: readonly FormatId[] = [
	'dfns',
	'dfns-legacy',
	'problem-details',
	'dguard',
	'customer-verification',
	'oauth2',
	'graphql',
	'json-api',
	'google',
	'stripe',
	'odata',
	'aws',
	'github',
	'slack',
	'unknown',
];

type Expected = readonly [
	file: string,
	format: FormatId,
	status: number | null,
	code: string | null,
	message: string | null,
	requestId: string | null,
];

// Every JSON example in the five provider docs, copied verbatim.
const providerDocExamples: readonly Expected[] = [
	['dfns-wallet-not-found.json', 'dfns', 404, null, 'wallet not found', '2038837570328299032'],
	[
		'dfns-legacy-request-nonce-is-missing-or-invalid.json',
		'dfns-legacy',
		null,
		null,
		'request nonce is missing or invalid',
		null,
	],
	[
		'dfns-legacy-request-nonce-has-already-been-used.json',
		'dfns-legacy',
		null,
		null,
		'request nonce has already been used',
		null,
	],
	[
		'dfns-legacy-user-action-has-already-been-used.json',
		'dfns-legacy',
		null,
		null,
		'user action has already been used',
		null,
	],
	['dfns-legacy-not-authorized.json', 'dfns-legacy', null, null, 'Not Authorized.', null],
	[
		'dfns-legacy-not-authorized-to-perform-operation.json',
		'dfns-legacy',
		null,
		null,
		'CustomerEmployee us-24vwa-92s33-8tvqi1dg0a95megt is not authorized to perform operation (Auth:Apps:Update)',
		null,
	],
	[
		'dfns-legacy-user-action-signature-is-missing-or-invalid.json',
		'dfns-legacy',
		null,
		null,
		'user action signature is missing or invalid',
		null,
	],
	['dfns-legacy-internal-server-error.json', 'dfns-legacy', null, null, 'Internal Server Error', null],
	[
		'dfns-legacy-application-cannot-modify-its-own-state.json',
		'dfns-legacy',
		null,
		null,
		'application cannot modify its own state',
		null,
	],
	['dfns-legacy-application-not-found.json', 'dfns-legacy', null, null, 'application not found', null],
	['dfns-legacy-registration-code-expired.json', 'dfns-legacy', null, null, 'Registration code expired', null],
	['dfns-legacy-user-already-exists.json', 'dfns-legacy', null, null, 'User already exists.', null],
	[
		'dakota-format-not-found.json',
		'problem-details',
		404,
		'not-found',
		'Customer cst_2abc123 was not found in your organization.',
		'req_7f3a8b2c',
	],
	[
		'dakota-format-validation-error.json',
		'problem-details',
		400,
		'validation-error',
		'One or more fields failed validation.',
		'req_8d4b2e1f',
	],
	[
		'dakota-validation-error.json',
		'problem-details',
		400,
		'validation-error',
		'One or more fields failed validation.',
		'req_abc123',
	],
	[
		'dakota-invalid-request.json',
		'problem-details',
		400,
		'invalid-request',
		'Request body must be valid JSON.',
		'req_def456',
	],
	[
		'dakota-invalid-identifier.json',
		'problem-details',
		400,
		'invalid-identifier',
		"The identifier 'invalid-id' is not a valid KSUID.",
		'req_ghi789',
	],
	[
		'dakota-insufficient-balance.json',
		'problem-details',
		400,
		'insufficient-balance',
		'Wallet has insufficient USDC balance for this transaction.',
		'req_jkl012',
	],
	[
		'dakota-limit-reached.json',
		'problem-details',
		400,
		'limit-reached',
		'Maximum number of API keys (10) has been reached.',
		'req_mno345',
	],
	[
		'dakota-multiple-clients.json',
		'problem-details',
		400,
		'multiple-clients',
		'Multiple clients are available; select an active client.',
		'req_pqr678',
	],
	[
		'dakota-authentication-error.json',
		'problem-details',
		401,
		'authentication-error',
		'Missing or invalid authentication credentials.',
		'req_stu901',
	],
	[
		'dakota-forbidden.json',
		'problem-details',
		403,
		'forbidden',
		'You do not have permission to access this customer.',
		'req_vwx234',
	],
	['dakota-not-found.json', 'problem-details', 404, 'not-found', 'Customer cst_2abc123 was not found.', 'req_yza567'],
	[
		'dakota-conflict.json',
		'problem-details',
		409,
		'conflict',
		"A customer with external_id 'ext-123' already exists.",
		'req_bcd890',
	],
	[
		'dakota-payload-too-large.json',
		'problem-details',
		413,
		'payload-too-large',
		'Request payload exceeds the maximum allowed size of 500 MB.',
		'req_efg123',
	],
	[
		'dakota-compliance-blocked.json',
		'problem-details',
		422,
		'compliance-blocked',
		'This wallet address cannot be processed due to compliance restrictions.',
		'req_hij456',
	],
	[
		'dakota-rate-limited.json',
		'problem-details',
		429,
		'rate-limited',
		'Too many requests. Please retry later.',
		'req_klm789',
	],
	[
		'dakota-internal-error.json',
		'problem-details',
		500,
		'internal-error',
		'An unexpected error occurred.',
		'req_nop012',
	],
	[
		'dakota-not-implemented.json',
		'problem-details',
		501,
		'not-implemented',
		'This endpoint is not implemented.',
		'req_qrs345',
	],
	[
		'dakota-provider-error.json',
		'problem-details',
		502,
		'provider-error',
		'An upstream provider returned an error.',
		'req_tuv678',
	],
	[
		'dakota-service-unavailable.json',
		'problem-details',
		503,
		'service-unavailable',
		'Service is temporarily unavailable.',
		'req_wxy901',
	],
	['dguard-format-fraud-001.json', 'dguard', null, 'FRAUD_001', 'Transaction not found', 'req_abc123'],
	['cv-format.json', 'customer-verification', null, 'ERROR_CODE', 'Human-readable error message', null],
	[
		'cv-authentication-failed.json',
		'customer-verification',
		null,
		'AUTHENTICATION_FAILED',
		'Invalid API key provided',
		null,
	],
	['cv-token-expired.json', 'customer-verification', null, 'TOKEN_EXPIRED', 'JWT token has expired', null],
	[
		'cv-insufficient-permissions.json',
		'customer-verification',
		null,
		'INSUFFICIENT_PERMISSIONS',
		'Insufficient permissions for this operation',
		null,
	],
	['cv-validation-error.json', 'customer-verification', null, 'VALIDATION_ERROR', 'Invalid request parameters', null],
	['cv-invalid-field-format.json', 'customer-verification', null, 'INVALID_FIELD_FORMAT', 'Invalid field format', null],
	[
		'cv-invalid-document-format.json',
		'customer-verification',
		null,
		'INVALID_DOCUMENT_FORMAT',
		'Invalid document format',
		null,
	],
	['cv-resource-not-found.json', 'customer-verification', null, 'RESOURCE_NOT_FOUND', 'Customer not found', null],
	[
		'cv-resource-conflict.json',
		'customer-verification',
		null,
		'RESOURCE_CONFLICT',
		'Customer is in UNDER_REVIEW state and cannot be modified',
		null,
	],
	['cv-duplicate-resource.json', 'customer-verification', null, 'DUPLICATE_RESOURCE', 'Customer already exists', null],
	['cv-rate-limit-exceeded.json', 'customer-verification', null, 'RATE_LIMIT_EXCEEDED', 'Too many requests', null],
	['cv-verification-failed.json', 'customer-verification', null, 'VERIFICATION_FAILED', 'Verification failed', null],
	[
		'cv-document-quality-insufficient.json',
		'customer-verification',
		null,
		'DOCUMENT_QUALITY_INSUFFICIENT',
		'Document quality insufficient',
		null,
	],
	[
		'cv-internal-server-error.json',
		'customer-verification',
		null,
		'INTERNAL_SERVER_ERROR',
		'An unexpected error occurred',
		null,
	],
	[
		'cv-service-unavailable.json',
		'customer-verification',
		null,
		'SERVICE_UNAVAILABLE',
		'Service temporarily unavailable',
		null,
	],
	[
		'cv-webhook-signature-invalid.json',
		'customer-verification',
		null,
		'WEBHOOK_SIGNATURE_INVALID',
		'Webhook signature verification failed',
		null,
	],
	[
		'cv-webhook-delivery-failed.json',
		'customer-verification',
		null,
		'WEBHOOK_DELIVERY_FAILED',
		'Failed to deliver webhook after 3 attempts',
		null,
	],
	// The docs' logging example: not a response body, but people paste their logs.
	['cv-logging-record.json', 'unknown', 422, 'INVALID_FIELD_FORMAT', 'Invalid field format', 'req_abc123xyz'],
];

// The Dfns legacy docs show one body with a trailing comma; lenient parsing is another module's job.
const trailingCommaFixture = 'dfns-legacy-request-nonce-is-missing-or-invalid.json';

function providerFixture(name: string): unknown {
	const raw = fixtureText(name);
	return JSON.parse(name === trailingCommaFixture ? raw.replace(/,(\s*\})/, '$1') : raw) as unknown;
}

function summary(reading: ErrorReading): Expected {
	return ['', reading.format, reading.status, reading.code, reading.message, reading.requestId];
}

test('the table covers every provider doc fixture in the directory', (t) => {
	const providerFiles = readdirSync(fixtures).filter((name) => /^(?:dfns|dakota|dguard|cv)-/.test(name));
	t.deepEqual(providerDocExamples.map(([file]) => file).sort(), providerFiles.sort());
	t.is(providerDocExamples.length, 50);
	t.throws(() => JSON.parse(fixtureText(trailingCommaFixture)));
});

for (const [file, ...expected] of providerDocExamples) {
	test(`provider doc example ${file}`, (t) => {
		t.deepEqual(summary(readError(providerFixture(file))).slice(1), expected);
	});
}

test('Dakota validation errors become field errors, title and instance go to extra', (t) => {
	const reading = readError(fixture('dakota-format-validation-error.json'), 'application/problem+json');
	t.deepEqual(reading.fieldErrors, [
		{field: 'bank_account.routing_number', message: 'Routing number must be exactly 9 digits', code: 'invalid_format'},
		{field: 'email', message: 'Invalid email address format', code: 'invalid_format'},
	]);
	t.deepEqual(reading.extra, {type: 'validation-error', title: 'Validation Error', instance: '/customers'});
});

test('Customer Verification: field, details and retryAfter', (t) => {
	const validation = readError(fixture('cv-invalid-field-format.json'));
	t.deepEqual(validation.fieldErrors, [
		{field: 'dateOfBirth', message: "Field 'dateOfBirth' must be in YYYY-MM-DD format", code: 'INVALID_FIELD_FORMAT'},
	]);
	const limited = readError(fixture('cv-rate-limit-exceeded.json'));
	t.deepEqual(limited.extra, {details: 'Rate limit exceeded. Retry after 60 seconds', retryAfter: 60});
	t.deepEqual(limited.fieldErrors, []);
});

test('DGuard and Dfns: timestamp and details', (t) => {
	const dguard = readError(fixture('dguard-format-fraud-001.json'));
	t.is(dguard.timestamp, '2025-01-14T18:00:00.000Z');
	t.deepEqual(dguard.extra, {details: {transaction_id: 'txn_123'}});
	const dfns = readError(fixture('dfns-wallet-not-found.json'));
	t.deepEqual(dfns.extra, {
		details: {walletId: 'wa-1f04s-lqc9q-xxxxxxxxxxxxxxxx', orgId: 'or-195qp-opddr-xxxxxxxxxxxxxxxx'},
	});
	t.is(dfns.timestamp, null);
});

const otherFormats: readonly Expected[] = [
	[
		'google-permission-denied-api-key-blocked.json',
		'google',
		403,
		'PERMISSION_DENIED',
		'Requests to this API translate.googleapis.com method google.cloud.translation.v3.TranslationService.TranslateText are blocked.',
		null,
	],
	[
		'google-invalid-argument-field-violations.json',
		'google',
		400,
		'INVALID_ARGUMENT',
		`Invalid value at 'requests[0].image.source.image_uri' (TYPE_STRING), "gs:/bucket/x.png"`,
		'a8c7f2e1b3d94f06',
	],
	[
		'google-legacy-unauthenticated.json',
		'google',
		401,
		'UNAUTHENTICATED',
		'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
		null,
	],
	['google-legacy-daily-limit.json', 'google', 403, 'dailyLimitExceeded', 'Daily Limit Exceeded', null],
	[
		'stripe-resource-missing.json',
		'stripe',
		null,
		'resource_missing',
		"No such customer: 'cus_Q9xYz0aBcDeF12'",
		'req_5fTnqX0aZ1b2C3',
	],
	[
		'stripe-card-declined.json',
		'stripe',
		null,
		'card_declined',
		'Your card has insufficient funds.',
		'req_Zy9Xw8Vu7Ts6R5',
	],
	[
		'stripe-invalid-api-key.json',
		'stripe',
		null,
		'invalid_request_error',
		'Invalid API Key provided: sk_test_********************1234',
		null,
	],
	[
		'stripe-shaped-openai-invalid-api-key.json',
		'stripe',
		null,
		'invalid_api_key',
		'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
		null,
	],
	['github-bad-credentials.json', 'github', 401, null, 'Bad credentials', null],
	['github-validation-failed.json', 'github', 422, null, 'Validation Failed', null],
	['slack-invalid-auth.json', 'slack', null, 'invalid_auth', null, null],
	['slack-missing-scope.json', 'slack', null, 'missing_scope', '[ERROR] token lacks the chat:write scope', null],
	[
		'aws-json-dynamodb-resource-not-found.json',
		'aws',
		null,
		'ResourceNotFoundException',
		'Requested resource not found: Table: orders not found',
		null,
	],
	[
		'aws-json-unrecognized-client.json',
		'aws',
		null,
		'UnrecognizedClientException',
		'The security token included in the request is invalid.',
		null,
	],
	['aws-xml-s3-access-denied.xml', 'aws', null, 'AccessDenied', 'Access Denied', '4442587FB7D0A2F9'],
	[
		'aws-xml-sts-invalid-client-token.xml',
		'aws',
		null,
		'InvalidClientTokenId',
		'The security token included in the request is invalid.',
		'0a7b2c3d-4e5f-6789-abcd-ef0123456789',
	],
	[
		'aws-xml-ec2-auth-failure.xml',
		'aws',
		null,
		'AuthFailure',
		'AWS was not able to validate the provided access credentials & signature',
		'9b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
	],
	[
		'odata-graph-invalid-authentication-token.json',
		'odata',
		null,
		'InvalidAuthenticationToken',
		'Lifetime validation failed, the token is expired.',
		'6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
	],
	[
		'odata-graph-resource-not-found.json',
		'odata',
		null,
		'Request_ResourceNotFound',
		"Resource '00000000-0000-0000-0000-000000000001' does not exist or one of its queried reference-property objects are not present.",
		'1a2b3c4d-0000-4e5f-8a9b-cdef01234567',
	],
	[
		'odata-azure-invalid-parameter-details.json',
		'odata',
		null,
		'InvalidTemplateDeployment',
		"The template deployment 'vm-deploy' is not valid according to the validation procedure.",
		null,
	],
	[
		'odata-v3-localized-message.json',
		'odata',
		null,
		'ResourceNotFound',
		'The specified resource does not exist.',
		null,
	],
	[
		'graphql-apollo-unauthenticated.json',
		'graphql',
		null,
		'UNAUTHENTICATED',
		'You must be logged in to query this field',
		null,
	],
	['graphql-hasura-invalid-jwt.json', 'graphql', null, 'invalid-jwt', 'Could not verify JWT: JWTExpired', null],
	['graphql-syntax-error.json', 'graphql', null, null, 'Syntax Error: Expected Name, found <EOF>.', null],
	['json-api-unprocessable.json', 'json-api', 422, 'blank', 'First name must contain at least two characters.', null],
	['json-api-unauthorized.json', 'json-api', 401, 'Unauthorized', 'The access token is missing or has expired.', null],
	['oauth2-invalid-grant.json', 'oauth2', null, 'invalid_grant', 'Invalid authorization code', null],
	[
		'oauth2-azure-ad-invalid-client.json',
		'oauth2',
		null,
		'invalid_client',
		'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
		'0b1c2d3e-4f50-4a61-8b72-c3d4e5f60718',
	],
	['oauth2-bare-invalid-token.json', 'oauth2', null, 'invalid_token', null, null],
	[
		'problem-details-rfc9457-out-of-credit.json',
		'problem-details',
		null,
		'out-of-credit',
		'Your current balance is 30, but that costs 50.',
		null,
	],
	[
		'problem-details-rfc9457-pointer-errors.json',
		'problem-details',
		null,
		'validation-error',
		'Your request is not valid.',
		null,
	],
	[
		'problem-details-rfc7807-invalid-params.json',
		'problem-details',
		null,
		'validation-error',
		"Your request parameters didn't validate.",
		null,
	],
	[
		'problem-details-aspnet-validation.json',
		'problem-details',
		400,
		'section-15.5.1',
		'One or more validation errors occurred.',
		'00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
	],
	['problem-details-spring-about-blank.json', 'problem-details', 404, null, 'No static resource api/v2/orders.', null],
];

test('the table covers every other fixture in the directory', (t) => {
	const otherFiles = readdirSync(fixtures).filter((name) => !/^(?:dfns|dakota|dguard|cv)-/.test(name));
	t.deepEqual(otherFormats.map(([file]) => file).sort(), otherFiles.sort());
	const formats = new Set(otherFormats.map(([, format]) => format));
	for (const format of ['google', 'stripe', 'github', 'slack', 'aws', 'odata', 'graphql', 'json-api', 'oauth2']) {
		t.true(otherFormats.filter(([, found]) => found === format).length >= 2, format);
	}

	t.is(formats.size, 10);
});

for (const [file, ...expected] of otherFormats) {
	test(`other format example ${file}`, (t) => {
		const body = file.endsWith('.xml') ? fixtureText(file) : fixture(file);
		t.deepEqual(summary(readError(body)).slice(1), expected);
	});
}

test('Google: field violations, ErrorInfo reason and legacy reason', (t) => {
	const invalid = readError(fixture('google-invalid-argument-field-violations.json'));
	t.deepEqual(invalid.fieldErrors, [
		{
			field: 'requests[0].image.source.image_uri',
			message: `Invalid value at 'requests[0].image.source.image_uri' (TYPE_STRING), "gs:/bucket/x.png"`,
			code: 'INVALID_URI',
		},
	]);
	const blocked = readError(fixture('google-permission-denied-api-key-blocked.json'));
	t.is(blocked.extra['reason'], 'API_KEY_SERVICE_BLOCKED');
	t.is(blocked.extra['domain'], 'googleapis.com');
	t.is(readError(fixture('google-legacy-unauthenticated.json')).extra['reason'], 'required');
});

test('Stripe: param becomes a field error, doc and type kept', (t) => {
	const reading = readError(fixture('stripe-resource-missing.json'));
	t.deepEqual(reading.fieldErrors, [
		{field: 'customer', message: "No such customer: 'cus_Q9xYz0aBcDeF12'", code: 'resource_missing'},
	]);
	t.is(reading.extra['type'], 'invalid_request_error');
	t.is(reading.extra['doc_url'], 'https://stripe.com/docs/error-codes/resource-missing');
	t.is(readError(fixture('stripe-card-declined.json')).extra['decline_code'], 'insufficient_funds');
	t.deepEqual(readError(fixture('stripe-shaped-openai-invalid-api-key.json')).fieldErrors, []);
});

test('GitHub, JSON:API, OData and problem details field errors', (t) => {
	t.deepEqual(readError(fixture('github-validation-failed.json')).fieldErrors, [
		{field: 'title', message: 'missing_field', code: 'missing_field'},
		{field: 'name', message: 'name already exists on this account', code: 'custom'},
	]);
	t.deepEqual(readError(fixture('json-api-unprocessable.json')).fieldErrors, [
		{field: '/data/attributes/first-name', message: 'First name must contain at least two characters.', code: 'blank'},
		{field: '/data/attributes/email', message: 'Email has already been taken.', code: 'taken'},
	]);
	t.deepEqual(readError(fixture('odata-azure-invalid-parameter-details.json')).fieldErrors, [
		{
			field: 'vmSize',
			message: 'The value Standard_X99 provided for the VM size is not valid.',
			code: 'InvalidParameter',
		},
	]);
	t.deepEqual(readError(fixture('problem-details-rfc9457-pointer-errors.json')).fieldErrors, [
		{field: '#/age', message: 'must be a positive integer', code: null},
		{field: '#/profile/color', message: "must be 'green', 'red' or 'blue'", code: null},
	]);
	t.deepEqual(readError(fixture('problem-details-rfc7807-invalid-params.json')).fieldErrors, [
		{field: 'age', message: 'must be a positive integer', code: null},
		{field: 'color', message: "must be 'green', 'red' or 'blue'", code: null},
	]);
	t.deepEqual(readError(fixture('problem-details-aspnet-validation.json')).fieldErrors, [
		{field: 'Email', message: 'The Email field is required.', code: null},
		{field: 'Age', message: 'The field Age must be between 18 and 120.', code: null},
		{field: 'Age', message: 'Age is not a number.', code: null},
	]);
});

test('timestamps: Graph innerError date, Azure AD space-separated time, epoch numbers', (t) => {
	t.is(readError(fixture('odata-graph-invalid-authentication-token.json')).timestamp, '2024-06-03T09:12:44.000Z');
	t.is(readError(fixture('oauth2-azure-ad-invalid-client.json')).timestamp, '2024-06-03T09:20:11.000Z');
	const at = (timestamp: unknown) => readError({error_code: 'AUTH_002', message: 'Token expired', timestamp}).timestamp;
	t.is(at(1_736_877_600), '2025-01-14T18:00:00.000Z');
	t.is(at(1_736_877_600_000), '2025-01-14T18:00:00.000Z');
	t.is(at('1736877600'), '2025-01-14T18:00:00.000Z');
	t.is(at('Tue, 14 Jan 2025 18:00:00 GMT'), '2025-01-14T18:00:00.000Z');
	t.is(at('2025-01-14 18:00:00'), '2025-01-14T18:00:00.000Z');
	for (const bad of ['yesterday', '7', 0, -5, Number.NaN, 1e300, '2025-99-99T99:99:99Z', true, null])
		t.is(at(bad), null);
	t.is(readError({error: {message: 'x'}, time: '2025-01-14T18:00:00+02:00'}).timestamp, '2025-01-14T16:00:00.000Z');
});

test('status from a body: number or numeric string, never out of range', (t) => {
	const status = (value: unknown) => readError({type: 'x', title: 'X', status: value}).status;
	t.is(status(404), 404);
	t.is(status('404'), 404);
	t.is(status(' 429 '), 429);
	for (const bad of [99, 600, 404.5, '4O4', '40', '', 'abc', true]) t.is(status(bad), null);
});

test('requestId: the general keys at top level and in error', (t) => {
	t.is(readError({message: 'x', traceId: 'tr-1'}).requestId, 'tr-1');
	t.is(readError({message: 'x', correlationId: 'c-1'}).requestId, 'c-1');
	t.is(readError({error: {code: 'BadThing', message: 'x', requestId: 'r-9'}}).requestId, 'r-9');
	t.is(readError({error_code: 'AUTH_001', message: 'x', request_id: 12_345}).requestId, '12345');
	t.is(readError({message: 'x', id: 'not-a-request-id'}).requestId, null);
});

test('problem type codes', (t) => {
	const cases: ReadonlyArray<readonly [string, string | null]> = [
		['not-found', 'not-found'],
		['https://docs.x/errors/not-found', 'not-found'],
		['https://docs.x/errors/not-found/', 'not-found'],
		['https://api.dakota.xyz/errors#validation-error', 'validation-error'],
		['https://docs.x/errors/rate-limited?lang=en', 'rate-limited'],
		['/problems/out-of-credit', 'out-of-credit'],
		['urn:problem-type:acme:out-of-credit', 'out-of-credit'],
		['https://example.com', 'https://example.com'],
		['about:blank', null],
		['ABOUT:BLANK', null],
		['  ', null],
	];
	for (const [type, code] of cases) t.is(problemTypeCode(type), code, type);
});

test('AWS error names', (t) => {
	t.is(awsErrorName('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException'), 'ResourceNotFoundException');
	t.is(
		awsErrorName('ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/'),
		'ValidationException',
	);
	t.is(awsErrorName('aws.protocoltests#FooError:http://internal.amazon.com/coral/x/'), 'FooError');
	t.is(awsErrorName('ThrottlingException,OtherError'), 'ThrottlingException');
	t.is(awsErrorName('aws:Sender:Throttling'), 'Throttling');
	t.is(awsErrorName('AccessDeniedException'), 'AccessDeniedException');
	const wrapped = readError({
		Error: {Code: 'Throttling', Message: 'Rate exceeded', Type: 'Sender'},
		RequestId: 'b1c2-d3e4',
	});
	t.deepEqual(summary(wrapped).slice(1), ['aws', null, 'Throttling', 'Rate exceeded', 'b1c2-d3e4']);
});

test('content type: problem+json alone is enough, JSON:API media type too', (t) => {
	const thin = {title: 'Forbidden'};
	t.is(readError(thin, 'application/problem+json; charset=utf-8').format, 'problem-details');
	t.is(readError(thin, 'application/problem+json').message, 'Forbidden');
	t.is(readError(thin).format, 'unknown');
	t.is(readError(thin, 'application/json').format, 'unknown');
	t.is(readError({}, 'application/problem+json').format, 'problem-details');
	const list = {errors: [{code: 'expired_token'}]};
	t.is(readError(list).format, 'unknown');
	const jsonApi = readError(list, 'application/vnd.api+json');
	t.deepEqual(summary(jsonApi).slice(1), ['json-api', null, 'expired_token', null, null]);
	// The media type does not override a body that clearly says otherwise.
	t.is(readError({ok: false, error: 'invalid_auth'}, 'application/problem+json').format, 'slack');
});

const nearMisses: ReadonlyArray<readonly [name: string, body: unknown, format: FormatId]> = [
	['Stripe body is not OData', {error: {type: 'api_error', code: 'lock_timeout', message: 'Try again'}}, 'stripe'],
	[
		'OData with UPPER_SNAKE code and details list is not Customer Verification',
		{
			error: {code: 'BAD_REQUEST', message: 'x', details: [{code: 'NullValue', target: 'name', message: 'y'}]},
		},
		'odata',
	],
	['Customer-Verification shape with PascalCase code is OData', {error: {code: 'Forbidden', message: 'No'}}, 'odata'],
	['an error object with an id that is not digits is not Dfns', {error: {id: 'abc', message: 'x'}}, 'unknown'],
	['status without the digit id is not Dfns', {error: {status: 404, message: 'wallet not found'}}, 'unknown'],
	['message plus details is not Dfns legacy', {error: {message: 'x', details: 'y'}}, 'unknown'],
	['a sentence in error is not OAuth 2.0', {error: 'Not Found'}, 'unknown'],
	['an OAuth code beside a message is not OAuth 2.0', {error: 'invalid_token', message: 'Token expired'}, 'unknown'],
	['an OAuth code beside errors is not OAuth 2.0', {error: 'invalid_request', errors: [{field: 'a'}]}, 'unknown'],
	['ok: true is not Slack', {ok: true, error: 'invalid_auth'}, 'unknown'],
	['ok: true with a warning is not Slack', {ok: true, warning: 'superfluous_charset'}, 'unknown'],
	['Slack needs ok: false, not a falsy string', {ok: 'false', error: 'invalid_auth'}, 'unknown'],
	['a message without documentation_url is not GitHub', {message: 'Bad credentials'}, 'unknown'],
	[
		'GitHub errors list is not GraphQL',
		{
			message: 'Validation Failed',
			documentation_url: 'https://docs.github.com/rest',
			errors: [{message: 'x', field: 'a'}],
		},
		'github',
	],
	[
		'a plain errors list with codes is not GraphQL',
		{errors: [{code: 89, message: 'Invalid or expired token.'}]},
		'unknown',
	],
	['GraphQL with data', {errors: [{message: 'boom'}], data: null}, 'graphql'],
	['a type alone is not problem details', {type: 'invalid_request_error', message: 'x'}, 'unknown'],
	['error_code without a message is not DGuard', {error_code: 'AUTH_001'}, 'unknown'],
	['a numeric code without status or details is not Google', {error: {code: 401, message: 'Unauthorized'}}, 'unknown'],
	[
		'a string code is not Google, whatever the status says',
		{error: {code: '403', message: 'x', status: 'PERMISSION_DENIED'}},
		'odata',
	],
	[
		'a type ending in error without underscore is not Stripe',
		{error: {type: 'OAuthException', message: 'x', code: 190}},
		'unknown',
	],
];

for (const [name, body, format] of nearMisses) {
	test(`near miss: ${name}`, (t) => {
		t.is(readError(body).format, format);
	});
}

test('unknown bodies still give a message, code and status when they have them', (t) => {
	t.deepEqual(summary(readError({error: 'Not Found'})).slice(1), ['unknown', null, null, 'Not Found', null]);
	t.deepEqual(summary(readError({statusCode: 401, message: 'Unauthorized', error: 'Unauthorized'})).slice(1), [
		'unknown',
		401,
		null,
		'Unauthorized',
		null,
	]);
	t.is(
		readError({detail: 'Authentication credentials were not provided.'}).message,
		'Authentication credentials were not provided.',
	);
	t.is(readError({errors: [{code: 89, message: 'Invalid or expired token.'}]}).message, 'Invalid or expired token.');
	t.is(
		readError({Message: 'User: arn:aws:iam::1:user/x is not authorized'}).message,
		'User: arn:aws:iam::1:user/x is not authorized',
	);
	t.deepEqual(summary(readError({error: {code: 401, message: 'Unauthorized', status: 401}})).slice(1), [
		'unknown',
		401,
		null,
		'Unauthorized',
		null,
	]);
});

test('text bodies: AWS XML, HTML error pages, plain text, binary', (t) => {
	const html = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';
	t.deepEqual(summary(readError(html, 'text/html')).slice(1), ['unknown', null, null, '502 Bad Gateway', null]);
	t.is(readError('Unauthorized\n').message, 'Unauthorized');
	t.is(readError('404 page not found\nmore').message, '404 page not found');
	t.is(readError('x'.repeat(600)).message, null);
	t.is(readError('\u0000\u0001binary').message, null);
	t.is(readError('<Error><Message>no code</Message></Error>').format, 'unknown');
	t.is(readError('<Errors><Code>X</Code></Errors>').format, 'unknown');
	t.is(readError('<Error><Code>Bad &lt;thing&gt; &#65;&#x42;</Code></Error>').code, 'Bad <thing> AB');
});

test('a JSON string is parsed before reading', (t) => {
	const reading = readError('  {"error": {"message": "request nonce has already been used"}}');
	t.deepEqual(summary(reading).slice(1), ['dfns-legacy', null, null, 'request nonce has already been used', null]);
	t.is(readError('{"error": "broken').format, 'unknown');
});

test('unwrapErrorBody: arrays of one, client and logging envelopes', (t) => {
	const body = {error_code: 'AUTH_002', message: 'Token expired'};
	t.is(unwrapErrorBody([body]), body);
	t.is(unwrapErrorBody({response: {status: 401, data: body}}), body);
	t.is(unwrapErrorBody({err: {response: {data: body}}}), body);
	t.is(unwrapErrorBody({error: {response: {data: body}}}), body);
	t.is(unwrapErrorBody({level: 'error', msg: 'request failed', body}), body);
	const anything = {anything: 1};
	t.is(unwrapErrorBody({level: 'error', body: anything}), anything);
	const notLogged = {status: 500, body: anything};
	t.is(unwrapErrorBody(notLogged), notLogged);
	t.deepEqual(unwrapErrorBody({level: 'error', body: JSON.stringify(body)}), body);
	t.is(unwrapErrorBody([{level: 'error', body: {response: {data: body}}}]), body);
	t.deepEqual(
		unwrapErrorBody({name: 'AxiosError', message: 'Request failed with status code 401', response: {data: body}}),
		body,
	);
});

test('unwrapErrorBody leaves bodies and non-envelopes alone', (t) => {
	const graphql = {errors: [{message: 'boom'}], data: {me: null}};
	t.is(unwrapErrorBody(graphql), graphql);
	const stripe = {error: {type: 'card_error', message: 'Declined', code: 'card_declined'}};
	t.is(unwrapErrorBody(stripe), stripe);
	const notAnEnvelope = {data: {id: 1}, message: 'ok'};
	t.is(unwrapErrorBody(notAnEnvelope), notAnEnvelope);
	const two = [{message: 'a'}, {message: 'b'}];
	t.is(unwrapErrorBody(two), two);
	t.is(unwrapErrorBody('text'), 'text');
	t.is(unwrapErrorBody(null), null);
});

test('readError unwraps before reading', (t) => {
	const axios = {
		message: 'Request failed with status code 404',
		response: {data: fixture('dfns-wallet-not-found.json')},
	};
	t.deepEqual(summary(readError(axios)).slice(1), ['dfns', 404, null, 'wallet not found', '2038837570328299032']);
	const logged = {level: 'error', body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'};
	t.deepEqual(summary(readError(logged)).slice(1), ['aws', null, 'AccessDenied', 'Access Denied', null]);
});

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
	let value: unknown = {message: 'deep'};
	for (let level = 0; level < depth; level++) value = wrap(value);
	return value;
}

test('hostile nesting: 100,000 levels deep never throws and stays bounded', (t) => {
	const shapes: ReadonlyArray<(inner: unknown) => unknown> = [
		(inner) => [inner],
		(inner) => ({error: inner}),
		(inner) => ({response: {data: inner}}),
		(inner) => ({level: 'error', body: inner}),
		(inner) => ({error: {code: 'Deep', message: 'x', details: [inner]}}),
		(inner) => ({error_code: 'X_001', message: 'x', details: inner}),
	];
	for (const shape of shapes) {
		const reading = readError(nested(100_000, shape));
		t.true(formatIds.includes(reading.format));
		t.notThrows(() => JSON.stringify(reading));
	}

	const deepDetails = readError({error_code: 'X_001', message: 'x', details: nested(100_000, (inner) => ({a: inner}))});
	t.regex(JSON.stringify(deepDetails.extra), /\{…\}/);
});

test('huge and pathological text stays fast', (t) => {
	const started = Date.now();
	readError('<Code>'.repeat(200_000));
	readError('<title'.repeat(200_000));
	readError('<Error>' + '&#1'.repeat(200_000));
	readError({type: 'https://x/' + '/'.repeat(500_000), title: 'T'});
	readError({__type: ':a'.repeat(200_000), message: 'x'});
	t.true(Date.now() - started < 5000);
});

test('own properties only: prototype names are not read', (t) => {
	const reading = readError(JSON.parse('{"__proto__": {"message": "x"}, "constructor": "y"}'));
	t.is(reading.format, 'unknown');
	t.is(reading.message, null);
	t.is(readError(Object.create({error: {message: 'inherited'}}) as unknown).format, 'unknown');
});

/**
 * Every reader, called directly: `readError`'s catch-all would turn a crashing reader into format `unknown` and hide
 * it from these properties.
 */
const recordReaders: ReadonlyArray<(body: JsonRecord) => ErrorReading | null> = [
	readAwsJson,
	readSlack,
	readDguard,
	readGithub,
	readErrorObject,
	readProblemDetails,
	(body) => readJsonApi(body, 'application/vnd.api+json'),
	readGraphql,
	readOauth2,
	readUnknownObject,
];
const textReaders: ReadonlyArray<(body: string) => ErrorReading | null> = [readAwsXml, readUnknownText];

/** Runs every reader that takes such a value on it; false when a reading is malformed, a throw fails the property. */
function readsWell(value: unknown): boolean {
	const readings = isRecord(value)
		? recordReaders.map((read) => read(value))
		: typeof value === 'string'
			? textReaders.map((read) => read(value))
			: [];
	return readings.every(
		(reading) => reading === null || (formatIds.includes(reading.format) && Array.isArray(reading.fieldErrors)),
	);
}

const errorKey = fc.constantFrom(
	'error',
	'errors',
	'message',
	'code',
	'status',
	'type',
	'title',
	'details',
	'ok',
	'__type',
);
const errorShaped = fc.letrec((tie) => ({
	node: fc.oneof(
		{depthSize: 'small'},
		fc.jsonValue({maxDepth: 1}),
		fc.dictionary(errorKey, tie('node')),
		fc.array(tie('node'), {maxLength: 3}),
	),
})).node;

test('every reader, called without readError, never throws on anything', (t) => {
	const anything = fc.anything({withNullPrototype: true, withObjectString: true});
	const xmlish = fc.stringMatching(/^<(?:Error|Errors|Response)>[<>/\w &#;]*$/);
	for (const values of [anything, fc.jsonValue(), errorShaped, xmlish]) {
		t.notThrows(() => {
			fc.assert(fc.property(values, readsWell), {numRuns: 1000});
		});
	}
});

test('readError never throws, and keeps a crashing reader in the reading instead of hiding it', (t) => {
	const throwing = new Proxy(
		{},
		{
			get() {
				throw new Error('trap');
			},
			ownKeys() {
				throw new Error('trap');
			},
			getOwnPropertyDescriptor() {
				throw new Error('trap');
			},
		},
	);
	for (const value of [throwing, {error: throwing}]) {
		const reading = readError(value);
		t.is(reading.format, 'unknown');
		t.is(reading.crash?.message, 'trap');
		t.regex(reading.crash?.stack ?? '', /trap/);
	}

	t.is(unwrapErrorBody(throwing), throwing);
	t.is(readError(Symbol('x')).format, 'unknown');
	t.is(readError(12n).format, 'unknown');
	t.is(readError({error: {code: 'X', message: 'fine'}}).crash, undefined);
	t.notThrows(() => {
		fc.assert(
			fc.property(fc.anything({withNullPrototype: true}), fc.option(fc.string()), (value, type) => {
				const reading = readError(value, type);
				return formatIds.includes(reading.format) && reading.crash === undefined;
			}),
			{numRuns: 1000},
		);
	});
});

test('extra is bounded even for shared references', (t) => {
	let shared: unknown = {leaf: true};
	for (let level = 0; level < 40; level++) shared = [shared, shared];
	const reading = readError({error_code: 'X_001', message: 'x', details: shared});
	const serialised = JSON.stringify(reading.extra);
	t.true(serialised.length < 100_000);
	t.regex(serialised, /\[…\]/);
});

test('OData v3 verbose JSON: `odata.error` with a wrapped message reads as OData', (t) => {
	const found = readError({
		'odata.error': {code: 'ResourceNotFound', message: {lang: 'en-US', value: 'The resource was not found.'}},
	});
	t.is(found.format, 'odata');
	t.is(found.code, 'ResourceNotFound');
	t.is(found.message, 'The resource was not found.');
});
