import test from 'ava';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {visibleWidth} from '../../source/render/wrap.js';
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

const plain = (diagnosis = dakota401, width = 80) => renderText(showDiagnosis(diagnosis), {color: false, width});

function section(output: string, title: string): string[] {
	const lines = output.split('\n');
	const start = lines.indexOf(title);
	// A section heading (── Checks ──) is followed by a blank line; a heading inside a section is not.
	const from = lines[start + 1] === '' ? start + 2 : start + 1;
	const end = lines.indexOf('', from);
	return start === -1 ? [] : lines.slice(from, end === -1 ? undefined : end);
}

for (const [name, diagnosis] of Object.entries(samples)) {
	test(`${name}: no ESC byte without colour, no raw control or bidi character ever`, (t) => {
		for (const color of [false, true]) {
			for (const showSecrets of [false, true]) {
				const output = renderText(showDiagnosis(diagnosis, {showSecrets}), {color, width: 80});
				const withoutSgr = output.replaceAll(/\u001B\[\d+m/g, '');
				t.false(withoutSgr.includes('\u001B'));
				t.notRegex(withoutSgr, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
				if (!color) {
					t.false(output.includes('\u001B'));
				}
			}
		}
	});

	for (const width of [80, 60, 40]) {
		test(`${name}: every line fits in ${width} columns`, (t) => {
			for (const color of [false, true]) {
				for (const line of renderText(showDiagnosis(diagnosis), {color, width}).split('\n')) {
					t.true(visibleWidth(line) <= width, `${visibleWidth(line)} > ${width}: ${line}`);
				}
			}
		});
	}

	test(`${name}: secrets are redacted unless asked for`, (t) => {
		const output = plain(diagnosis);
		for (const secret of Object.values(secrets)) {
			for (const piece of pieces(secret)) {
				t.false(output.includes(piece), `${piece} of ${secret.slice(0, 4)}… leaked`);
			}
		}
	});
}

test('colour adds SGR sequences and nothing else', (t) => {
	const colored = renderText(showDiagnosis(dakota401), {color: true, width: 80});
	t.regex(colored, /\u001B\[1mDakota\u001B\[22m/);
	t.regex(colored, /\u001B\[31m401 Unauthorized\u001B\[39m/);
	t.regex(colored, /\u001B\[31m✖\u001B\[39m/);
	t.regex(colored, /\u001B\[33m⚠\u001B\[39m/);
	t.regex(colored, /\u001B\[32m✔\u001B\[39m/);
	t.is(colored.replaceAll(/\u001B\[\d+m/g, ''), plain());
	t.regex(renderText(showDiagnosis(dfns202), {color: true, width: 80}), /\u001B\[32m202 Accepted\u001B\[39m/);
});

test('the header line names provider, format, status, code, request id and reference time', (t) => {
	const [header, second] = plain().split('\n');
	t.is(header, 'Dakota · problem-details · 401 Unauthorized · code authentication-error');
	t.is(second, 'request req_7f3a8b2c · at 2025-01-14T18:00:00Z (from the response Date header)');
	t.is(plain(dakota401, 200).split('\n')[0], `${header} · ${second}`);
	t.is(plain(oauthUnknown).split('\n')[0], 'Unknown provider · oauth2 · 400 Bad Request · code invalid_grant');
	t.is(
		plain(dakotaValidation, 120).split('\n')[0],
		'Dakota · problem-details · 400 Bad Request (from the error body) · code validation-error · request req_8d4b2e1f',
	);
});

test('sections come in reading order, each under its heading', (t) => {
	const output = plain();
	const order = [
		'── Summary',
		'Authentication Required',
		'Message: API key',
		'Likely causes',
		'What to do',
		'Docs',
		'Notes',
		'Provider',
		'── Checks',
		'── Tokens',
		'── Request and response',
		'Request, as sent (secrets redacted)',
		'Response',
	].map((title) => output.indexOf(`\n${title}`));
	t.false(order.includes(-1));
	t.deepEqual(
		order,
		[...order].sort((a, b) => a - b),
	);
	t.true(plain(dakotaValidation).indexOf('\nField errors') < plain(dakotaValidation).indexOf('\nProvider'));
	t.false(plain(dakotaValidation).includes('── Tokens'), 'no Tokens section without a token');
});

test('checks show their symbols, automatic ones before the checklist, manual ones as boxes', (t) => {
	t.deepEqual(section(plain(), '── Checks ──────────────────────────────'), [
		'  ⚠ header.casing: `X-Api-Key` is sent; Dakota documents `x-api-key`.',
		'  ✖ jwt.expired: The JWT in cookie:session expired at 2025-01-10T10:00:00Z, 4 d',
		'    8 h before the request.',
		'  ✔ environment.mismatch: Live key sent to the production host.',
		'  ? [ ] Verify the API key is active in the Dakota dashboard.',
		'  ? [ ] Verify the key belongs to this organisation.',
	]);
});

test('decoded JWTs show the header indented, the claims, and times against the reference time', (t) => {
	const tokens = section(plain(), 'Token from cookie:session');
	t.deepEqual(tokens, [
		'  Header',
		'    {',
		'      "alg": "RS256",',
		'      "typ": "JWT",',
		'      "kid": "dk-2024-11"',
		'    }',
		'  Claims',
		'    iss: https://auth.platform.dakota.xyz',
		'    sub: usr_8c2f41',
		'    aud: api.platform.dakota.xyz',
		'    iat: 1736499600',
		'    exp: 1736503200',
		'  expires 2025-01-10T10:00:00.000Z, 4 d 8 h before the reference time: expired',
		'  issued 2025-01-10T09:00:00.000Z, 4 d 9 h before the reference time',
	]);
	t.true(plain(dfns202).includes('  expires 2025-03-02T08:00:00.000Z, 1 h after the reference time: valid'));
	t.false(plain().includes(secrets.dakotaJwt.split('.')[1]!));
});

test('the request is listed as sent, redacted unless showSecrets', (t) => {
	t.deepEqual(section(plain(), 'Request, as sent (secrets redacted)'), [
		'  POST https://api.platform.dakota.xyz/customers?api_key=[redacted]',
		'  X-Api-Key: sk_l…[redacted, 36 chars]',
		'  Content-Type: application/json',
		'  Cookie: session=[redacted]; theme=[redacted]',
	]);
	const revealed = renderText(showDiagnosis(dakota401, {showSecrets: true}), {color: false, width: 200});
	t.deepEqual(section(revealed, 'Request, as sent (secrets shown)').slice(0, 2), [
		`  POST https://api.platform.dakota.xyz/customers?api_key=${secrets.dakotaKey}`,
		`  X-Api-Key: ${secrets.dakotaKey}`,
	]);
	t.true(revealed.includes(`Message: API key ${secrets.dakotaKey} is not active`));
	t.deepEqual(section(plain(dguard429), 'Response'), [
		'  HTTP/1.1 429 Too Many Requests',
		'  Retry-After: 60',
		'  X-RateLimit-Remaining: 0',
	]);
});

test('provider and input notes close the summary', (t) => {
	t.deepEqual(section(plain(), 'Provider'), [
		'  Dakota, high confidence',
		'  • host api.platform.dakota.xyz',
		'  • problem+json body',
		'  • request_id shape req_…',
	]);
	t.deepEqual(section(plain(oauthUnknown), 'Provider'), [
		'  Unknown: no provider signal matched; read as the oauth2 format',
	]);
	t.deepEqual(section(plain(dakotaValidation), 'About the input'), [
		'  • Only a body was pasted, so the status line and headers are missing. To',
		'    capture them, run curl with -si.',
	]);
	t.deepEqual(section(plain(dakotaValidation), 'Field errors'), [
		'  • bank_account.routing_number: Routing number must be exactly 9 digits',
		'    (invalid_format)',
		'  • email: Invalid email address format',
	]);
});

test('a 2xx diagnosis reads as not an error', (t) => {
	const output = plain(dfns202);
	t.is(output.split('\n')[0], 'Dfns · dfns · 202 Accepted');
	t.true(output.includes('\nPolicy approval pending (not an error)\n'));
	t.false(output.includes('Message:'));
	t.false(output.includes('── Checks'));
});

test('escape sequences, OSC 52 and bidi overrides in the input are shown, not obeyed', (t) => {
	const output = plain(hostileDiagnosis);
	t.false(output.includes('\u001B'));
	t.false(output.includes('\u0007'));
	t.false(output.includes(hostile.bidi));
	t.true(output.includes('␛[2J'));
	t.true(output.includes('␛]52;c;AAAA␇'));
	t.true(output.includes(String.raw`\u{202E}reversed`));
	t.true(output.includes('X-Evil␛[2J: pwned'));
});

test('tabs in prose become spaces, so wrapping still holds', (t) => {
	const tabbed = {...dakota401, reading: {...dakota401.reading, message: 'a\tb\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tc'}};
	const output = renderText(showDiagnosis(tabbed), {color: false, width: 40});
	t.true(output.includes('Message: a    b'));
	t.false(output.includes('\t'));
});

test('with no provider named, the candidates are listed with their reasons and the flag that chooses one', (t) => {
	const unnamed = {
		...oauthUnknown,
		providerCandidates: [{id: 'dfns', reasons: ['message matches "Internal server error message"']}],
	};
	t.deepEqual(section(plain(unnamed, 120), 'Provider'), [
		'  Unknown: the evidence is too weak to name one; read as the oauth2 format',
		'  • could be dfns (message matches "Internal server error message"): --provider dfns',
	]);
	t.regex(renderMarkdown(showDiagnosis(unnamed)), /- \*\*Provider:\*\* unknown \(could be dfns\)/);
});
