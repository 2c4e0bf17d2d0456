import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {MAX_JSON_DEPTH} from '../../source/core/parts/json.js';
import {nestsDeeperThan} from '../../source/core/parts/nesting.js';
import {renderJson} from '../../source/render/json.js';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {showDiagnosis} from '../../source/render/shown.js';
import {catalogs} from '../helpers/catalogs.js';
import {runCli} from '../helpers/cli.js';
import {mintJwt} from '../helpers/jwt.js';

const levels = 100_000;
const arrays = '['.repeat(levels) + ']'.repeat(levels);
const objects = '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const mixed = '[{"a":'.repeat(levels / 2) + '1' + '}]'.repeat(levels / 2);

/** Deep JSON alone, inside an error body, in a JWT's claims, and beside a curl command that gives a diagnosis. */
const inputs: Readonly<Record<string, string>> = {
	arrays,
	objects,
	mixed,
	'unclosed objects': '{"error":'.repeat(levels),
	'deep field of an error body': `{"error":{"message":"bad","details":${mixed}}}`,
	'JWT claims': `Bearer ${mintJwt(`{"sub":${arrays},"aud":${objects}}`, '{"alg":"none"}', '')}`,
	'curl -i with a deep body': `curl https://api.dfns.io/x -d '${arrays}'\nHTTP/1.1 400 Bad\n\n{"error":{"message":"bad"},"x":${mixed}}`,
};

test('100,000 levels of nesting: a diagnosis that renders in every mode, or none, never a crash', (t) => {
	for (const [name, input] of Object.entries(inputs)) {
		const diagnosis = diagnose(input, {catalogs, now: '2025-01-14T18:00:00Z'});
		if (diagnosis === null) {
			t.true(nestsDeeperThan(input, MAX_JSON_DEPTH), `${name}: the CLI can say why there is nothing`);
			continue;
		}

		t.true(renderText(showDiagnosis(diagnosis), {color: true, width: 80}).length > 0, name);
		t.true(renderMarkdown(showDiagnosis(diagnosis)).length > 0, name);
		t.notThrows(() => JSON.parse(renderJson(showDiagnosis(diagnosis))), name);
	}
});

test('nestsDeeperThan ignores brackets inside strings and stops at the limit', (t) => {
	t.false(nestsDeeperThan(`{"a":"${'['.repeat(600)}"}`, 512));
	t.true(nestsDeeperThan(arrays, 512));
	t.false(nestsDeeperThan('[[]]'.repeat(1000), 2));
	t.true(nestsDeeperThan('[[[', 2));
});

test('the built CLI ends deep input with a result or one clear line, in every mode', (t) => {
	for (const name of ['objects', 'JWT claims', 'curl -i with a deep body']) {
		for (const mode of [[], ['--json'], ['--markdown']]) {
			const result = runCli(['explain', ...mode], {input: inputs[name]});
			const where = `${name} ${mode.join(' ')}`;
			if (result.status === 3) {
				t.regex(result.stderr, /nests deeper than 512 levels/, where);
			} else {
				t.is(result.status, 0, `${where}: ${result.stderr}`);
				t.true(result.stdout.length > 0, where);
			}
		}
	}
});
