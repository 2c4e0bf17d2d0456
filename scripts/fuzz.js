// Long property runs (issue #7): the properties `npm test` runs 2,000 times with a fixed seed, here 100,000 times each
// with a fresh seed. A counterexample is saved under test/fixtures/hostile/, where replay.test.ts keeps checking it.
import {spawnSync} from 'node:child_process';
import {randomInt} from 'node:crypto';
import process from 'node:process';

const runs = process.env.FUZZ_RUNS ?? '100000';
const seed = process.env.FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
console.log(`fuzz: ${runs} runs per property, seed ${seed} (FUZZ_SEED=${seed} repeats this run)`);

// The properties are synchronous and long: AVA's inactivity timeout must not end them.
const result = spawnSync('npx', ['ava', 'test/hostile/properties.test.ts', '--timeout=3h', '--verbose'], {
	stdio: 'inherit',
	env: {...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_RECORD: '1'},
});
process.exitCode = result.status ?? 1;
