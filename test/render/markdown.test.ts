import test from 'ava';
import {renderMarkdown} from '../../source/render/markdown.js';
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

const lines = (markdown: string): string[] => markdown.split('\n');

for (const [name, diagnosis] of Object.entries(samples)) {
	test(`${name}: no secret, no piece of one and no JWT reaches the Markdown`, (t) => {
		const output = renderMarkdown(showDiagnosis(diagnosis), new Set([0, 1, 2, 3, 4]));
		for (const secret of Object.values(secrets)) {
			for (const piece of pieces(secret)) {
				t.false(output.includes(piece), `${piece} of ${secret.slice(0, 4)}… leaked`);
			}
		}

		t.notRegex(output, /eyJ[\w-]{5,}\.[\w-]{2,}\.[\w-]+/);
	});

	test(`${name}: no control byte or bidi control`, (t) => {
		t.notRegex(
			renderMarkdown(showDiagnosis(diagnosis)),
			/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/,
		);
	});
}

test('a title line and the facts a ticket needs', (t) => {
	t.deepEqual(lines(renderMarkdown(showDiagnosis(dakota401))).slice(0, 10), [
		'## Dakota 401 Unauthorized: Authentication Required',
		'',
		'- **Provider:** Dakota (high confidence)',
		'- **Format:** problem-details',
		'- **Status:** 401 Unauthorized',
		'- **Code:** authentication-error',
		String.raw`- **Request ID:** req\_7f3a8b2c`,
		'- **Reference time:** 2025-01-14T18:00:00.000Z (from the response Date header)',
		String.raw`- **Message:** API key sk\_l…\[redacted, 36 chars\] is not active for this organization.`,
		'',
	]);
	const oauth = lines(renderMarkdown(showDiagnosis(oauthUnknown)));
	t.is(oauth[0], '## Unknown provider 400 Bad Request: Invalid grant');
	t.true(oauth.includes('- **Provider:** unknown'));
	t.true(oauth.includes('- **Request ID:** none'));
	t.is(
		lines(renderMarkdown(showDiagnosis(dfns202)))[0],
		'## Dfns 202 Accepted: Policy approval pending (not an error)',
	);
	t.true(
		renderMarkdown(showDiagnosis(dfns202)).includes(
			'**Docs:** <https://docs.dfns.co/api-reference/errors#policy-pending-202>',
		),
	);
});

test('checks are task items: automatic ones ticked, manual ones only when the user ticked them', (t) => {
	const checks = (ticked?: ReadonlySet<number>) =>
		lines(renderMarkdown(showDiagnosis(dakota401), ticked)).filter((line) => line.startsWith('- ['));
	t.deepEqual(checks(), [
		'- [x] ⚠ **warn** `header.casing`: `X-Api-Key` is sent; Dakota documents `x-api-key`.',
		'- [x] ✖ **fail** `jwt.expired`: The JWT in cookie:session expired at 2025-01-10T10:00:00Z, 4 d 8 h before the request.',
		'- [x] ✔ **pass** `environment.mismatch`: Live key sent to the production host.',
		'- [ ] ? **manual** Verify the API key is active in the Dakota dashboard.',
		'- [ ] ? **manual** Verify the key belongs to this organisation.',
	]);
	// Positions are those of diagnosis.checks: 4 is the second checklist item.
	t.deepEqual(checks(new Set([4])).slice(3), [
		'- [ ] ? **manual** Verify the API key is active in the Dakota dashboard.',
		'- [x] ? **manual** Verify the key belongs to this organisation.',
	]);
	t.deepEqual(
		lines(renderMarkdown(showDiagnosis(dguard429))).filter((line) => line.startsWith('- [')),
		[
			'- [x] ⚠ **warn** `ratelimit.retry`: Retry-After: 60 → retry at 2025-01-14T18:01:00Z (in 60 s).',
			'- [x] ✔ **pass** `header.missing`: Authorization is present.',
			String.raw`- [ ] ? **manual** Log the request\_id with every error response.`,
		],
	);
});

test('field errors, tokens and the redacted request as a fenced block', (t) => {
	const validation = renderMarkdown(showDiagnosis(dakotaValidation));
	t.true(
		validation.includes(
			String.raw`- **bank\_account.routing\_number:** Routing number must be exactly 9 digits (invalid\_format)`,
		),
	);
	t.true(validation.includes('- **email:** Invalid email address format\n'));
	t.false(validation.includes('### Request'));

	const output = renderMarkdown(showDiagnosis(dakota401));
	t.true(
		output.includes(
			String.raw`- cookie:session · alg RS256 · kid dk-2024-11 · iss https\://auth.platform.dakota.xyz · aud api.platform.dakota.xyz · exp 2025-01-10T10:00:00.000Z · **expired**`,
		),
	);
	t.true(
		output.includes(
			[
				'### Request (redacted)',
				'',
				'```http',
				'POST https://api.platform.dakota.xyz/customers?api_key=[redacted]',
				'X-Api-Key: sk_l…[redacted, 36 chars]',
				'Content-Type: application/json',
				'Cookie: session=[redacted]; theme=[redacted]',
				'```',
			].join('\n'),
		),
	);
	t.true(output.includes(['```http', 'HTTP 401 Unauthorized', 'Date: Tue, 14 Jan 2025 18:00:00 GMT'].join('\n')));
	t.true(renderMarkdown(showDiagnosis(oauthUnknown)).includes('Authorization: Basic Y2xp…[redacted, '));
});

test('a fence is longer than any backtick run inside it', (t) => {
	const fenceBreaker = {
		...dguard429,
		evidence: {
			...dguard429.evidence,
			request: {...dguard429.evidence.request!, headers: [['X-Note', 'a ````` b\n```\n# heading'] as const]},
		},
	};
	const output = lines(renderMarkdown(showDiagnosis(fenceBreaker)));
	const open = output.indexOf('``````http');
	t.not(open, -1);
	t.is(output[open + 2], 'X-Note: a ````` b␊```␊# heading');
	t.is(output[open + 3], '``````');
});

test('pasted text cannot inject links, images, HTML, entities or markup', (t) => {
	const output = renderMarkdown(showDiagnosis(hostileDiagnosis));
	const outsideFences = output.replaceAll(/^(`{3,})http\n[\s\S]*?\n\1$/gm, '');
	t.notRegex(outsideFences, /(?<!\\)<img/);
	t.false(outsideFences.includes('[click]('));
	t.false(outsideFences.includes('https://evil'));
	t.false(outsideFences.includes('![i]'));
	t.true(outsideFences.includes(String.raw`\<img src=x onerror=alert(1)\> \[click\](https\://evil.example)`));
	t.true(outsideFences.includes(String.raw`\*b\* \_i\_ \| t`));
	t.true(outsideFences.includes('␛[2J') || outsideFences.includes(String.raw`␛\[2J`));
	t.false(output.includes('\u001B'));
	t.false(output.includes(hostile.bidi));

	const entity = {...dakota401, reading: {...dakota401.reading, message: '&#8238; &lt;b&gt; www.evil.example'}};
	t.true(
		renderMarkdown(showDiagnosis(entity)).includes(String.raw`- **Message:** \&\#8238; \&lt;b\&gt; www\.evil.example`),
	);
	const blockStart = {
		...dakota401,
		explanation: {...dakota401.explanation, summary: '1. not a list', causes: ['- nested', '# heading']},
	};
	const markdown = renderMarkdown(showDiagnosis(blockStart));
	t.true(markdown.includes(String.raw`1\. not a list`));
	t.true(markdown.includes(String.raw`- \- nested`));
	t.true(markdown.includes(String.raw`- \# heading`));
});
