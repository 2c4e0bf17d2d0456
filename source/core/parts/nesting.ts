/**
 * True when brackets outside double-quoted strings nest deeper than `limit` somewhere in the text. The JSON readers
 * stop at MAX_JSON_DEPTH; this says why a paste made only of such JSON gives nothing to diagnose. One linear pass.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c) index++;
			else if (code === 0x22 || code === 0x0a) inString = false;
		} else if (code === 0x22) {
			inString = true;
		} else if (code === 0x7b || code === 0x5b) {
			depth++;
			if (depth > limit) return true;
		} else if ((code === 0x7d || code === 0x5d) && depth > 0) {
			depth--;
		}
	}

	return false;
}
