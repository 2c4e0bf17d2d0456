/*
Issue #7 item 3: every regular expression errdoctor runs scans 1 MiB of adversarial text and finishes. The lint rules
of eslint-plugin-regexp catch super-linear backtracking in literals; this test also covers expressions built at run
time (from string constants, or from catalog data) and the catalog schema's patterns, which no lint rule sees.
*/
import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(directory: string): string[] {
	return readdirSync(directory, {withFileTypes: true}).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

type Found = {readonly where: string; readonly expression: RegExp};

/** Constants a `new RegExp(…)` may be built from: string literals and (String.raw) templates of other constants. */
function stringConstants(file: ts.SourceFile): string[] {
	const declarations: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isVariableStatement(node) && node.declarationList.flags & ts.NodeFlags.Const) {
			for (const declaration of node.declarationList.declarations) {
				const value = declaration.initializer;
				if (
					ts.isIdentifier(declaration.name) &&
					value !== undefined &&
					(ts.isStringLiteral(value) ||
						ts.isNoSubstitutionTemplateLiteral(value) ||
						ts.isTemplateExpression(value) ||
						(ts.isTaggedTemplateExpression(value) && value.tag.getText(file) === 'String.raw'))
				) {
					declarations.push(`const ${declaration.name.text} = ${value.getText(file)};`);
				}
			}
		}

		ts.forEachChild(node, visit);
	};

	visit(file);
	return declarations;
}

/** Every RegExp literal, and every `new RegExp(…)` whose arguments are built from the file's string constants. The
 *  rest take their source from a parameter: catalog data, covered below. */
function expressionsIn(path: string): {found: Found[]; dynamic: string[]} {
	const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
	const constants = stringConstants(file).join('\n');
	const found: Found[] = [];
	const dynamic: string[] = [];
	const where = (node: ts.Node): string =>
		`${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
	const visit = (node: ts.Node): void => {
		if (ts.isRegularExpressionLiteral(node)) {
			const text = node.text;
			const slash = text.lastIndexOf('/');
			found.push({where: where(node), expression: new RegExp(text.slice(1, slash), text.slice(slash + 1))});
		} else if (ts.isNewExpression(node) && node.expression.getText(file) === 'RegExp') {
			const args = (node.arguments ?? []).map((argument) => argument.getText(file)).join(', ');
			try {
				// Only this repository's own string constants are evaluated here.
				const build = new Function(`${constants}\nreturn new RegExp(${args});`) as () => RegExp;
				found.push({where: where(node), expression: build()});
			} catch {
				dynamic.push(where(node));
			}
		}

		ts.forEachChild(node, visit);
	};

	visit(file);
	return {found, dynamic};
}

/** Patterns the catalogs hold (messages, paths, identifiers, codes, credential shapes) and the schema's own. */
function catalogPatterns(): Found[] {
	const found: Found[] = [];
	const walk = (value: unknown, where: string): void => {
		if (Array.isArray(value)) {
			for (const [index, item] of value.entries()) walk(item, `${where}/${index}`);
			return;
		}

		if (value === null || typeof value !== 'object') return;
		for (const [key, item] of Object.entries(value)) {
			const path = `${where}/${key}`;
			const patternKey = /^(?:pattern|messagePattern|path|codePattern)$/.test(key);
			if (typeof item === 'string' && (patternKey || where.endsWith('/idPatterns'))) {
				try {
					found.push({where: path, expression: new RegExp(item, key === 'messagePattern' ? 'iu' : 'u')});
				} catch {
					// Not every `path` is a pattern (a doc path); the catalog tests check the ones that must be.
				}
			} else {
				walk(item, path);
			}
		}
	};

	const directory = join(root, 'catalogs');
	for (const name of readdirSync(directory).filter((file) => file.endsWith('.json'))) {
		walk(JSON.parse(readFileSync(join(directory, name), 'utf8')) as unknown, `catalogs/${name}`);
	}

	return found;
}

const mebibyte = 1024 * 1024;

/** The expression's own leading literal characters, then braces, quotes, spaces and letters. */
function adversarialInputs(expression: RegExp): string[] {
	const own = expression.source.replaceAll(/\\[bdsw]|[\\^$()[\]{}?*+|.]/gi, '').slice(0, 12) || 'a';
	return [own, '{', '"', ' ', 'a'].map((unit) => unit.repeat(Math.ceil(mebibyte / unit.length)).slice(0, mebibyte));
}

/**
 * A sticky expression is run where the code puts it, once per value: it is tried at one position. Any other is tried
 * from every position until it matches, which is where super-linear backtracking shows (`/a+b/` on `aaa…`).
 */
function scan(expression: RegExp, text: string): void {
	if (expression.sticky) {
		const sticky = new RegExp(expression.source, expression.flags);
		sticky.exec(text);
		return;
	}

	new RegExp(expression.source, expression.flags.replace('g', '')).test(text);
}

const files = sourceFiles(join(root, 'source'));
const scanned = files.map((path) => ({path, ...expressionsIn(path)}));

test('every `new RegExp` built from run-time data takes it from a catalog', (t) => {
	const dynamic = scanned.flatMap(({dynamic}) => dynamic);
	const catalogDriven =
		/^source\/core\/(?:catalog\/lookup|explain|providers|catalog\/lint|checks\/context|checks\/region)\.ts:/;
	t.deepEqual(
		dynamic.filter((where) => !catalogDriven.test(where)),
		[],
		'a new file builds expressions from data: add its data to this test',
	);
	t.true(scanned.some(({found}) => found.length > 0));
});

function scanEach(found: readonly Found[]): string {
	let slowest = {where: '', milliseconds: 0};
	for (const {where, expression} of found) {
		const started = performance.now();
		for (const input of adversarialInputs(expression)) scan(expression, input);
		const milliseconds = performance.now() - started;
		if (milliseconds > slowest.milliseconds) slowest = {where, milliseconds};
	}

	return `${found.length} expressions; slowest ${slowest.where} (${Math.round(slowest.milliseconds)} ms for 5 MiB)`;
}

// One test per file, so AVA hears from the worker between files.
for (const {path, found} of scanned.filter((file) => file.found.length > 0)) {
	test(`regular expressions in ${relative(root, path)} scan 1 MiB of adversarial text`, (t) => {
		// A super-linear expression hangs here and fails on AVA's timeout; one the engine gives up on throws.
		t.notThrows(() => {
			t.log(scanEach(found));
		});
	});
}

test('catalog and schema patterns scan 1 MiB of adversarial text', (t) => {
	const found = catalogPatterns();
	t.true(found.length > 10);
	t.log(scanEach(found));
});
