import type {Header, HttpRequest} from '../types.js';
import {redactHeaders} from './headers.js';
import {walkJson} from './json.js';
import {REDACTED} from './rules.js';
import {redactText} from './text.js';
import {redactPairs, redactUrl} from './url.js';

const formBody = /^[\w.%+[\]-]+=[^&\s]*(?:&[\w.%+[\]-]+=[^&\s]*)*$/;

function jsonIndent(body: string): number {
	const indent = /\n( +)\S/.exec(body);
	return indent === null ? 0 : Math.min(indent[1]!.length, 8);
}

function redactBody(body: string, headers: readonly Header[]): string {
	const trimmed = body.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			const walked = walkJson(JSON.parse(body));
			if (!walked.changed) {
				return body;
			}

			const indent = body.includes('\n\t') ? '\t' : jsonIndent(body);
			return JSON.stringify(walked.value, null, indent);
		} catch {
			// Not JSON after all (or too deep to serialise): text rules still apply.
		}
	}

	const contentType = headers.find(([name]) => name.trim().toLowerCase() === 'content-type')?.[1] ?? '';
	if (/application\/x-www-form-urlencoded/i.test(contentType) || formBody.test(body)) {
		return redactText(redactPairs(body));
	}

	return redactText(body);
}

/** Redacts the URL, headers and body of a request; `unexpanded` (shell variables as written) stays. */
export function redactRequest(request: HttpRequest): HttpRequest {
	try {
		return {
			...request,
			url: redactUrl(request.url),
			headers: redactHeaders(request.headers),
			body: request.body === null ? null : redactBody(request.body, request.headers),
		};
	} catch {
		return {...request, url: REDACTED, headers: [], body: request.body === null ? null : REDACTED};
	}
}
