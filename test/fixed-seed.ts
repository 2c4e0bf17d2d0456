import fc from 'fast-check';

// npm test must be repeatable: every property without its own seed runs with this one. `npm run fuzz` sets
// FUZZ_SEED to explore; a failure it finds is kept as a fixture and replayed with a fixed seed.
fc.configureGlobal({seed: Number(process.env['FUZZ_SEED'] ?? 20_251_122)});
