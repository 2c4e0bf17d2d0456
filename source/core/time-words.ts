const units = [
	['d', 86_400_000],
	['h', 3_600_000],
	['min', 60_000],
	['s', 1000],
] as const;

/** A duration as people read it: the two largest non-zero units ("2 h 13 min", "45 s", "3 d 4 h"); the sign is ignored. */
export function durationInWords(milliseconds: number): string {
	if (!Number.isFinite(milliseconds)) {
		return 'an unknown time';
	}

	let rest = Math.floor(Math.abs(milliseconds) / 1000) * 1000;
	if (rest === 0) {
		return Math.abs(milliseconds) === 0 ? '0 s' : 'less than 1 s';
	}

	const words: string[] = [];
	for (const [unit, size] of units) {
		const count = Math.floor(rest / size);
		rest -= count * size;
		if (count > 0) {
			words.push(`${count} ${unit}`);
		} else if (words.length > 0) {
			// A gap ends the phrase: "3 d 0 h 5 min" reads worse than "3 d".
			break;
		}

		if (words.length === 2) {
			break;
		}
	}

	return words.join(' ');
}
