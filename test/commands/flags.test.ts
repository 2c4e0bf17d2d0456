import test from 'ava';
import {UsageError} from '../../source/commands/errors.js';
import {parseCommandLine} from '../../source/commands/flags.js';
import {closest} from '../../source/commands/suggest.js';

const spec = {
	json: {type: 'boolean', default: false},
	now: {type: 'string'},
	showSecrets: {type: 'boolean', default: false},
	catalog: {type: 'string', isMultiple: true},
} as const;

test('flags parse with the meow table: kebab-case names, defaults, repeatable strings, positionals', async (t) => {
	const line = await parseCommandLine(
		['body.json', '--show-secrets', '--now', '2025-03-04T11:00:00Z', '--catalog', 'a', '--catalog=b'],
		'help',
		spec,
	);
	t.deepEqual(line.input, ['body.json']);
	t.deepEqual(line.flags, {json: false, now: '2025-03-04T11:00:00Z', showSecrets: true, catalog: ['a', 'b']});
});

test('absent flags take their defaults', async (t) => {
	const line = await parseCommandLine([], 'help', spec);
	t.deepEqual(line.flags, {json: false, now: undefined, showSecrets: false, catalog: []});
	t.deepEqual(line.input, []);
});

test('what parseArgs refuses but meow understands still parses, through meow', async (t) => {
	const line = await parseCommandLine(['--no-json', 'x'], 'help', spec);
	t.false(line.flags.json);
	t.deepEqual(line.input, ['x']);
});

test('an unknown flag is a usage error that suggests the closest known one', async (t) => {
	const spec = {json: {type: 'boolean'}, now: {type: 'string'}} as const;
	const error = await t.throwsAsync(parseCommandLine(['--jsn'], 'help', spec));
	t.true(error instanceof UsageError);
	t.is(error?.message, 'unknown flag --jsn; did you mean --json? (see --help)');
	const far = await t.throwsAsync(parseCommandLine(['--frobnicate'], 'help', spec));
	t.is(far?.message, 'unknown flag --frobnicate (see --help)');
	const missing = await t.throwsAsync(parseCommandLine(['--now'], 'help', spec));
	t.is(missing?.message, '--now needs a value (see --help)');
});

test('closest: a typo within a third of the letters, else nothing', (t) => {
	t.is(closest('explian', ['explain', 'scan', 'lookup']), 'explain');
	t.is(closest('SCAN', ['explain', 'scan']), 'scan');
	t.is(closest('xyz', ['explain', 'scan']), null);
	t.is(closest('', ['explain']), null);
});
