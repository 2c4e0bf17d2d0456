import {escapeForTerminal, escapeInline} from '../core/escape.js';
import type {ShownReport} from './shown.js';
import {checkSymbols, claimText, referenceSources, statusWords} from './words.js';

// Everything CommonMark or GFM could turn into markup, a link, an HTML tag or an entity (`&#8238;` is a U+202E).
const markdownSpecial = /[\\`*_[\]<>|&~#]/g;
// GFM links bare `https://…` and `www.…` on its own; an escape inside breaks the pattern.
const autolinkStart = /:(?=\/\/)|(?<=www)\./gi;
const codeSpan = /`[^`]+`/g;
// Only the characters RFC 3986 allows in a URI: no space, no `<`, `>` or backtick to end the autolink early.
const plainUrl = /^https:\/\/[\w\-.~:/?#[\]@!$&'()*+,;=%]+$/;

function escapeMarkdown(text: string): string {
	return text.replace(markdownSpecial, '\\$&').replace(autolinkStart, '\\$&');
}

/**
 * Untrusted text as inline Markdown: control characters made visible, markup escaped. Backtick-quoted spans, which
 * catalogs and check messages use for header names, stay code spans: nothing inside one is interpreted.
 */
function inline(text: string): string {
	const safe = escapeInline(text);
	let out = '';
	let last = 0;
	for (const match of safe.matchAll(codeSpan)) {
		out += escapeMarkdown(safe.slice(last, match.index)) + match[0];
		last = match.index + match[0].length;
	}

	return out + escapeMarkdown(safe.slice(last));
}

// Text that opens a paragraph or a list item must not start a list, a heading or an indented code block.
function paragraph(text: string): string {
	return inline(text.trimStart())
		.replace(/^[-+=]/, '\\$&')
		.replace(/^(\d+)([.)])/, '$1\\$2');
}

function fenced(info: string, lines: readonly string[]): string[] {
	const body = escapeForTerminal(lines.join('\n'));
	const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(Math.max(3, longestRun + 1));
	return [`${fence}${info}`, body, fence];
}

/**
 * The diagnosis as a Markdown ticket body, with no JWT in it. `ticked` holds positions in the diagnosis's checks of
 * manual checklist items the user has confirmed.
 */
export function renderMarkdown(report: ShownReport, ticked: ReadonlySet<number> = new Set()): string {
	const {explanation} = report;
	const blocks: string[][] = [];
	const list = (items: readonly string[]): string[] => items.map((item) => `- ${paragraph(item)}`);
	const titled = (title: string, lines: readonly string[]): void => {
		if (lines.length > 0) {
			blocks.push([title], [...lines]);
		}
	};

	const status = statusWords(report.status, report.statusTitle, report.statusSource);
	const providerName = report.provider ? inline(report.provider.name) : 'Unknown provider';
	blocks.push([`## ${providerName} ${status}: ${inline(explanation.title)}`]);
	blocks.push([
		`- **Provider:** ${report.provider ? `${providerName} (${report.provider.confidence} confidence)` : 'unknown'}${
			report.providerCandidates.length > 0
				? ` (could be ${report.providerCandidates.map((candidate) => inline(candidate.id)).join(', ')})`
				: ''
		}`,
		`- **Format:** ${report.format}`,
		`- **Status:** ${status}`,
		`- **Code:** ${report.code === null ? 'none' : inline(report.code)}`,
		`- **Request ID:** ${report.requestId === null ? 'none' : inline(report.requestId)}`,
		`- **Reference time:** ${inline(report.referenceTime.iso)} (${referenceSources[report.referenceTime.source]})`,
		...(report.message === null ? [] : [`- **Message:** ${inline(report.message)}`]),
	]);
	blocks.push([paragraph(explanation.summary)]);
	titled('**Likely causes**', list(explanation.causes));
	titled('**What to do**', list(explanation.solutions));
	if (explanation.docs !== null) {
		// A catalog's doc link stays a link; anything else is text like the rest.
		const docs = plainUrl.test(explanation.docs) ? `<${explanation.docs}>` : inline(explanation.docs);
		blocks.push([`**Docs:** ${docs}`]);
	}

	titled('**Notes**', list(explanation.notes));
	titled(
		'### Checks',
		report.checks.map((check) => {
			const done = check.result !== 'manual' || ticked.has(check.index);
			const id = check.id === 'checklist' ? '' : ` \`${check.id}\`:`;
			return `- [${done ? 'x' : ' '}] ${checkSymbols[check.result]} **${check.result}**${id} ${inline(check.message)}`;
		}),
	);
	titled(
		'### Field errors',
		report.fieldErrors.map(
			({field, message, code}) =>
				`- **${inline(field)}:** ${inline(message)}${code === null ? '' : ` (${inline(code)})`}`,
		),
	);
	titled(
		'### Tokens',
		report.jwts.map((jwt) => {
			const facts = [
				inline(jwt.source),
				...(['alg', 'kid'] as const).flatMap((name) =>
					jwt.header[name] === undefined ? [] : [`${name} ${inline(claimText(jwt.header[name]))}`],
				),
				...(['iss', 'aud'] as const).flatMap((name) =>
					jwt.payload?.[name] === undefined ? [] : [`${name} ${inline(claimText(jwt.payload[name]))}`],
				),
				...(jwt.expiresAt === null ? [] : [`exp ${inline(jwt.expiresAt)}`]),
				...(jwt.expired === null ? [] : [jwt.expired ? '**expired**' : 'not expired']),
			];
			return `- ${facts.join(' · ')}`;
		}),
	);
	if (report.request) {
		const {method, url, headers} = report.request;
		titled(
			'### Request (redacted)',
			fenced('http', [
				`${escapeInline(method)} ${escapeInline(url)}`,
				...headers.map(([name, value]) => `${escapeInline(name)}: ${escapeInline(value)}`),
			]),
		);
	}

	if (report.response) {
		titled(
			'### Response',
			fenced('http', [
				`HTTP ${statusWords(report.response.status, report.response.status === report.status ? report.statusTitle : null, null)}`,
				...report.response.headers.map(([name, value]) => `${escapeInline(name)}: ${escapeInline(value)}`),
			]),
		);
	}

	titled('### About the input', list(report.inputNotes));
	return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
