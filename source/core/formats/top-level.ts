// Formats whose code or message sits at the top level of the body.
import {
	type FormatReader,
	type JsonRecord,
	extraOf,
	fieldError,
	httpStatus,
	own,
	ownList,
	ownRecord,
	ownText,
	presentFieldErrors,
	reading,
	records,
	requestIdIn,
	timestampIn,
} from './fields.js';

export const readDguard: FormatReader = (body) => {
	const code = ownText(body, 'error_code');
	const message = ownText(body, 'message');
	if (code === null || message === null) return null;
	return reading('dguard', {
		status: httpStatus(own(body, 'status')),
		code,
		message,
		requestId: requestIdIn(body),
		timestamp: timestampIn(body),
		extra: extraOf({details: own(body, 'details')}),
	});
};

/** Slack answers HTTP 200 with `ok: false`; `ok: true` is a success, whatever else it says. */
export const readSlack: FormatReader = (body) => {
	const code = ownText(body, 'error');
	if (own(body, 'ok') !== false || code === null) return null;
	const metadata = ownRecord(body, 'response_metadata');
	const messages = metadata ? ownList(metadata, 'messages') : null;
	return reading('slack', {
		code,
		message: typeof messages?.[0] === 'string' ? messages[0] : null,
		requestId: requestIdIn(body),
		timestamp: timestampIn(body),
		extra: extraOf({
			needed: ownText(body, 'needed'),
			provided: ownText(body, 'provided'),
			warning: ownText(body, 'warning'),
		}),
	});
};

/** GitHub REST: a message plus a link into its docs; validation failures list `resource`/`field`/`code`. */
export const readGithub: FormatReader = (body) => {
	const message = ownText(body, 'message');
	const documentationUrl = ownText(body, 'documentation_url');
	if (message === null || documentationUrl === null) return null;
	const fieldErrors = presentFieldErrors(
		records(ownList(body, 'errors')).map((error) =>
			fieldError(own(error, 'field'), ownText(error, 'message') ?? ownText(error, 'code'), own(error, 'code')),
		),
	);
	return reading('github', {
		status: httpStatus(own(body, 'status')),
		message,
		requestId: requestIdIn(body),
		timestamp: timestampIn(body),
		fieldErrors,
		extra: extraOf({documentation_url: documentationUrl}),
	});
};

/** RFC 6749 section 5.2 and RFC 6750 error codes are lower-case words joined by `_`. */
const oauthCode = /^[a-z][\da-z]*(?:[_.-][\da-z]+)*$/;
/** Members that may sit beside a bare `error` code without making it something else. */
const oauthCompanions = new Set(['error', 'error_description', 'error_uri', 'state', 'status', 'statusCode']);

function isBareOauthError(body: JsonRecord, code: string): boolean {
	return oauthCode.test(code) && Object.keys(body).every((key) => oauthCompanions.has(key));
}

export const readOauth2: FormatReader = (body) => {
	const code = ownText(body, 'error');
	if (code === null) return null;
	const description = ownText(body, 'error_description');
	const uri = ownText(body, 'error_uri');
	if (description === null && uri === null && !isBareOauthError(body, code)) return null;
	return reading('oauth2', {
		status: httpStatus(own(body, 'status')) ?? httpStatus(own(body, 'statusCode')),
		code,
		message: description,
		requestId: requestIdIn(body),
		timestamp: timestampIn(body),
		extra: extraOf({error_uri: uri, error_codes: ownList(body, 'error_codes')}),
	});
};
