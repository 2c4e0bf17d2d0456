import {escapeInline} from '../core/escape.js';
import type {Diagnosis, PartKind} from '../core/types.js';

const kindWords: Readonly<Record<PartKind, string>> = {
	'curl-command': 'curl command',
	'http-response': 'HTTP response',
	'curl-verbose': 'curl -v transcript',
	'error-json': 'error body',
	jwt: 'JWT',
	har: 'HAR file',
	text: 'prose',
	'python-http-debug': 'Python http.client debug output',
	httpie: 'HTTPie exchange',
	'ruby-http-debug': 'Ruby Net::HTTP debug output',
	'powershell-command': 'PowerShell web request',
	'axios-error': 'axios error',
	'status-log': 'status in a log line',
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What the paste screen says it sees, live: "curl command · Dakota · 2 headers · 1 JWT". */
export function describeDraft(draft: string, diagnosis: Diagnosis | null): string {
	if (draft.trim() === '') return 'Nothing pasted yet.';
	if (!diagnosis) return 'Nothing recognised yet: no error body, request, response or token.';
	const {evidence, provider} = diagnosis;
	// The headers the paste holds: those curl would add by itself are in the report, not in what was pasted.
	const implied = new Set(evidence.request?.implied);
	const written = evidence.request?.headers.filter(([name]) => !implied.has(name.toLowerCase())) ?? [];
	const kinds = evidence.kinds.filter((kind) => kind !== 'text' && kind !== 'jwt').map((kind) => kindWords[kind]);
	return [
		...kinds,
		...(provider ? [escapeInline(provider.name)] : []),
		...(diagnosis.status === null ? [] : [String(diagnosis.status)]),
		...(evidence.request ? [plural(written.length, 'header')] : []),
		...(evidence.jwts.length > 0 ? [plural(evidence.jwts.length, 'JWT')] : []),
	].join(' · ');
}
