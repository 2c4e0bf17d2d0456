/*
Untrusted text (error bodies, headers, pasted dumps) must never drive the terminal: an ESC or a C1 control starts
an escape sequence (clear screen, OSC 52 clipboard write, OSC 8 links), CR/BS overwrite what was printed, and bidi
controls reorder what the reader sees. Each such character is shown as a visible stand-in instead of being
deleted, so the reader still learns that it was there. The stand-ins contain no forbidden character, which makes
escaping idempotent. Nothing is ever decoded here: JSON-escaped, percent-encoded or base64 forms of a control are
already harmless text.
*/

// C0 except TAB and LF, DEL, C1, ALM, LRM/RLM, LS/PS, LRE…RLO, LRI…PDI, and lone surrogates (the `u` flag makes
// the surrogate range match only unpaired halves).
const forbiddenInBlock =
	/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;
const forbiddenInLine = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;
const forbiddenInJson = /[\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/gu;
const forbiddenTest =
	/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

const controlPictureBase = 0x24_00;
const deleteSymbol = '\u2421';

function hex4(code: number): string {
	return code.toString(16).toUpperCase().padStart(4, '0');
}

function visible(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	if (code < 0x20) {
		// ESC becomes U+241B '␛', so `ESC [2J` reads as `␛[2J`.
		return String.fromCodePoint(controlPictureBase + code);
	}

	if (code === 0x7f) {
		return deleteSymbol;
	}

	return `\\u{${hex4(code)}}`;
}

/** Makes every control and invisible-direction character visible so untrusted text can be printed to a terminal.
 *  Idempotent. Keeps \n and \t so multi-line bodies stay readable; CR is shown as `␍` (CRLF becomes `␍` + LF). */
export function escapeForTerminal(text: string): string {
	return text.replace(forbiddenInBlock, visible);
}

/** Single-line variant: newlines and tabs too become visible (`␊`, `␉`). */
export function escapeInline(text: string): string {
	return text.replace(forbiddenInLine, visible);
}

/** True when text contains a character that must never reach a terminal raw (TAB and LF are allowed). */
export function hasForbiddenControl(text: string): boolean {
	return forbiddenTest.test(text);
}

function jsonEscape(character: string): string {
	return `\\u${hex4(character.charCodeAt(0)).toLowerCase()}`;
}

type Frame = {readonly value: unknown; readonly depth: number} | {readonly text: string; readonly release?: object};

function jsonView(value: unknown, key: string): unknown {
	if (typeof value === 'bigint') {
		return value.toString();
	}

	if (value !== null && typeof value === 'object' && typeof (value as {toJSON?: unknown}).toJSON === 'function') {
		try {
			return (value as {toJSON: (key: string) => unknown}).toJSON(key);
		} catch {
			return null;
		}
	}

	return value;
}

function isOmitted(value: unknown): boolean {
	return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

const maxIndentDepth = 32;

/*
JSON.stringify recurses and overflows the stack near 10,000 levels; pasted JSON can be nested far deeper. This
serialiser uses an explicit stack, writes cycles as "[circular]" and bigints as strings, so it never throws.
*/
function stringifyIteratively(root: unknown, indent: number): string {
	const pad = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
	const out: string[] = [];
	const open = new Set<object>();
	const stack: Frame[] = [{value: jsonView(root, ''), depth: 0}];
	// Indentation stops growing at maxIndentDepth: 100,000 levels indented in full would be 10^10 spaces.
	const newline = (depth: number): string => (pad === '' ? '' : '\n' + pad.repeat(Math.min(depth, maxIndentDepth)));
	while (stack.length > 0) {
		const frame = stack.pop()!;
		if ('text' in frame) {
			out.push(frame.text);
			if (frame.release !== undefined) {
				open.delete(frame.release);
			}

			continue;
		}

		const {value, depth} = frame;
		if (value === null || isOmitted(value)) {
			out.push('null');
		} else if (typeof value === 'string') {
			out.push(JSON.stringify(value));
		} else if (typeof value === 'number') {
			out.push(Number.isFinite(value) ? String(value) : 'null');
		} else if (typeof value === 'boolean') {
			out.push(String(value));
		} else if (typeof value === 'object') {
			if (open.has(value)) {
				out.push('"[circular]"');
				continue;
			}

			const isArray = Array.isArray(value);
			const entries: Array<[string, unknown]> = [];
			if (isArray) {
				for (let index = 0; index < value.length; index++) {
					entries.push([String(index), jsonView(value[index], String(index))]);
				}
			} else {
				for (const key of Object.keys(value)) {
					const child = jsonView((value as Record<string, unknown>)[key], key);
					if (!isOmitted(child)) {
						entries.push([key, child]);
					}
				}
			}

			if (entries.length === 0) {
				out.push(isArray ? '[]' : '{}');
				continue;
			}

			open.add(value);
			out.push(isArray ? '[' : '{');
			const separator = pad === '' ? ':' : ': ';
			// Pushed in reverse so they pop in order; the closing bracket releases the cycle guard.
			stack.push({text: newline(depth) + (isArray ? ']' : '}'), release: value});
			for (let index = entries.length - 1; index >= 0; index--) {
				const [key, child] = entries[index]!;
				stack.push({value: child, depth: depth + 1});
				const lead = (index === 0 ? '' : ',') + newline(depth + 1);
				stack.push({text: isArray ? lead : lead + JSON.stringify(key) + separator});
			}
		} else {
			out.push('null');
		}
	}

	return out.join('');
}

/** JSON.stringify(value, null, indent) with DEL, C1 (U+0080–U+009F), bidi controls and U+2028/2029 written as
 *  \uXXXX, so the output is safe for a terminal and still valid JSON. Never throws: nesting too deep for
 *  JSON.stringify, cycles ("[circular]") and bigints (as strings) are serialised iteratively; undefined gives `null`. */
export function toSafeJson(value: unknown, indent = 0): string {
	let json: string | undefined;
	try {
		json = JSON.stringify(value, null, indent);
	} catch {
		json = stringifyIteratively(value, indent);
	}

	return (json ?? 'null').replace(forbiddenInJson, jsonEscape);
}
