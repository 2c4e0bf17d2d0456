/*
Issue #7 item 1: every terminal-hostile sequence, in every form it can arrive in, inside every kind of paste. The
corpus test runs each input through the pipeline and every output mode and expects no forbidden character out.
*/
import {mintJwt} from '../helpers/jwt.js';

/** One hostile sequence; `name` says what a terminal would do with it. */
export type Sequence = {readonly name: string; readonly value: string};

const esc = '\u001B';
const bel = '\u0007';
const st = `${esc}\\`;

const oscNumbers = [0, 2, 7, 8, 50, 52, 1337] as const;
const oscPayloads: Readonly<Record<number, string>> = {
	0: 'pwned title',
	2: 'pwned title',
	7: 'file://evil.example/tmp',
	8: ';https://evil.example/',
	50: 'Monospace:size=64',
	52: 'c;cm0gLXJmIH4K',
	1337: 'SetMark',
};

function oscSequences(): Sequence[] {
	return oscNumbers.flatMap((number) => {
		const body = `${number};${oscPayloads[number]}`;
		return [
			{name: `OSC ${number} (ESC ], BEL)`, value: `${esc}]${body}${bel}`},
			{name: `OSC ${number} (ESC ], ST)`, value: `${esc}]${body}${st}`},
			{name: `OSC ${number} (0x9D, 0x9C)`, value: `\u009D${body}\u009C`},
		];
	});
}

const stringIntroducers = [
	['DCS', 'P', '\u0090'],
	['APC', '_', '\u009F'],
	['PM', '^', '\u009E'],
	['SOS', 'X', '\u0098'],
] as const;

const singleControls = [
	['BEL', '\u0007'],
	['BS', '\u0008'],
	['CR', '\r'],
	['VT', '\u000B'],
	['FF', '\u000C'],
	['NUL', '\u0000'],
	['SO', '\u000E'],
	['SI', '\u000F'],
	['DEL', '\u007F'],
] as const;

const invisibleDirection = [
	0x20_2a, 0x20_2b, 0x20_2c, 0x20_2d, 0x20_2e, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0x20_0e, 0x20_0f, 0x06_1c, 0x20_28,
	0x20_29,
];

function hex(code: number): string {
	return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Every sequence issue #7 item 1 lists. */
export const SEQUENCES: readonly Sequence[] = [
	{name: 'CSI clear screen (ESC [)', value: `${esc}[2J`},
	{name: 'CSI SGR (ESC [)', value: `${esc}[31;1mred`},
	{name: 'CSI clear screen (0x9B)', value: '\u009B2J'},
	...oscSequences(),
	{
		name: 'OSC 52 nested inside an OSC 8 link',
		value: `${esc}]8;;https://evil.example/${esc}]52;c;cm0gLXJmIH4K${bel}${st}click${esc}]8;;${st}`,
	},
	...stringIntroducers.flatMap(([name, letter, c1]) => [
		{name: `${name} (ESC ${letter})`, value: `${esc}${letter}payload${st}`},
		{name: `${name} (0x${hex(c1.charCodeAt(0)).slice(2)})`, value: `${c1}payload\u009C`},
	]),
	{name: 'ST (ESC \\)', value: st},
	{name: 'ST (0x9C)', value: '\u009C'},
	{name: 'RIS (ESC c)', value: `${esc}c`},
	{name: 'DECSC (ESC 7)', value: `${esc}7`},
	...Array.from({length: 32}, (_, index) => ({
		name: `C1 U+${hex(0x80 + index)}`,
		value: String.fromCharCode(0x80 + index),
	})),
	...singleControls.map(([name, value]) => ({name, value: `a${value}b`})),
	...invisibleDirection.map((code) => ({name: `U+${hex(code)}`, value: `abc${String.fromCharCode(code)}def`})),
];

/** The same sequence as a JSON string literal's inside: every character outside printable ASCII as `\uXXXX`. */
export function jsonEscaped(value: string): string {
	return Array.from(value, (character) => {
		const code = character.charCodeAt(0);
		if (character === '"' || character === '\\') {
			return `\\${character}`;
		}

		return code < 0x20 || code >= 0x7f ? `\\u${hex(code).toLowerCase()}` : character;
	}).join('');
}

export function percentEncoded(value: string): string {
	return encodeURIComponent(value);
}

/** A well-formed JWT whose decoded header and claims carry the sequence. */
export function jwtCarrying(value: string): string {
	return mintJwt(
		{iss: `https://auth.example/${value}`, sub: value, aud: [value, 'api'], exp: 1_735_689_600},
		{alg: 'RS256', typ: 'JWT', kid: value},
		'c2lnbmF0dXJlLW5vdC1jaGVja2VkLWhlcmUtN2ZRa1p3',
	);
}

export type Form = 'raw' | 'json-escaped' | 'percent-encoded' | 'jwt-base64';
export const FORMS: readonly Form[] = ['raw', 'json-escaped', 'percent-encoded', 'jwt-base64'];

/** One paste: `carrier` names the kind of text the sequence rides in. */
export type HostileInput = {readonly form: Form; readonly carrier: string; readonly text: string};

/** Pastes of every kind errdoctor reads, each with `value` (already in its form) in every untrusted field. */
function carriers(form: Form, value: string): HostileInput[] {
	const make = (carrier: string, text: string): HostileInput => ({form, carrier, text});
	if (form === 'jwt-base64') {
		const token = jwtCarrying(value);
		return [
			make('bare JWT', `Bearer ${token}`),
			make(
				'curl -i with a JWT',
				`curl -si https://api.dfns.io/wallets -H 'Authorization: Bearer ${token}'\n` +
					'HTTP/2 401\ncontent-type: application/json\n\n' +
					'{"error":{"message":"token rejected","code":"Unauthorized"}}',
			),
		];
	}

	const body =
		`{"error":{"code":"E_${value}","message":"bad ${value} key","request_id":"req_${value}",` +
		`"errors":[{"field":"f${value}","message":"m${value}"}]}}`;
	const common = [
		make('error body', body),
		make(
			'curl -i response',
			`HTTP/1.1 401 Unauthorized ${value}\nContent-Type: application/json\nX-Evil-${value}: v${value}\n` +
				`Retry-After: ${value}\n\n${body}`,
		),
		make(
			'curl command',
			`curl -X POST 'https://api.dfns.io/wallets/${value}?q=${value}' -H 'X-Evil: ${value}' ` +
				`-H 'Authorization: Bearer ${value}' --data-raw '{"m":"${value}"}'\n${body}`,
		),
		make(
			'curl -v transcript',
			`* Connected to api.dguard.ai ${value}\n> GET /v1/${value} HTTP/1.1\n> Host: api.dguard.ai\n` +
				`> X-Evil: ${value}\n>\n< HTTP/1.1 429 Too Many ${value}\n< Retry-After: ${value}\n<\n${body}`,
		),
	];
	if (form !== 'json-escaped') {
		return common;
	}

	// A HAR file is JSON, so only the JSON-escaped form can ride in it intact.
	const har = {
		log: {
			entries: [
				{
					startedDateTime: '2025-01-14T18:00:00.000Z',
					request: {
						method: 'GET',
						url: `https://api.dfns.io/${value}`,
						headers: [{name: `X-Evil`, value: `v${value}`}],
						cookies: [{name: 'c', value}],
						queryString: [{name: 'q', value}],
						postData: {mimeType: 'text/plain', text: value},
					},
					response: {
						status: 401,
						statusText: value,
						headers: [{name: 'X-Evil', value}],
						content: {mimeType: 'application/json', text: body},
					},
				},
			],
		},
	};
	// The placeholders are stringified first so the already-escaped value is not escaped a second time.
	const harText = JSON.stringify(har).replaceAll(JSON.stringify(value).slice(1, -1), value);
	return [...common, make('HAR', harText)];
}

function inForm(form: Form, value: string): string {
	switch (form) {
		case 'json-escaped': {
			return jsonEscaped(value);
		}

		case 'percent-encoded': {
			return percentEncoded(value);
		}

		default: {
			return value;
		}
	}
}

/** Every sequence × form × carrier. */
export function hostileInputs(sequences: readonly Sequence[] = SEQUENCES): Array<HostileInput & {sequence: Sequence}> {
	return sequences.flatMap((sequence) =>
		FORMS.flatMap((form) => carriers(form, inForm(form, sequence.value)).map((input) => ({...input, sequence}))),
	);
}

/** All sequences at once, for the slower runs through the built CLI. NUL is left out: the CLI refuses input with a
 *  NUL byte as binary, which would stop the rest from being read. */
export function combinedInputs(): HostileInput[] {
	const all = SEQUENCES.filter((sequence) => sequence.name !== 'NUL')
		.map((sequence) => sequence.value)
		.join(' ');
	return FORMS.flatMap((form) => carriers(form, inForm(form, all)));
}

// The characters item 1 forbids in output: C0 except TAB and LF, DEL, C1, bidi controls, LS and PS.
const forbidden = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;
// The only escapes output may hold: the text renderer's own colours (source/render/style.ts).
const ownSgr = /\u001B\[(?:1|2|22|31|32|33|36|39)m/g;

/** The first forbidden character in output and the text around it, or null. */
export function findForbidden(output: string, options: {allowOwnColor?: boolean} = {}): string | null {
	const checked = options.allowOwnColor ? output.replaceAll(ownSgr, '') : output;
	const found = forbidden.exec(checked);
	if (found === null) {
		return null;
	}

	const code = found[0].charCodeAt(0);
	return `U+${hex(code)} in …${JSON.stringify(checked.slice(Math.max(0, found.index - 40), found.index + 20))}…`;
}
