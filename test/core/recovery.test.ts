/* Issue 13 §1: a paste with one defect is repaired and diagnosed, and the report says what was repaired. */
import {readFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {diagnose} from '../../source/core/diagnose.js';
import {scanKeys} from '../../source/core/parts/key-scan.js';
import {keyScanRepair} from '../../source/core/parts/recover.js';
import type {FormatId} from '../../source/core/types.js';
import {renderJson} from '../../source/render/json.js';
import {showDiagnosis} from '../../source/render/shown.js';
import {catalogs} from '../helpers/catalogs.js';
import {parseReport} from '../helpers/report.js';

type Case = {
	readonly file: string;
	readonly defect: string;
	readonly source: string;
	readonly format: FormatId;
	readonly code: string;
	readonly status: number | null;
	readonly repairs: readonly string[];
};

const fixtures = new URL('../fixtures/recovery/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Case[];
const options = {catalogs, now: '2025-03-04T11:00:00Z'};

for (const item of cases) {
	test(`${item.defect}: ${item.file} gives its code and names the repairs`, (t) => {
		const diagnosis = diagnose(readFileSync(new URL(item.file, fixtures), 'utf8'), options);
		t.truthy(diagnosis, 'nothing to diagnose');
		t.is(diagnosis?.reading.format, item.format);
		t.is(diagnosis?.reading.code, item.code);
		t.is(diagnosis?.status ?? null, item.status);
		t.deepEqual(diagnosis?.evidence.repairs ?? [], item.repairs);
		const report = parseReport<{input: {repairs?: string[]}}>(renderJson(showDiagnosis(diagnosis!)));
		t.deepEqual(report.input.repairs ?? [], item.repairs);
	});
}

test('a body that needs no repair keeps its report without input.repairs', (t) => {
	const diagnosis = diagnose('{"error": "invalid_grant", "error_description": "Bad code"}', options);
	t.is(diagnosis?.evidence.repairs, undefined);
	t.false('repairs' in parseReport<{input: object}>(renderJson(showDiagnosis(diagnosis!))).input);
});

test('the key scan finds code, message, status and request id in a body that will not parse', (t) => {
	t.like(
		scanKeys('{"errorCode": "VPN_001", "message": "Device limit reached", "status": 403, "requestId": "r-1", "x'),
		{
			format: 'unknown',
			code: 'VPN_001',
			message: 'Device limit reached',
			status: 403,
			requestId: 'r-1',
		},
	);
	t.like(scanKeys("{type: 'https://docs.dakota.xyz/errors/authentication-error', status: 401, detail: 'nope"), {
		code: 'authentication-error',
		status: 401,
	});
	t.is(scanKeys('a sentence with no keys at all'), null);
});

test('a repaired body that says neither code nor message is read as unknown, not guessed', (t) => {
	// Chrome's preview with the member collapsed: the shape of a Google or Stripe body, with nothing in it.
	const diagnosis = diagnose('{error: {…}, status: 401}', options);
	t.is(diagnosis?.reading.format, 'unknown');
	t.is(diagnosis?.reading.code, null);
});

test('what nothing can repair still ends in the key scan, marked as such', (t) => {
	const diagnosis = diagnose('{"error": {"code": 401 "message": "x", "status": "UNAUTHENTICATED" "oops', options);
	t.is(diagnosis?.reading.format, 'unknown');
	t.is(diagnosis?.reading.code, 'UNAUTHENTICATED');
	t.deepEqual(diagnosis?.evidence.repairs, [keyScanRepair]);
});

/* The property: any valid error body with any one defect of §1 applied keeps its code. */

const word = fc.stringMatching(/^[a-z]{2,12}(?: [a-z]{2,12}){1,4}$/);
const upper = fc.stringMatching(/^[A-Z]{3,11}(?:_[A-Z]{2,10}){0,2}$/);
const snake = fc.stringMatching(/^[a-z]{3,10}(?:_[a-z]{2,10}){0,2}$/);
const kebab = fc.stringMatching(/^[a-z]{3,10}(?:-[a-z]{2,10}){0,2}$/);
const status = fc.constantFrom(400, 401, 403, 404, 409, 422, 429, 500, 503);

type Shaped = {readonly body: Record<string, unknown>; readonly code: string};

/** Bodies in the shapes the catalogued providers and the generic formats use, each with a code. */
const bodies: fc.Arbitrary<Shaped> = fc.oneof(
	fc.record({type: kebab, status, message: word}).map(({type, status, message}) => ({
		body: {type: `https://docs.dakota.xyz/errors/${type}`, title: message, status, detail: message},
		code: type,
	})),
	fc.record({code: upper, message: word}).map(({code, message}) => ({
		body: {error_code: code, message, request_id: 'req_1a2b3c'},
		code,
	})),
	fc.record({code: upper, message: word, status}).map(({code, message, status}) => ({
		body: {error: {code, message, statusCode: status}},
		code,
	})),
	fc.record({error: snake, description: word}).map(({error, description}) => ({
		body: {error, error_description: description},
		code: error,
	})),
	fc.record({code: upper, message: word, status}).map(({code, message, status}) => ({
		body: {error: {code: status, message, status: code}},
		code,
	})),
);

type Defect = (json: string, pretty: string) => string;

/** An index in the middle of the first string value that holds a space (a message), in compact JSON. */
function insideLongString(json: string): number {
	const match = /":"([^" ]* [^"]*)"/.exec(json);
	return match ? match.index + 3 + Math.floor(match[1]!.length / 2) : -1;
}

const defects: Record<string, Defect> = {
	'unescaped quote'(json) {
		const at = insideLongString(json);
		return at < 0 ? json : `${json.slice(0, at)}"x"${json.slice(at)}`;
	},
	'missing comma': (_json, pretty) => pretty.replace(/,\n/, '\n'),
	'extra comma': (_json, pretty) => pretty.replace(/,\n/, ',,\n').replace(/\n\}$/, ',\n}'),
	'line break in a string'(json) {
		const at = insideLongString(json);
		return at < 0 ? json : `${json.slice(0, at)}\r\n${json.slice(at)}`;
	},
	'log prefix on every line': (_json, pretty) =>
		pretty
			.split('\n')
			.map((line, index) => `2025-03-04T10:15:${String(index).padStart(2, '0')}.118Z ERROR api.client - ${line}`)
			.join('\n'),
	'JS literal split over lines'(json) {
		const at = insideLongString(json);
		return at < 0 ? json : `${json.slice(0, at)}" +\n    "${json.slice(at)}`;
	},
	'Chrome console markers': (_json, pretty) => `▼ {…}\n${pretty.replace(/\n\}$/, '\n  ▶ [[Prototype]]: Object\n}')}`,
	'missing outer braces': (_json, pretty) => pretty.slice(1, -1).trim(),
	'escaped twice in a log string': (json) =>
		`2025-03-04T10:15:42Z ERROR gateway event=${JSON.stringify(JSON.stringify({body: json}))}`,
};

test('property: any error body with any one defect of §1 applied still gives the same code', (t) => {
	fc.assert(
		fc.property(bodies, fc.constantFrom(...Object.keys(defects)), ({body, code}, name) => {
			const broken = defects[name]!(JSON.stringify(body), JSON.stringify(body, null, 2));
			t.not(broken, JSON.stringify(body), name);
			const diagnosis = diagnose(broken, options);
			t.is(diagnosis?.reading.code, code, `${name}:\n${broken}`);
		}),
		{numRuns: 300, seed: 20_251_204},
	);
});
