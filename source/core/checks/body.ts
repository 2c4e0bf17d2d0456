import type {CheckResult} from '../types.js';
import {findHeader, show, type CheckContext} from './context.js';

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json\b/i;

function parseError(body: string): string | null {
	try {
		JSON.parse(body);
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : 'invalid JSON';
	}
}

/** `body.json`: a JSON-looking request body that does not parse, or JSON sent under another Content-Type. */
export function checkBodyJson(context: CheckContext): CheckResult[] {
	const {request, curl} = context.evidence;
	if (!request || request.body === null || request.body.trim() === '') {
		return [];
	}

	const body = request.body.trim();
	const contentType = findHeader(request.headers, 'content-type');
	const declaredJson = contentType !== null && jsonMediaType.test(contentType[1].trim());
	const looksJson = body.startsWith('{') || body.startsWith('[');
	if (!looksJson && !declaredJson) {
		return [];
	}

	const fromCurl = curl !== null && curl.request === request;
	const options = fromCurl ? curl.options.map((option) => option.name) : [];
	// `@file` is read by curl and multipart forms are not JSON: neither body is in the paste.
	if (options.includes('form') || options.includes('form-string') || (fromCurl && body.startsWith('@'))) {
		return [];
	}

	const problem = parseError(body);
	const expansion = request.unexpanded.find((text) => body.includes(text));
	if (problem !== null && expansion !== undefined) {
		return [
			{
				id: 'body.json',
				result: 'manual',
				message: `the body holds the shell expansion ${show(expansion, 40)}: check that the text after expansion is valid JSON`,
			},
		];
	}

	if (problem !== null) {
		return [
			{
				id: 'body.json',
				result: 'fail',
				message:
					`the request body is not valid JSON (${problem.slice(0, 120)})` +
					`${body.includes("'") ? '; JSON strings need double quotes, and a shell may have eaten yours' : ''}: fix the body`,
			},
		];
	}

	// The Content-Type curl adds by itself for -d is form-urlencoded: the fix is the same as for a missing one.
	const impliedType = contentType !== null && request.implied?.includes('content-type') === true;
	if (contentType === null || (impliedType && !declaredJson)) {
		const curlData = options.find((name) => name.startsWith('data'));
		if (options.includes('json')) {
			return [{id: 'body.json', result: 'pass', message: 'the request body is valid JSON, sent with curl --json'}];
		}

		return [
			{
				id: 'body.json',
				result: 'fail',
				message: curlData
					? `the JSON body is sent with curl --${curlData} and no Content-Type, so curl labels it ` +
						"application/x-www-form-urlencoded: add -H 'Content-Type: application/json' or use --json"
					: "the JSON body is sent without a Content-Type: add 'Content-Type: application/json'",
			},
		];
	}

	if (!declaredJson) {
		return [
			{
				id: 'body.json',
				result: 'fail',
				message: `the body is JSON but ${show(`${contentType[0]}: ${contentType[1].trim()}`)} says otherwise: send Content-Type: application/json`,
			},
		];
	}

	return [
		{
			id: 'body.json',
			result: 'pass',
			message: `the request body is valid JSON, sent as ${show(contentType[1].trim())}`,
		},
	];
}
