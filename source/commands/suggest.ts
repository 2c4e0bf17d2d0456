/** Levenshtein distance, capped: past `limit` the exact value does not matter. */
function distance(left: string, right: string, limit: number): number {
	if (Math.abs(left.length - right.length) > limit) return limit + 1;
	let previous = Array.from({length: right.length + 1}, (_, index) => index);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		for (let j = 1; j <= right.length; j++) {
			const cost = left[i - 1] === right[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
		}

		previous = current;
	}

	return previous[right.length]!;
}

/** The known word closest to a mistyped one ("did you mean"), when one is close enough to be a typo. */
export function closest(word: string, known: readonly string[]): string | null {
	// Words this long are compared, not mistyped wholesale: a third of the letters may be wrong, at least one.
	const limit = Math.max(1, Math.floor(word.length / 3));
	let best: string | null = null;
	let bestDistance = limit + 1;
	for (const candidate of known) {
		const found = distance(word.toLowerCase(), candidate.toLowerCase(), limit);
		if (found < bestDistance) {
			best = candidate;
			bestDistance = found;
		}
	}

	return best;
}
