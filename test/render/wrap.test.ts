import test from 'ava';
import fc from 'fast-check';
import {createStyle} from '../../source/render/style.js';
import {visibleWidth, wrap} from '../../source/render/wrap.js';

const text = fc.string({unit: fc.constantFrom('a', 'b', 'c', ' ', ' ', '\n', '語', 'e\u0301', '␛', 'https://x.io/')});
const width = fc.integer({min: 8, max: 100});

test('no line is wider than the width, whatever the text', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(text, width, (input, columns) =>
				wrap(input, columns, '  • ', '    ').every((line) => visibleWidth(line) <= columns),
			),
		),
	);
});

test('wrapping only drops spaces at line breaks: every other character stays, in order', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(text, width, (input, columns) => {
				const lines = wrap(input, columns, '> ', '  ');
				const kept = lines.map((line) => line.slice(2)).join('');
				return kept.replaceAll(' ', '') === input.replaceAll(/[ \n]/g, '');
			}),
		),
	);
});

test('colour sequences take no columns and are never split', (t) => {
	const style = createStyle(true);
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.array(fc.string({unit: fc.constantFrom('a', 'b', ' ', '語')}), {maxLength: 12}),
				width,
				(words, columns) => {
					const painted = words.map((word, index) => (index % 2 === 0 ? style.red(word) : word)).join(' ');
					const lines = wrap(painted, columns);
					const joined = lines.join('\n');
					return (
						lines.every((line) => visibleWidth(line) <= columns) &&
						joined.replaceAll(/\u001B\[(?:31|39)m/g, '').includes('\u001B') === false
					);
				},
			),
		),
	);
});

test('words move to the next line with the hanging indent', (t) => {
	t.deepEqual(wrap('alpha beta gamma delta', 16, '  • ', '    '), ['  • alpha beta', '    gamma delta']);
	t.deepEqual(wrap('one\ntwo  three', 80, '- ', '  '), ['- one', '  two  three']);
	t.deepEqual(wrap('', 80, '  • ', '    '), ['  •']);
});

test('a token longer than a line fills the current line, then breaks between characters', (t) => {
	t.deepEqual(wrap('GET https://api.example.com/v1/things', 20, '  ', '    '), [
		'  GET https://api.ex',
		'    ample.com/v1/thi',
		'    ngs',
	]);
});

test('wide characters count two columns, combining marks none', (t) => {
	t.is(visibleWidth('語語'), 4);
	t.is(visibleWidth('e\u0301'), 1);
	t.is(visibleWidth('\u001B[31mred\u001B[39m'), 3);
	t.deepEqual(wrap('語語語語語', 6), ['語語語', '語語']);
});

test('a style opened after a space moves with its word', (t) => {
	const style = createStyle(true);
	t.deepEqual(wrap(`alpha ${style.red('beta')}`, 8), ['alpha', '\u001B[31mbeta\u001B[39m']);
	t.deepEqual(wrap(`${style.bold('alpha')} beta`, 80), ['\u001B[1malpha\u001B[22m beta']);
});

test('style helpers are the identity without colour', (t) => {
	const style = createStyle(false);
	for (const paint of Object.values(style)) {
		t.is(paint('x y'), 'x y');
	}

	t.is(createStyle(true).dim('x'), '\u001B[2mx\u001B[22m');
	t.is(createStyle(true).red(''), '');
});
