/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	return {line: before.split('\n').length, column: before.length - before.lastIndexOf('\n')};
}

const whitespace = new Set([' ', '\t', '\n', '\r']);
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Where strict JSON first goes wrong: the offset of the offending character (the text's length when it ends too
 * soon), or null when it parses. One linear pass with an explicit stack, so deep nesting cannot overflow it.
 * V8's own messages give no offset for an unexpected token, and a person fixes a file by line and column.
 */
export function jsonErrorOffset(text: string): number | null {
	const stack: string[] = [];
	let index = 0;
	let expect: 'value' | 'key' | 'after' = 'value';
	const skipSpace = () => {
		while (whitespace.has(text[index] ?? '')) index++;
	};

	const readString = (): boolean => {
		index++;
		while (index < text.length) {
			const character = text[index] ?? '';
			if (character === '"') {
				index++;
				return true;
			}

			if (character < ' ') return false;
			if (character === '\\') {
				const next = text[index + 1] ?? '';
				if (next === 'u') {
					if (!/^[\da-f]{4}$/i.test(text.slice(index + 2, index + 6))) return false;
					index += 6;
				} else if (escapes.has(next)) index += 2;
				else return false;
			} else index++;
		}

		return false;
	};

	const readScalar = (): boolean => {
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, index)) {
				index += word.length;
				return true;
			}
		}

		const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;
		number.lastIndex = index;
		if (!number.test(text)) return false;
		index = number.lastIndex;
		return true;
	};

	for (;;) {
		skipSpace();
		const character = text[index];
		if (expect === 'after') {
			const top = stack.at(-1);
			if (top === undefined) return index === text.length ? null : index;
			if (character === ',') {
				index++;
				expect = top === '{' ? 'key' : 'value';
			} else if (character === (top === '{' ? '}' : ']')) {
				stack.pop();
				index++;
			} else return index;
		} else if (expect === 'key') {
			if (character !== '"' || !readString()) return index;
			skipSpace();
			if (text[index] !== ':') return index;
			index++;
			expect = 'value';
		} else if (character === '{' || character === '[') {
			stack.push(character);
			index++;
			skipSpace();
			const close = character === '{' ? '}' : ']';
			if (text[index] === close) {
				stack.pop();
				index++;
				expect = 'after';
			} else expect = character === '{' ? 'key' : 'value';
		} else if (character === '"' ? readString() : readScalar()) expect = 'after';
		else return index;
	}
}

/**
 * A JSON.parse error as a person fixes it: `line 3, column 14: Expected ',' or '}' after property value`. V8's
 * "Unexpected token" messages quote the input, which is dropped: it may be long or hold anything.
 */
export function describeJsonError(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const reason = message
		.replace(/ (?:in JSON )?at position \d.*$/s, '')
		.replace(/, (?:\.\.\.)?".*$/s, '')
		.replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
	const offset = jsonErrorOffset(text) ?? Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
	const {line, column} = lineColumn(text, offset);
	return `line ${line}, column ${column}: ${reason}`;
}
