import {readFileSync, readdirSync} from 'node:fs';
import test from 'ava';
import {PROPERTIES} from './properties.js';

const fixtures = new URL('../fixtures/hostile/', import.meta.url);
type Fixture = {readonly property: string; readonly seed: number; readonly input: string};

function savedCounterexamples(): Array<[file: string, fixture: Fixture]> {
	let files: string[];
	try {
		files = readdirSync(fixtures).filter((file) => file.startsWith('fuzz-') && file.endsWith('.json'));
	} catch {
		return [];
	}

	return files.map((file) => [file, JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as Fixture]);
}

test('every counterexample `npm run fuzz` saved passes its property now', (t) => {
	const saved = savedCounterexamples();
	const named = (property: string) => PROPERTIES.find((candidate) => candidate.name === property);
	// Always made, so the test asserts something even when no counterexample is saved.
	t.deepEqual(
		saved
			.filter(([, {property}]) => named(property) === undefined)
			.map(([file, {property}]) => `${file}: no property named ${property}`),
		[],
	);
	for (const [file, {property, input}] of saved) {
		const found = named(property);
		if (found !== undefined) {
			t.notThrows(() => {
				found.check(input);
			}, file);
		}
	}
});
