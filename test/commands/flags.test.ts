import test from 'ava';
import {parseCommandLine} from '../../source/commands/flags.js';

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
