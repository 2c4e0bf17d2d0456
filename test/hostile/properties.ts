/*
Issue #7 item 3: properties over any text. Every parser and the whole pipeline are total (a typed result, never an
exception), escaping and redaction are idempotent, and no output holds a forbidden character. Each property takes one
string, so a counterexample found by `npm run fuzz` can be saved as JSON and replayed (replay.test.ts).
*/
import fc from 'fast-check';
import {escapeForTerminal, escapeInline, hasForbiddenControl, toSafeJson} from '../../source/core/escape.js';
import {diagnose} from '../../source/core/diagnose.js';
import {readError} from '../../source/core/formats/index.js';
import {decodeJwt} from '../../source/core/jwt/decode.js';
import {splitParts} from '../../source/core/parts/index.js';
import {findCurlCommands, parseCurlCommand} from '../../source/core/parts/curl.js';
import {parseCurlVerbose} from '../../source/core/parts/curl-verbose.js';
import {harEntries, isHar} from '../../source/core/parts/har.js';
import {findHttpResponses, parseHeaderLine, parseStatusLine} from '../../source/core/parts/http-response.js';
import {findJsonValues, parseLenientJson} from '../../source/core/parts/json.js';
import {findJwtTokens, isBareJwtPaste, looksLikeJwt} from '../../source/core/parts/jwt-token.js';
import {redactHeaderValue, redactJson, redactText, redactUrl} from '../../source/core/redact/index.js';
import {renderJson} from '../../source/render/json.js';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {SECTIONS} from '../../source/core/config/config.js';
import {sectionLines} from '../../source/render/layout.js';
import {catalogs} from '../helpers/catalogs.js';
import {mintJwt} from '../helpers/jwt.js';
import {findForbidden} from './corpus.js';
import {showDiagnosis} from '../../source/render/shown.js';

/** `FUZZ_RUNS` and `FUZZ_SEED` from the environment: `npm test` uses the defaults, `npm run fuzz` many more runs. */
export const fuzzRuns = Number(process.env['FUZZ_RUNS'] ?? 2000);
export const fuzzSeed = Number(process.env['FUZZ_SEED'] ?? 20_250_114);

// ---- generators: bounded, so a run's time is predictable ----

const maxLength = 240;
const anyCodeUnit = fc.integer({min: 0, max: 0xff_ff}).map((code) => String.fromCharCode(code));
const controls = fc.constantFrom(
	'\u001B',
	'\u009B',
	'\u009D',
	'\u0007',
	'\r',
	'\b',
	'\u0000',
	'\u007F',
	'\u202E',
	'\u2028',
);

function soup(pieces: readonly string[], length = 40): fc.Arbitrary<string> {
	return fc
		.array(fc.oneof({weight: 4, arbitrary: fc.constantFrom(...pieces)}, fc.string({maxLength: 6}), controls), {
			maxLength: length,
		})
		.map((parts) => parts.join(''));
}

const curlPieces = [
	'curl ',
	'curl.exe ',
	'$ curl ',
	'-X POST ',
	'-H ',
	'-b ',
	'-u ',
	'-d ',
	'--data-raw ',
	'--json ',
	'--url ',
	"'",
	'"',
	"$'",
	'\\\n',
	'^\n',
	'`\n',
	'^"',
	'\\"',
	"'\\''",
	'https://api.dfns.io/wallets?x=1',
	'https://user:pa55@api.example.com',
	'Authorization: Bearer ',
	'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
	'x-api-key: ',
	'$TOKEN',
	'$(cat key)',
	'${KEY}',
	' | jq',
	' > out.txt',
	' ',
	'\n',
	'{"a":1}',
];

const httpPieces = [
	'HTTP/1.1 401 Unauthorized\n',
	'HTTP/2 429\n',
	'HTTP/1.1 100 Continue\n\n',
	'Content-Type: application/problem+json\n',
	'Retry-After: 60\n',
	'Date: Tue, 14 Jan 2025 18:00:00 GMT\n',
	'Set-Cookie: a=b; HttpOnly\n',
	'* Connected to x\n',
	'> GET / HTTP/1.1\n',
	'> Host: api.dguard.ai\n',
	'< HTTP/1.1 500 Oops\n',
	'< X: y\n',
	'<\n',
	'>\n',
	'\n',
	'\r\n',
	': ',
	'{"error_code":"FRAUD_005"}',
];

const jsonPieces = [
	'{',
	'}',
	'[',
	']',
	'"',
	"'",
	':',
	',',
	'\\',
	'\\"',
	'\\u001b',
	'\\ud800',
	' ',
	'\n',
	'1',
	'-1e999',
	'true',
	'None',
	'"error"',
	'"message"',
	'"code"',
	'"type"',
	'"errors"',
	'"log"',
	'"entries"',
	'"request"',
	'"response"',
	'"status"',
	'401',
	'"password"',
	'"__proto__"',
	'//',
	'/*',
	'%',
	'\uFEFF',
];

// Recognisable pastes with arbitrary text in their fields, so the renderers see every kind of content.
const templates: ReadonlyArray<(a: string, b: string) => string> = [
	(a, b) => JSON.stringify({error: {code: a, message: b, request_id: a, status: 401}}),
	(a, b) =>
		`{"type":"https://x.example/#${a}","title":${JSON.stringify(b)},"status":401,` +
		`"errors":[{"field":${JSON.stringify(a)},"message":${JSON.stringify(b)}}]}`,
	(a, b) => `HTTP/1.1 401 ${a}\nContent-Type: application/json\nX-${a}: ${b}\n\n{"message":${JSON.stringify(b)}}`,
	(a, b) => `curl -H 'Authorization: Bearer ${a}' 'https://api.dfns.io/${b}'\n{"error":${JSON.stringify(a)}}`,
	(a, b) =>
		`> GET /${a} HTTP/1.1\n> Host: api.dguard.ai\n> Cookie: s=${b}\n< HTTP/1.1 429 ${b}\n< Retry-After: ${a}\n<\n`,
	(a, b) => `Bearer ${mintJwt({iss: a, sub: b, aud: [a], exp: b}, {alg: a, kid: b}, 'c2ln')}`,
	(a, b) =>
		JSON.stringify({
			log: {
				entries: [
					{
						request: {method: a, url: `https://api.dfns.io/${b}`, headers: [{name: a, value: b}]},
						response: {status: 403, headers: [{name: b, value: a}], content: {text: b}},
					},
				],
			},
		}),
];

const templated = fc
	.tuple(
		fc.nat({max: templates.length - 1}),
		fc.string({unit: anyCodeUnit, maxLength: 40}),
		fc.oneof(fc.string({maxLength: 40}), soup(jsonPieces, 10)),
	)
	.map(([index, a, b]) => templates[index]!(a, b));

/** Any text: ASCII-heavy, every UTF-16 code unit (lone surrogates too), full Unicode, UTF-8 bytes decoded, and near-
 *  valid pastes of every kind errdoctor reads. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
	fc.string({maxLength}),
	fc.string({unit: anyCodeUnit, maxLength}),
	fc.string({unit: 'binary', maxLength}),
	fc.uint8Array({maxLength}).map((bytes) => new TextDecoder().decode(bytes)),
	soup(curlPieces),
	soup(httpPieces),
	soup(jsonPieces, 60),
	fc.tuple(soup(curlPieces, 15), soup(httpPieces, 15), soup(jsonPieces, 20)).map((parts) => parts.join('\n')),
	{weight: 3, arbitrary: templated},
);

// ---- properties ----

function fail(message: string): never {
	throw new Error(message);
}

function expectArray(value: unknown, what: string): void {
	if (!Array.isArray(value)) fail(`${what} returned ${typeof value}, not an array`);
}

function expectNoForbidden(output: string, what: string, allowOwnColor = false): void {
	const found = findForbidden(output, {allowOwnColor});
	if (found !== null) fail(`${what}: ${found}`);
}

const now = '2025-01-14T18:00:00Z';

// Issue 12 class 2: secrets of the shapes that used to be missed, and where they were missed. A property plants one
// (chosen from the input's length, so a saved counterexample replays the same way) between lines of arbitrary text.
const plantedJwt = mintJwt({sub: 'usr_8c2f41'}, {alg: 'HS256'}, 'Q2hlY2tlZE5vd2hlcmVIZXJlN2ZRa1p3eEw');
const planted: ReadonlyArray<{readonly written: string; readonly secret: string}> = [
	{written: plantedJwt, secret: plantedJwt},
	{written: 'xoxc-2048-4096-Zq8Lm3Wp7XvT8Ry2Hd9K', secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K'},
	{written: 'ya29.a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm', secret: 'a0AfH6SMBx3Zq8Lm3Wp7XvT8Ry2Hd9Kq2Lm'},
	{written: 'X-Client-Key: Zq8Lm3Wp7XvT8Ry2Hd9K', secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K'},
	{written: "{'X-Hmac': 'Zq8Lm3Wp7XvT8Ry2Hd9K'}", secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K'},
	{written: 'AccountName=acct;AccountKey=Zq8Lm3Wp7XvT8Ry2Hd9K==;', secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K'},
	{
		written: 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
		secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	},
	{written: 'seed phrase: abandon ability able about above absent', secret: 'abandon ability able about'},
	{written: 'https://svc:p@ssZq8Lm3Wp7Xv@db.example.com/x', secret: 'ssZq8Lm3Wp7Xv'},
	{written: '{"value": "Zq8Lm3Wp7XvT8Ry2Hd9K", "name": "X-Auth"}', secret: 'Zq8Lm3Wp7XvT8Ry2Hd9K'},
];
const placements: ReadonlyArray<(written: string) => string> = [
	(written) => written,
	(written) => `https://app.example.com/login?next=${encodeURIComponent(`https://app.example.com/cb?x=${written}`)}`,
	(written) => `${written.slice(0, Math.ceil(written.length / 2))}\n${written.slice(Math.ceil(written.length / 2))}`,
];

function plantedIn(input: string): {readonly text: string; readonly secret: string} {
	const {written, secret} = planted[input.length % planted.length]!;
	const place = placements[Math.floor(input.length / planted.length) % placements.length]!;
	// Wrapping a value that holds spaces or a name is not what a terminal does to a token: only bare tokens wrap.
	const text = place === placements[2] && /[\s:={@]/.test(written) ? written : place(written);
	// A blank line before: a token that starts a line right after a line ending in a token character, wrapped
	// before the shape is recognisable, is not read across the wrap (text.ts reads each line in one piece only).
	return {text: `${input}\n\n${text} \n${input}`, secret};
}

/** A property: `check` throws on a counterexample. */
export type Property = {readonly name: string; readonly check: (input: string) => void};

export const PROPERTIES: readonly Property[] = [
	{
		name: 'parsers-total',
		check(input) {
			expectArray(findCurlCommands(input), 'findCurlCommands');
			const command = parseCurlCommand(input);
			if (command !== null && typeof command.request.url !== 'string') fail('parseCurlCommand: no url string');
			const verbose = parseCurlVerbose(input);
			if (verbose !== null) expectArray(verbose.responses, 'parseCurlVerbose responses');
			const responses = findHttpResponses(input);
			if (responses !== null) expectArray(responses.responses, 'findHttpResponses');
			parseStatusLine(input);
			parseHeaderLine(input);
			expectArray(findJsonValues(input), 'findJsonValues');
			const lenient = parseLenientJson(input);
			if (lenient !== null) {
				isHar(lenient.value);
				expectArray(harEntries(lenient.value), 'harEntries');
			}

			expectArray(findJwtTokens(input), 'findJwtTokens');
			const bare = isBareJwtPaste(input);
			if (bare !== null && typeof bare !== 'string') fail('isBareJwtPaste: not a string');
			looksLikeJwt(input);
			expectArray(splitParts(input), 'splitParts');
		},
	},
	{
		name: 'formats-total',
		check(input) {
			const readings = [readError(input), readError(input, 'application/problem+json')];
			const parsed = parseLenientJson(input);
			if (parsed !== null) readings.push(readError(parsed.value, 'application/json'));
			for (const reading of readings) {
				if (typeof reading.format !== 'string') fail('readError: no format');
				if (reading.crash) fail(`readError: a reader crashed: ${reading.crash.message}`);
				expectArray(reading.fieldErrors, 'readError fieldErrors');
			}
		},
	},
	{
		name: 'jwt-decode-total',
		check(input) {
			const token = input.trim();
			const decoded = decodeJwt(token, 'paste', now);
			expectArray(decoded.issues, 'decodeJwt issues');
			const payload = Buffer.from(input).toString('base64url');
			decodeJwt(`eyJhbGciOiJub25lIn0.${payload}.`, 'paste', now);
		},
	},
	{
		name: 'pipeline-total-and-safe',
		check(input) {
			const diagnosis = diagnose(input, {catalogs, now});
			if (diagnosis === null) return;
			expectNoForbidden(renderText(showDiagnosis(diagnosis), {color: false, width: 60}), 'text');
			expectNoForbidden(
				renderText(showDiagnosis(diagnosis, {showSecrets: true}), {color: true, width: 100}),
				'text, colour',
				true,
			);
			expectNoForbidden(renderMarkdown(showDiagnosis(diagnosis), new Set([0, 1])), 'markdown');
			const json = renderJson(showDiagnosis(diagnosis));
			expectNoForbidden(json, 'json');
			JSON.parse(json);
			for (const section of SECTIONS) {
				const {lines} = sectionLines(showDiagnosis(diagnosis), section, 60, {
					focus: {selected: 0, ticked: new Set(), interactive: true},
					input,
				});
				expectNoForbidden(lines.map((line) => line.map((segment) => segment.text).join('')).join('\n'), section);
			}
		},
	},
	{
		name: 'escape-idempotent-and-safe',
		check(input) {
			for (const escape of [escapeForTerminal, escapeInline]) {
				const once = escape(input);
				if (escape(once) !== once) fail(`${escape.name} is not idempotent`);
				if (hasForbiddenControl(once)) fail(`${escape.name} leaves a forbidden character`);
				expectNoForbidden(once, escape.name);
			}

			const json = toSafeJson({input, nested: [input]});
			expectNoForbidden(json, 'toSafeJson');
			if ((JSON.parse(json) as {input: string}).input !== input) fail('toSafeJson changed the text');
		},
	},
	{
		name: 'redaction-catches-planted-secrets',
		check(input) {
			const {text, secret} = plantedIn(input);
			const once = redactText(text);
			// A piece the arbitrary text holds itself (a JWT header is often the same) proves nothing.
			const piece = Array.from({length: secret.length - 7}, (_, index) => secret.slice(index, index + 8)).find(
				(candidate) => once.includes(candidate) && !input.includes(candidate),
			);
			if (piece !== undefined) fail(`redactText leaves ${JSON.stringify(piece)} of a planted secret`);
			if (redactText(once) !== once) fail('redactText is not idempotent on a planted secret');
		},
	},
	{
		name: 'redaction-idempotent',
		check(input) {
			const once = redactText(input);
			if (redactText(once) !== once) fail('redactText is not idempotent');
			const url = redactUrl(input);
			if (redactUrl(url) !== url) fail('redactUrl is not idempotent');
			for (const name of ['Authorization', 'Cookie', 'Set-Cookie', 'X-Request-Id']) {
				const value = redactHeaderValue(name, input);
				if (redactHeaderValue(name, value) !== value) fail(`redactHeaderValue(${name}) is not idempotent`);
			}

			const parsed = parseLenientJson(input);
			if (parsed !== null) {
				const json = JSON.stringify(redactJson(parsed.value));
				if (JSON.stringify(redactJson(JSON.parse(json))) !== json) fail('redactJson is not idempotent');
			}
		},
	},
];
