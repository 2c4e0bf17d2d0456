// AWS errors: JSON protocols name the error in `__type`, query and REST-XML protocols in an `<Error>` element.
import type {ErrorReading} from '../types.js';
import {type FormatReader, extraOf, httpStatus, own, ownRecord, ownText, reading, requestIdIn} from './fields.js';

/**
 * The short error name in an AWS error type: `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`,
 * `ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/`, `aws:Sender:Throttling`.
 */
export function awsErrorName(type: string): string {
	// The SDKs drop a `:`-joined namespace URI and anything after a comma before reading the name.
	const withoutUri = (type.split(',')[0] ?? type).replace(/:[a-z][\d+.a-z-]*:\/\/.*$/is, '');
	const afterHash = withoutUri.slice(withoutUri.lastIndexOf('#') + 1);
	return afterHash.slice(afterHash.lastIndexOf(':') + 1).trim() || type;
}

export const readAwsJson: FormatReader = (body) => {
	const type = ownText(body, '__type');
	// Some query-protocol services answer in JSON with the XML shape: {"Error": {"Code", "Message"}, "RequestId"}.
	const wrapped = ownRecord(body, 'Error');
	const wrappedCode = wrapped ? ownText(wrapped, 'Code') : null;
	if (type === null && wrappedCode === null) return null;
	const source = wrappedCode !== null && wrapped ? wrapped : body;
	return reading('aws', {
		status: httpStatus(own(body, 'statusCode')),
		code: type === null ? wrappedCode : awsErrorName(type),
		message: ownText(source, 'message') ?? ownText(source, 'Message'),
		requestId: ownText(body, 'RequestId') ?? requestIdIn(body),
		extra: extraOf({type: type ?? (wrapped ? ownText(wrapped, 'Type') : null)}),
	});
};

const entities: Readonly<Record<string, string>> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'"};

function decodeEntities(value: string): string {
	return value.replace(/&(#x[\da-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
		if (!name.startsWith('#')) return entities[name.toLowerCase()] ?? whole;
		const point = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
		return point <= 0x10_ff_ff ? String.fromCodePoint(point) : whole;
	});
}

// Element text never holds `<`, so each pattern scans forward once.
const xmlElements = {
	code: /<Code>([^<]*)<\/Code>/,
	message: /<Message>([^<]*)<\/Message>/,
	requestId: /<Request(?:Id|ID)>([^<]*)<\/Request(?:Id|ID)>/,
	type: /<Type>([^<]*)<\/Type>/,
	hostId: /<HostId>([^<]*)<\/HostId>/,
	resource: /<Resource>([^<]*)<\/Resource>/,
} as const;

function element(xml: string, pattern: RegExp): string | null {
	const value = pattern.exec(xml)?.[1];
	return value === undefined ? null : decodeEntities(value).trim() || null;
}

/** `<Error><Code>…</Code><Message>…</Message>…</Error>`, bare or inside `<ErrorResponse>` / `<Response><Errors>`. */
export function readAwsXml(xml: string): ErrorReading | null {
	if (!/<Error[\s>]/.test(xml)) return null;
	const code = element(xml, xmlElements.code);
	if (code === null) return null;
	return reading('aws', {
		code,
		message: element(xml, xmlElements.message),
		requestId: element(xml, xmlElements.requestId),
		extra: extraOf({
			type: element(xml, xmlElements.type),
			hostId: element(xml, xmlElements.hostId),
			resource: element(xml, xmlElements.resource),
		}),
	});
}
