/* Sample diagnoses for renderer and UI tests: realistic shapes, fake credentials. */
import type {DecodedJwt, Diagnosis, ErrorReading, Evidence, Explanation, JwtSource} from '../../source/core/types.js';
import {mintJwt} from './jwt.js';

/** The samples' tokens end in these random bytes; nothing here verifies them. */
const signature = 'c2lnbmF0dXJlLW5vdC1jaGVja2VkLWhlcmUtN2ZRa1p3';

const epoch = (iso: string): number => Date.parse(iso) / 1000;

/** Credential values planted in the samples. No renderer output other than unredacted text may contain them. */
export const secrets = {
	dakotaKey: 'sk_live_51NbXq8FQz3kRt7Lw2YhVcPdMmJ4',
	dakotaJwt: mintJwt(
		{
			iss: 'https://auth.platform.dakota.xyz',
			sub: 'usr_8c2f41',
			aud: 'api.platform.dakota.xyz',
			iat: epoch('2025-01-10T09:00:00Z'),
			exp: epoch('2025-01-10T10:00:00Z'),
		},
		{alg: 'RS256', typ: 'JWT', kid: 'dk-2024-11'},
		signature,
	),
	dfnsJwt: mintJwt(
		{
			iss: 'auth.dfns.io',
			sub: 'or-30tnh-itmjs-8rsr3fqq2cvud2m5',
			aud: 'dfns:auth:user',
			iat: epoch('2025-03-01T08:00:00Z'),
			exp: epoch('2025-03-02T08:00:00Z'),
		},
		{alg: 'EdDSA', typ: 'JWT'},
		signature,
	),
	dfnsUserAction: 'eyJ1c2VyQWN0aW9uIjoiVXNlckFjdGlvblRva2VuLVE0d1Jr',
	oauthBasic: Buffer.from('client_4Fh2:cs_9Wq7LmZp3XvT8Ry2').toString('base64'),
	dguardBearer: 'dg_at_Hq83LmPz0VwX5cTr9KsY2nBe',
} as const;

/** Every 8-character piece of a secret: none may survive redaction. */
export function pieces(secret: string): string[] {
	return Array.from({length: secret.length - 7}, (_, index) => secret.slice(index, index + 8));
}

const noReading: ErrorReading = {
	format: 'unknown',
	status: null,
	code: null,
	message: null,
	requestId: null,
	timestamp: null,
	fieldErrors: [],
	extra: {},
};

function decoded(token: string, source: JwtSource, fields: Partial<DecodedJwt>): DecodedJwt {
	const [header = '', payload = ''] = token.split('.');
	return {
		source,
		token,
		header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
		payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
		expiresAt: null,
		notBefore: null,
		issuedAt: null,
		expired: null,
		issues: [],
		...fields,
	};
}

const dakotaExplanation: Explanation = {
	title: 'Authentication Required',
	summary: 'Dakota did not accept the credentials sent with the request: the API key is missing, wrong or revoked.',
	causes: ['Missing x-api-key header', 'Invalid or revoked API key', 'Malformed authentication header'],
	solutions: [
		'Send the key in `x-api-key`, spelled exactly so (not `X-Api-Key` or `api-key`).',
		'Check in the Dakota dashboard that the key is active and belongs to this environment.',
	],
	docs: '002_298349968309aa8b.txt › Error Types Reference › authentication-error',
	notes: ['The docs list 401 for both a missing and an invalid key; the body does not say which.'],
};

/** Dakota 401 from `curl -si`: the key in a header, the URL and the message, an expired JWT in a cookie. */
export const dakota401: Diagnosis = {
	evidence: {
		kinds: ['curl-command', 'http-response'],
		request: {
			method: 'POST',
			url: 'https://api.platform.dakota.xyz/customers?api_key=' + secrets.dakotaKey,
			headers: [
				['X-Api-Key', secrets.dakotaKey],
				['Content-Type', 'application/json'],
				['Cookie', `session=${secrets.dakotaJwt}; theme=dark`],
			],
			body: '{"name":"Acme Ltd","email":"ops@acme.example"}',
			unexpanded: [],
		},
		curl: null,
		response: {
			status: 401,
			statusText: 'Unauthorized',
			httpVersion: 'HTTP/1.1',
			headers: [
				['Date', 'Tue, 14 Jan 2025 18:00:00 GMT'],
				['Content-Type', 'application/problem+json'],
				['Set-Cookie', `session=${secrets.dakotaJwt}; HttpOnly`],
			],
			body: '{"type":"authentication-error"}',
		},
		body: {type: 'authentication-error', title: 'Authentication Required', status: 401},
		jwts: [
			decoded(secrets.dakotaJwt, 'cookie:session', {
				expiresAt: '2025-01-10T10:00:00.000Z',
				issuedAt: '2025-01-10T09:00:00.000Z',
				expired: true,
			}),
		],
		referenceTime: {iso: '2025-01-14T18:00:00.000Z', source: 'date-header'},
		notes: [],
	},
	providerCandidates: [],
	provider: {
		id: 'dakota',
		name: 'Dakota',
		confidence: 'high',
		reasons: ['host api.platform.dakota.xyz', 'problem+json body', 'request_id shape req_…'],
	},
	reading: {
		...noReading,
		format: 'problem-details',
		status: 401,
		code: 'authentication-error',
		message: `API key ${secrets.dakotaKey} is not active for this organization.`,
		requestId: 'req_7f3a8b2c',
	},
	status: 401,
	statusTitle: 'Unauthorized',
	statusSource: 'response',
	explanation: dakotaExplanation,
	checks: [
		{id: 'header.casing', result: 'warn', message: '`X-Api-Key` is sent; Dakota documents `x-api-key`.'},
		{
			id: 'jwt.expired',
			result: 'fail',
			message: 'The JWT in cookie:session expired at 2025-01-10T10:00:00Z, 4 d 8 h before the request.',
		},
		{id: 'checklist', result: 'manual', message: 'Verify the API key is active in the Dakota dashboard.'},
		{id: 'environment.mismatch', result: 'pass', message: 'Live key sent to the production host.'},
		{id: 'checklist', result: 'manual', message: 'Verify the key belongs to this organisation.'},
	],
};

/** Dakota 400 validation error, body pasted alone: field errors and an input note. */
export const dakotaValidation: Diagnosis = {
	evidence: {
		kinds: ['error-json'],
		request: null,
		curl: null,
		response: null,
		body: {type: 'validation-error'},
		jwts: [],
		referenceTime: {iso: '2025-01-14T18:00:00.000Z', source: 'clock'},
		notes: ['Only a body was pasted, so the status line and headers are missing. To capture them, run curl with -si.'],
	},
	providerCandidates: [],
	provider: {id: 'dakota', name: 'Dakota', confidence: 'medium', reasons: ['problem+json body', 'request_id shape']},
	reading: {
		...noReading,
		format: 'problem-details',
		status: 400,
		code: 'validation-error',
		message: 'One or more fields failed validation.',
		requestId: 'req_8d4b2e1f',
		fieldErrors: [
			{
				field: 'bank_account.routing_number',
				message: 'Routing number must be exactly 9 digits',
				code: 'invalid_format',
			},
			{field: 'email', message: 'Invalid email address format', code: null},
		],
	},
	status: 400,
	statusTitle: 'Bad Request',
	statusSource: 'body',
	explanation: {
		title: 'Validation Error',
		summary: 'One or more request fields failed validation; the errors list says which.',
		causes: ['Missing required fields', 'Invalid field format'],
		solutions: ['Correct each field listed under field errors.'],
		docs: null,
		notes: [],
	},
	checks: [],
};

/** Dfns 202: a transfer waiting for policy approval, which is not an error. */
export const dfns202: Diagnosis = {
	evidence: {
		kinds: ['curl-verbose'],
		request: {
			method: 'POST',
			url: 'https://api.dfns.io/wallets/wa-1f04s-lqc9q-86rq9mdl3dcl8bqd/transfers',
			headers: [
				['Authorization', `Bearer ${secrets.dfnsJwt}`],
				['X-DFNS-USERACTION', secrets.dfnsUserAction],
				['Content-Type', 'application/json'],
			],
			body: '{"kind":"Native","to":"0xb2f2","amount":"1000"}',
			unexpanded: [],
		},
		curl: null,
		response: {
			status: 202,
			statusText: '',
			httpVersion: 'HTTP/2',
			headers: [
				['date', 'Sun, 02 Mar 2025 07:00:00 GMT'],
				['content-type', 'application/json'],
			],
			body: '{"id":"xfr-1","status":"Pending"}',
		},
		body: {id: 'xfr-1', status: 'Pending'},
		jwts: [
			decoded(secrets.dfnsJwt, 'header:Authorization', {
				expiresAt: '2025-03-02T08:00:00.000Z',
				issuedAt: '2025-03-01T08:00:00.000Z',
				expired: false,
			}),
		],
		referenceTime: {iso: '2025-03-02T07:00:00.000Z', source: 'date-header'},
		notes: [],
	},
	providerCandidates: [],
	provider: {id: 'dfns', name: 'Dfns', confidence: 'high', reasons: ['host api.dfns.io', 'header X-DFNS-USERACTION']},
	reading: {...noReading, format: 'dfns', status: 202},
	status: 202,
	statusTitle: 'Accepted',
	statusSource: 'response',
	explanation: {
		title: 'Policy approval pending (not an error)',
		summary:
			'Dfns accepted the request, but a policy requires approval before it completes. Nothing failed; the SDKs report this as PolicyPendingError.',
		causes: ['A policy on this wallet or activity requires approval.'],
		solutions: ['Have an approver approve or deny the pending request, then poll the transfer.'],
		docs: 'https://docs.dfns.co/api-reference/errors#policy-pending-202',
		notes: [],
	},
	checks: [],
};

/** OAuth 2.0 token endpoint error from a provider errdoctor does not know. */
export const oauthUnknown: Diagnosis = {
	evidence: {
		kinds: ['curl-command', 'http-response'],
		request: {
			method: 'POST',
			url: 'https://login.example.net/oauth2/token',
			headers: [
				['Authorization', `Basic ${secrets.oauthBasic}`],
				['Content-Type', 'application/x-www-form-urlencoded'],
			],
			body: 'grant_type=refresh_token&refresh_token=rt_x',
			unexpanded: [],
		},
		curl: null,
		response: {
			status: 400,
			statusText: 'Bad Request',
			httpVersion: 'HTTP/1.1',
			headers: [
				['Content-Type', 'application/json'],
				['Cache-Control', 'no-store'],
			],
			body: '{"error":"invalid_grant"}',
		},
		body: {error: 'invalid_grant', error_description: 'Refresh token expired or revoked'},
		jwts: [],
		referenceTime: {iso: '2025-05-20T12:34:56.000Z', source: 'clock'},
		notes: [],
	},
	providerCandidates: [],
	provider: null,
	reading: {
		...noReading,
		format: 'oauth2',
		status: null,
		code: 'invalid_grant',
		message: 'Refresh token expired or revoked',
	},
	status: 400,
	statusTitle: 'Bad Request',
	statusSource: 'response',
	explanation: {
		title: 'Invalid grant',
		summary: 'The authorization server rejected the grant: the code or refresh token is invalid, expired or revoked.',
		causes: ['The refresh token expired or was revoked', 'An authorization code was used twice'],
		solutions: ['Start the authorization flow again to get a new refresh token.'],
		docs: 'RFC 6749 › 5.2 Error Response',
		notes: [],
	},
	checks: [{id: 'auth.format', result: 'pass', message: 'Authorization uses the Basic scheme with one credential.'}],
};

/** DGuard 429 from `curl -v`: a retry check, a passed check and the provider's checklist. */
export const dguard429: Diagnosis = {
	evidence: {
		kinds: ['curl-verbose'],
		request: {
			method: 'POST',
			url: 'https://api.dguard.ai/v1/fraud/transactions/batch',
			headers: [['Authorization', `Bearer ${secrets.dguardBearer}`]],
			body: null,
			unexpanded: [],
		},
		curl: null,
		response: {
			status: 429,
			statusText: 'Too Many Requests',
			httpVersion: 'HTTP/1.1',
			headers: [
				['Retry-After', '60'],
				['X-RateLimit-Remaining', '0'],
			],
			body: '{"error_code":"FRAUD_005"}',
		},
		body: {error_code: 'FRAUD_005'},
		jwts: [],
		referenceTime: {iso: '2025-01-14T18:00:00.000Z', source: 'body'},
		notes: [],
	},
	providerCandidates: [],
	provider: {
		id: 'dguard',
		name: 'DGuard',
		confidence: 'high',
		reasons: ['code vocabulary FRAUD_005', 'host api.dguard.ai'],
	},
	reading: {
		...noReading,
		format: 'dguard',
		status: null,
		code: 'FRAUD_005',
		message: 'Rate limit exceeded',
		requestId: 'req_abc123',
		timestamp: '2025-01-14T18:00:00Z',
	},
	status: 429,
	statusTitle: 'Too Many Requests',
	statusSource: 'response',
	explanation: {
		title: 'Fraud detection rate limit exceeded',
		summary: 'Too many fraud detection calls in the current window.',
		causes: ['Calls are sent faster than the plan allows'],
		solutions: ['Wait until 2025-01-14T18:01:00Z (60 s), then retry with exponential backoff.'],
		docs: '003_ab5acf360a86458d.txt › Fraud Detection Errors (FRAUD_)',
		notes: [],
	},
	checks: [
		{
			id: 'ratelimit.retry',
			result: 'warn',
			message: 'Retry-After: 60 → retry at 2025-01-14T18:01:00Z (in 60 s).',
		},
		{id: 'checklist', result: 'manual', message: 'Log the request_id with every error response.'},
		{id: 'header.missing', result: 'pass', message: 'Authorization is present.'},
	],
};

/** Terminal and Markdown attacks planted in every untrusted field. */
export const hostile = {
	clear: '\u001B[2J',
	clipboard: '\u001B]52;c;AAAA\u0007',
	bidi: '\u202E',
	text: 'pwned \u001B[2J then \u001B]52;c;AAAA\u0007 and \u202Ereversed',
	markdown:
		'<img src=x onerror=alert(1)> [click](https://evil.example) ![i](https://evil.example/i.png) `x` *b* _i_ | t',
} as const;

const evil = `${hostile.text} ${hostile.markdown}`;

const hostileEvidence: Evidence = {
	...dakota401.evidence,
	request: {
		method: 'GET',
		url: `https://api.platform.dakota.xyz/${hostile.text}`,
		headers: [[`X-Evil${hostile.clear}`, evil]],
		body: null,
		unexpanded: [],
	},
	response: {...dakota401.evidence.response!, headers: [['X-Evil', evil]]},
	jwts: [
		decoded(mintJwt({iss: evil, sub: evil, aud: [evil]}, {alg: hostile.text}, signature), `body:$.${hostile.text}`, {
			issues: [evil],
		}),
	],
	notes: [evil],
};

/** Every string that comes from the input carries escape sequences, bidi controls and Markdown/HTML. */
export const hostileDiagnosis: Diagnosis = {
	...dakota401,
	evidence: hostileEvidence,
	providerCandidates: [],
	provider: {...dakota401.provider!, reasons: [evil]},
	reading: {
		...dakota401.reading,
		code: evil,
		message: evil,
		requestId: evil,
		fieldErrors: [{field: evil, message: evil, code: evil}],
	},
	explanation: {...dakotaExplanation, notes: [evil]},
	checks: [
		{id: 'header.name', result: 'fail', message: evil},
		{id: 'checklist', result: 'manual', message: evil},
	],
};

/** All samples, for tests that hold for every diagnosis. */
export const samples: Readonly<Record<string, Diagnosis>> = {
	dakota401,
	dakotaValidation,
	dfns202,
	oauthUnknown,
	dguard429,
	hostileDiagnosis,
};
