/*
Everything errdoctor shows, saves or copies passes through here. Each replacement is itself left alone by every
rule (a marker is recognised before a secret is looked for), so redacting twice changes nothing. A hint keeps at
most 4 characters, so no 8-character piece of a secret survives.
*/

export {hasKnownTokenShape} from './credentials.js';
export {redactHeaderValue, redactHeaders} from './headers.js';
export {redactJson} from './json.js';
export {isSensitiveHeaderName, isSensitiveKeyName} from './names.js';
export {redactRequest} from './request.js';
export {REDACTED, REDACTION_RULES} from './rules.js';
export type {RedactionRule, RedactionRuleKind} from './rules.js';
export {redactText} from './text.js';
export {redactUrl} from './url.js';
