import {readFileSync} from 'node:fs';
import test from 'ava';
import {REDACTION_RULES} from '../../source/core/redact/index.js';

const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');

/** The rows of the first table after the `## Security` heading, each as its trimmed cells. */
function securityTable(): string[][] {
	const section = readme.slice(readme.indexOf('\n## Security\n'));
	const lines = section.split('\n');
	const start = lines.findIndex((line) => line.startsWith('| rule'));
	const rows: string[][] = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(
			line
				.slice(1, -1)
				.split(' | ')
				.map((cell) => cell.trim()),
		);
	}

	return rows;
}

test('the readme lists every redaction rule as REDACTION_RULES defines it', (t) => {
	t.true(readme.includes('\n## Security\n'));
	const expected = REDACTION_RULES.map((rule) => [`\`${rule.name}\``, rule.kind, rule.description]);
	t.deepEqual(
		securityTable(),
		expected,
		`readme rows should be:\n${expected.map((row) => `| ${row.join(' | ')} |`).join('\n')}`,
	);
});
