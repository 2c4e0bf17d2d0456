/** Which stretches of a paste are already taken by a part, kept so that each new candidate costs O(1). */

export type Span = {readonly start: number; readonly end: number};

/**
 * Counts the comparisons the splitter makes between spans (overlap tests and ordering), so that a test can prove
 * splitting stays linear in the number of parts by counting instead of timing.
 */
export type SplitStats = {comparisons: number};

const overlap = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** The spans in order of start, stably: already in order (as every finder returns them) costs one pass. */
export function byStart<T extends Span>(spans: readonly T[], stats: SplitStats): T[] {
	let ordered = true;
	for (let index = 1; index < spans.length && ordered; index++) {
		stats.comparisons++;
		ordered = spans[index - 1]!.start <= spans[index]!.start;
	}

	if (ordered) return [...spans];
	return [...spans].sort((a, b) => {
		stats.comparisons++;
		return a.start - b.start;
	});
}

/**
 * The union of `taken` (disjoint, in order) and `added` (in order of start, overlapping one another or not), as
 * disjoint spans in order: a two-way merge. Spans that only touch stay apart, as `overlap` treats them.
 */
export function mergeTaken(taken: readonly Span[], added: readonly Span[], stats: SplitStats): Span[] {
	const union: Array<{start: number; end: number}> = [];
	let left = 0;
	let right = 0;
	while (left < taken.length || right < added.length) {
		let next: Span;
		if (right === added.length || (left < taken.length && taken[left]!.start <= added[right]!.start)) {
			next = taken[left++]!;
		} else {
			next = added[right++]!;
		}

		stats.comparisons++;
		const last = union.at(-1);
		if (last !== undefined && next.start < last.end) last.end = Math.max(last.end, next.end);
		else union.push({start: next.start, end: next.end});
	}

	return union;
}

/**
 * The candidates (in order of start) that overlap no taken span (disjoint, in order), and, with `apart`, no
 * candidate kept before them. Both lists are walked once: the first taken span ending after a candidate's start
 * only moves forward, so n candidates against k taken spans cost O(n + k) comparisons, not O(n × k).
 */
export function clearOf<T extends Span>(
	candidates: readonly T[],
	taken: readonly Span[],
	options: {readonly apart: boolean; readonly stats: SplitStats},
): T[] {
	const {apart, stats} = options;
	const kept: T[] = [];
	let cursor = 0;
	for (const candidate of candidates) {
		while (cursor < taken.length && taken[cursor]!.end <= candidate.start) {
			stats.comparisons++;
			cursor++;
		}

		stats.comparisons++;
		if (cursor < taken.length && overlap(candidate, taken[cursor]!)) continue;
		// Candidates come in order of start, so of those kept only the last one can still reach this one.
		const previous = kept.at(-1);
		if (apart && previous !== undefined) {
			stats.comparisons++;
			if (overlap(candidate, previous)) continue;
		}

		kept.push(candidate);
	}

	return kept;
}
