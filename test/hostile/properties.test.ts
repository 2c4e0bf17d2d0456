import {mkdirSync, writeFileSync} from 'node:fs';
import test from 'ava';
import fc from 'fast-check';
import {PROPERTIES, anyText, fuzzRuns, fuzzSeed} from './properties.js';

const fixtures = new URL('../fixtures/hostile/', import.meta.url);

/** `npm run fuzz` sets FUZZ_RECORD: a counterexample becomes a fixture that replay.test.ts runs in every `npm test`. */
function record(property: string, counterexample: string): string {
	mkdirSync(fixtures, {recursive: true});
	const file = new URL(`fuzz-${property}-${fuzzSeed}.json`, fixtures);
	writeFileSync(file, `${JSON.stringify({property, seed: fuzzSeed, input: counterexample}, null, 2)}\n`);
	return file.pathname;
}

for (const property of PROPERTIES) {
	test(`property: ${property.name} (${fuzzRuns} runs, seed ${fuzzSeed})`, (t) => {
		const details = fc.check(
			fc.property(anyText, (input) => {
				property.check(input);
			}),
			{numRuns: fuzzRuns, seed: fuzzSeed},
		);
		let report: string | undefined;
		if (details.failed) {
			const saved =
				process.env['FUZZ_RECORD'] === '1' && details.counterexample
					? `\nsaved as ${record(property.name, details.counterexample[0])}`
					: '';
			report = `${fc.defaultReportMessage(details) ?? 'failed'}\n${String(details.errorInstance)}${saved}`;
		}

		t.false(details.failed, report);
	});
}
