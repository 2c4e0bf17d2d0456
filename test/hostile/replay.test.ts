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
	for (const [file, {property, input}] of savedCounterexamples()) {
		const found = PROPERTIES.find((candidate) => candidate.name === property);
		if (found === undefined) {
			t.fail(`${file}: no property named ${property}`);
			continue;
		}

		t.notThrows(() => {
			found.check(input);
		}, file);
	}

	t.pass();
});
