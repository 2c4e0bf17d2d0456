import {escapeForTerminal, escapeInline} from '../core/escape.js';
import {redactHeaders, redactRequest, redactText} from '../core/redact/index.js';
import type {CheckOutcome, Diagnosis, Header, HttpRequest} from '../core/types.js';
import {createStyle} from './style.js';
import type {Style} from './style.js';
import {checkSymbols, claimText, orderChecks, referenceSources, relativeTime, statusWords} from './words.js';
import {visibleWidth, wrap} from './wrap.js';

/** How the CLI wants the text report: `color` from TTY, NO_COLOR and FORCE_COLOR; `width` in columns. */
export type TextOptions = {color: boolean; width: number; showSecrets?: boolean};

type Secrets = {
	readonly text: (text: string) => string;
	readonly request: (request: HttpRequest) => HttpRequest;
	readonly headers: (headers: readonly Header[]) => readonly Header[];
};

const hidden: Secrets = {text: redactText, request: redactRequest, headers: redactHeaders};
const shown: Secrets = {text: (text) => text, request: (request) => request, headers: (headers) => headers};

const minimumWidth = 20;

function paintOutcome(style: Style, result: CheckOutcome): (text: string) => string {
	return {fail: style.red, warn: style.yellow, pass: style.green, manual: style.cyan}[result];
}

function paintStatus(style: Style, status: number | null): (text: string) => string {
	if (status === null) {
		return style.dim;
	}

	return status >= 400 ? style.red : status >= 300 ? style.yellow : style.green;
}

/** Joins segments with ` · `, starting a new line rather than splitting a segment that would fit on one. */
function fitSegments(segments: readonly string[], width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const segment of segments) {
		const joined = `${line} · ${segment}`;
		if (line !== '' && visibleWidth(joined) <= width) {
			line = joined;
		} else {
			if (line !== '') {
				lines.push(line);
			}

			line = segment;
		}
	}

	return [...lines, line];
}

/**
 * The diagnosis as a terminal reads it. Everything that came from the input or a catalog is escaped first; values
 * copied from the input are redacted unless `showSecrets`.
 */
export function renderText(diagnosis: Diagnosis, options: TextOptions): string {
	const width = Number.isFinite(options.width) ? Math.max(minimumWidth, Math.floor(options.width)) : 80;
	const style = createStyle(options.color);
	const secrets = options.showSecrets ? shown : hidden;
	const {evidence, provider, reading, explanation} = diagnosis;
	// One-liners make newlines visible; prose keeps its line breaks. Tabs become spaces because their width depends on
	// the column they land in, which would defeat wrapping.
	const inline = escapeInline;
	const prose = (text: string): string => escapeForTerminal(text).replaceAll('\t', '    ');
	const lines: string[] = [];

	const add = (text: string, first = '', rest = first): void => {
		lines.push(...wrap(text, width, first, rest));
	};

	const section = (title: string): void => {
		lines.push('', style.bold(title));
	};

	const bullets = (title: string, items: readonly string[]): void => {
		if (items.length === 0) {
			return;
		}

		section(title);
		for (const item of items) {
			add(prose(item), '  • ', '    ');
		}
	};

	const header = [
		style.bold(provider ? inline(provider.name) : 'Unknown provider'),
		reading.format,
		paintStatus(style, diagnosis.status)(statusWords(diagnosis.status, diagnosis.statusSource)),
		...(reading.code === null ? [] : [`code ${inline(reading.code)}`]),
		...(reading.requestId === null ? [] : [`request ${inline(reading.requestId)}`]),
	];
	lines.push(...fitSegments(header, width).flatMap((line) => wrap(line, width)));
	if (reading.message !== null) {
		add(prose(secrets.text(reading.message)), `${style.dim('Message:')} `, '  ');
	}

	lines.push('');
	add(style.bold(prose(explanation.title)));
	add(prose(explanation.summary), '  ');
	bullets('Likely causes', explanation.causes);
	bullets('What to do', explanation.solutions);
	bullets(
		'Field errors',
		reading.fieldErrors.map(
			({field, message, code}) => `${field}: ${secrets.text(message)}${code === null ? '' : ` (${code})`}`,
		),
	);
	if (explanation.docs !== null) {
		section('Docs');
		add(prose(explanation.docs), '  ');
	}

	bullets('Notes', explanation.notes);

	if (diagnosis.checks.length > 0) {
		section('Checks');
		for (const {check} of orderChecks(diagnosis.checks)) {
			const paint = paintOutcome(style, check.result);
			const label = check.id === 'checklist' ? '' : `${style.dim(`${check.id}:`)} `;
			add(`${label}${inline(check.message)}`, `  ${paint(checkSymbols[check.result])} `, '    ');
		}
	}

	if (evidence.jwts.length > 0) {
		section('Tokens');
		for (const jwt of evidence.jwts) {
			const alg = typeof jwt.header['alg'] === 'string' ? ` · alg ${inline(jwt.header['alg'])}` : '';
			add(`${inline(jwt.source)}${alg}`, '  ');
			const claims = jwt.payload ?? {};
			for (const name of ['iss', 'sub', 'aud']) {
				if (claims[name] !== undefined) {
					add(`${name} ${inline(claimText(claims[name]))}`, '    ', '      ');
				}
			}

			const times = [
				['exp', jwt.expiresAt],
				['nbf', jwt.notBefore],
				['iat', jwt.issuedAt],
			] as const;
			for (const [name, iso] of times) {
				if (iso === null) {
					continue;
				}

				const relative = relativeTime(iso, evidence.referenceTime.iso);
				const verdict =
					name === 'exp' && jwt.expired !== null ? (jwt.expired ? style.red(', expired') : ', valid') : '';
				add(`${name} ${inline(iso)}${relative ? ` (${relative}${verdict})` : verdict}`, '    ', '      ');
			}

			if (jwt.payload === null) {
				add('payload did not decode', '    ');
			}

			for (const issue of jwt.issues) {
				add(inline(issue), `    ${style.yellow('!')} `, '      ');
			}
		}
	}

	if (evidence.request) {
		const request = secrets.request(evidence.request);
		section(options.showSecrets ? 'Request (secrets shown)' : 'Request (secrets redacted)');
		add(`${inline(request.method)} ${inline(request.url)}`, '  ', '    ');
		for (const [name, value] of request.headers) {
			add(`${inline(name)}: ${inline(value)}`, '  ', '    ');
		}
	}

	if (evidence.response) {
		section('Response');
		add(paintStatus(style, evidence.response.status)(statusWords(evidence.response.status, null)), '  ');
		for (const [name, value] of secrets.headers(evidence.response.headers)) {
			add(`${inline(name)}: ${inline(value)}`, '  ', '    ');
		}
	}

	section('Provider');
	if (provider) {
		add(`${inline(provider.name)}, ${provider.confidence} confidence`, '  ');
		for (const reason of provider.reasons) {
			add(inline(reason), '  • ', '    ');
		}
	} else {
		add(`Unknown: no provider signal matched; read as the ${reading.format} format`, '  ');
	}

	section('Reference time');
	add(`${inline(evidence.referenceTime.iso)}, ${referenceSources[evidence.referenceTime.source]}`, '  ');
	bullets('About the input', evidence.notes);
	return `${lines.join('\n')}\n`;
}
