import {escapeInline, toSafeJson} from '../core/escape.js';
import {CLOCK_SKEW_SECONDS} from '../core/jwt/decode.js';
import type {SignatureCheck} from '../core/jwt/signature.js';
import {durationInWords} from '../core/time-words.js';
import type {DecodedJwt, ReferenceTime} from '../core/types.js';
import {reportJwt, type ReportJwt} from './report.js';
import {showJwt} from './shown.js';
import {createStyle} from './style.js';
import {claimText, referenceSources, relativeTime} from './words.js';
import {wrap} from './wrap.js';

/** One token `errdoctor jwt` decoded, with its signature check when `--secret` or `--key` was given. */
export type JwtEntry = {readonly jwt: DecodedJwt; readonly signature: SignatureCheck | null};

/** `errdoctor jwt --json`: the report's `jwts[]` shape plus `issues` and, when checked, `signature`. */
type JwtJson = {jwts: Array<ReportJwt & {issues: string[]; signature?: SignatureCheck['signature']}>};

// A claim can be megabytes long; a terminal line needs only its start.
const maxValueLength = 200;
const timeClaims: Readonly<Record<string, keyof DecodedJwt>> = {exp: 'expiresAt', nbf: 'notBefore', iat: 'issuedAt'};

function issuesOf({jwt, signature}: JwtEntry): string[] {
	const issues = showJwt(jwt).issues;
	return signature && signature.signature !== 'valid' ? [...issues, `signature: ${signature.reason}`] : [...issues];
}

function toJwtJson(entries: readonly JwtEntry[]): JwtJson {
	return {
		jwts: entries.map((entry) => ({
			...reportJwt(showJwt(entry.jwt)),
			issues: issuesOf(entry),
			...(entry.signature ? {signature: entry.signature.signature} : {}),
		})),
	};
}

export function renderJwtJson(entries: readonly JwtEntry[]): string {
	return `${toSafeJson(toJwtJson(entries), 2)}\n`;
}

function shorten(text: string): string {
	return text.length > maxValueLength ? `${text.slice(0, maxValueLength)}… (${text.length} characters)` : text;
}

function expiryWords(jwt: DecodedJwt, referenceIso: string): string {
	const delta = Date.parse(jwt.expiresAt ?? '') - Date.parse(referenceIso);
	if (!Number.isFinite(delta)) return '';
	const duration = durationInWords(delta);
	if (jwt.expired) return `expired ${duration} before the reference time`;
	return delta < 0
		? `${duration} before the reference time, within the ${CLOCK_SKEW_SECONDS} s clock skew`
		: `expires ${duration} after the reference time`;
}

function timeWords(name: string, jwt: DecodedJwt, referenceIso: string): string | null {
	const field = timeClaims[name];
	const iso = field === undefined ? null : (jwt[field] as string | null);
	if (iso === null) return null;
	const relative = name === 'exp' ? expiryWords(jwt, referenceIso) : relativeTime(iso, referenceIso);
	return relative ? `${iso}, ${relative}` : iso;
}

export type JwtTextOptions = {readonly color: boolean; readonly width: number; readonly referenceTime: ReferenceTime};

/**
 * The decoded tokens for a terminal: every header member and claim escaped and shortened, times as ISO and relative
 * to the reference time, then the pitfalls. The token itself is shown only by its first characters.
 */
export function renderJwtText(entries: readonly JwtEntry[], options: JwtTextOptions): string {
	const style = createStyle(options.color);
	const width = Math.max(40, options.width);
	const referenceIso = options.referenceTime.iso;
	const lines: string[] = [];
	const add = (text: string, first: string, rest = `${first}  `): void => {
		lines.push(...wrap(text, width, first, rest));
	};

	// `timesOf` is the token whose decoded times annotate its claims; header members have none.
	const members = (record: Record<string, unknown>, timesOf: DecodedJwt | null): void => {
		for (const [name, value] of Object.entries(record)) {
			const time = timesOf ? timeWords(name, timesOf, referenceIso) : null;
			const text = escapeInline(shorten(claimText(value)));
			add(`${style.dim(escapeInline(shorten(name)))} ${text}${time === null ? '' : ` → ${time}`}`, '    ', '      ');
		}
	};

	for (const [index, {jwt, signature}] of entries.entries()) {
		// Claims and issues as the boundary shows them: a `password` claim or a nested token is redacted.
		const shown = showJwt(jwt);
		if (index > 0) lines.push('');
		const count = entries.length > 1 ? ` ${index + 1} of ${entries.length}` : '';
		add(`${style.bold(`Token${count}`)} from ${escapeInline(jwt.source)}`, '');
		const start = jwt.token.trim().slice(0, 12);
		add(`${escapeInline(start)}… (${jwt.token.trim().length} characters)`, '  ');
		lines.push(`  ${style.bold('Header')}`);
		members(shown.header, null);
		if (shown.payload === null) {
			add('Claims: not readable (see below)', '  ');
		} else {
			lines.push(`  ${style.bold('Claims')}`);
			members(shown.payload, jwt);
		}

		if (signature) {
			const paint = {valid: style.green, invalid: style.red, 'not-checked': style.yellow}[signature.signature];
			add(`${style.bold('Signature')} ${paint(signature.signature)}: ${escapeInline(signature.reason)}`, '  ', '    ');
		}

		for (const issue of shown.issues) {
			add(escapeInline(issue), `  ${style.yellow('!')} `, '    ');
		}
	}

	lines.push('', `Reference time ${referenceIso}, ${referenceSources[options.referenceTime.source]}`);
	return `${lines.join('\n')}\n`;
}
