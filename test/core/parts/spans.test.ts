import test from 'ava';
import fc from 'fast-check';
import {splitParts} from '../../../source/core/parts/index.js';
import {byStart, clearOf, mergeTaken, type Span} from '../../../source/core/parts/spans.js';

const overlapsAny = (span: Span, others: readonly Span[]): boolean =>
	others.some((other) => span.start < other.end && other.start < span.end);

/** What the splitter did before: every candidate compared with every taken span and every candidate kept. */
function naiveClearOf(candidates: readonly Span[], taken: readonly Span[], apart: boolean): Span[] {
	const kept: Span[] = [];
	for (const candidate of candidates) {
		if (!overlapsAny(candidate, taken) && !(apart && overlapsAny(candidate, kept))) kept.push(candidate);
	}

	return kept;
}

const span = fc.tuple(fc.nat(200), fc.nat(40)).map(([start, length]): Span => ({start, end: start + length}));
const nonEmpty = span.filter((candidate) => candidate.end > candidate.start);

test('clearOf keeps exactly the candidates the pairwise comparison keeps, in the same order', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.array(span, {maxLength: 12}),
				fc.array(span, {maxLength: 12}),
				fc.array(nonEmpty, {maxLength: 30}),
				fc.boolean(),
				(earlier, later, found, apart) => {
					const stats = {comparisons: 0};
					const taken = mergeTaken(byStart(earlier, stats), byStart(later, stats), stats);
					const candidates = byStart(found, stats);
					const expected = naiveClearOf(candidates, [...earlier, ...later], apart);
					return JSON.stringify(clearOf(candidates, taken, {apart, stats})) === JSON.stringify(expected);
				},
			),
			{numRuns: 2000},
		),
	);
});

test('mergeTaken gives disjoint spans in order that cover the same offsets', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.array(span, {maxLength: 15}), fc.array(span, {maxLength: 15}), (first, second) => {
				const stats = {comparisons: 0};
				const union = mergeTaken(byStart(first, stats), byStart(second, stats), stats);
				const disjoint = union.every((current, index) => index === 0 || union[index - 1]!.end <= current.start);
				const covered = (offset: number, spans: readonly Span[]) =>
					spans.some((each) => each.start <= offset && offset < each.end);
				const same = Array.from({length: 260}, (_, offset) => offset).every(
					(offset) => covered(offset, union) === covered(offset, [...first, ...second]),
				);
				return disjoint && same;
			}),
		),
	);
});

test('byStart sorts stably and costs one pass when already in order', (t) => {
	const stats = {comparisons: 0};
	const ordered = [
		{start: 1, end: 2, id: 'a'},
		{start: 1, end: 5, id: 'b'},
		{start: 3, end: 4, id: 'c'},
	];
	t.deepEqual(byStart(ordered, stats), ordered);
	t.is(stats.comparisons, 2);
	t.deepEqual(
		byStart([ordered[2]!, ordered[0]!, ordered[1]!], stats).map((each) => each.id),
		['a', 'b', 'c'],
	);
});

const base64Url = (value: string): string => Buffer.from(value).toString('base64url');
const unsignedHeader = base64Url('{"alg":"none"}');

/** `count` distinct unsecured JWTs, one a line, padded to 40 bytes a line (300k tokens: 12 MB). */
function tokenPaste(count: number): string {
	const lines: string[] = [];
	for (let index = 0; index < count; index++) {
		const token = `${unsignedHeader}.${base64Url(`{"n":${index}}`)}.`;
		lines.push(token.padEnd(39, ' '));
	}

	return lines.join('\n');
}

function comparisonsFor(count: number): number {
	const stats = {comparisons: 0};
	const parts = splitParts(tokenPaste(count), stats);
	if (parts.length !== count || parts.some((part) => part.kind !== 'jwt')) throw new Error('not one part a token');
	return stats.comparisons;
}

test('splitting 300k JWTs in a 12 MB paste costs comparisons linear in the parts, not quadratic', (t) => {
	// The work is counted, not timed; the time limit only allows for a shared, busy machine.
	t.timeout(120_000);
	const paste = tokenPaste(300_000);
	t.true(paste.length >= 11_900_000, `${paste.length} bytes`);
	const stats = {comparisons: 0};
	const parts = splitParts(paste, stats);
	t.is(parts.length, 300_000);
	t.like(parts[299_999], {kind: 'jwt', start: 299_999 * 40, token: `${unsignedHeader}.${base64Url('{"n":299999}')}.`});
	// Comparing each token with every earlier part made 300k × 300k / 2 = 4.5e10 comparisons.
	t.true(stats.comparisons >= 300_000, 'every token is compared at least once');
	t.true(stats.comparisons <= 6 * 300_000, `${stats.comparisons} comparisons`);
	// Twice the parts, twice the work (give or take a constant), at sizes small enough to split twice.
	const small = comparisonsFor(20_000);
	const double = comparisonsFor(40_000);
	t.true(double <= 2 * small + 10, `${small} then ${double}`);
});

test('tokens beside a curl command, JSON and prose: each part once, the prose after the parts at offset 0', (t) => {
	const token = `${unsignedHeader}.${base64Url('{"sub":"x"}')}.`;
	const text = [
		`curl -H 'Authorization: Bearer ${token}' https://api.example.com/v1/things`,
		'the answer was:',
		`{"error": "invalid_token", "token": "${token}"}`,
		`and the token again ${token} in prose`,
	].join('\n');
	const parts = splitParts(text);
	t.deepEqual(
		parts.map((part) => part.kind),
		['curl-command', 'text', 'error-json', 'jwt'],
	);
	t.is(parts[3]!.start, text.lastIndexOf(token));
	t.like(parts[1], {kind: 'text', text: 'the answer was:\n\n\nand the token again \n in prose'});
});
