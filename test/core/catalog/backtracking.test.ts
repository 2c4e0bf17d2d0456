import {readFileSync} from 'node:fs';
import test from 'ava';
import {backtrackingProblems, catalogBacktracking} from '../../../source/core/catalog/backtracking.js';
import type {Catalog} from '../../../source/core/catalog/catalog.js';
import {catalogLint, catalogRegexes} from '../../../source/core/catalog/lint.js';

const schema = readFileSync(new URL('../../../catalogs/schema.json', import.meta.url), 'utf8');
const doc = {source: 'RFC 9110', section: 'x'};
const at = (source: string) => [{path: '/x', source}];

const superLinear: Array<[source: string, kind: RegExp]> = [
	['^(a+)+$', /^\/x: backtracks exponentially on a long run of "A"/],
	['^(\\w+\\s?)*$', /^\/x: backtracks exponentially/],
	['(x+x+)+y', /^\/x: backtracks exponentially/],
	['^(.*?,){11}P', /^\/x: backtracks /],
	['^\\d+\\d+x', /^\/x: backtracks polynomially on a long run of "0"/],
	['(\\w+) not found', /^\/x: takes quadratic time .*start it with \^ or \\b/],
];

for (const [source, kind] of superLinear) {
	test(`${source} is refused with its path and what to do`, (t) => {
		const [problem, ...more] = backtrackingProblems(at(source));
		t.regex(problem ?? '', kind);
		t.deepEqual(more, []);
	});
}

test('linear expressions, and anchored ones the bundled catalogs use, pass', (t) => {
	for (const source of [
		'^cst_[0-9A-Za-z]+$',
		'^(AUTH|FRAUD|REFUND)_\\d{3}$',
		'is not authorized to perform operation \\((Auth:[^)]*)\\)',
		'\\b(wallet|user|policy)s? not found',
		'/refund/request/?$',
		'^s3\\.([a-z0-9-]+)\\.amazonaws\\.com$',
	]) {
		t.deepEqual(backtrackingProblems(at(source)), [], source);
	}
});

test('a source that does not parse is left to the compile check of catalogLint', (t) => {
	t.deepEqual(backtrackingProblems(at('(')), []);
});

const everyRegex: Catalog = {
	id: 'every',
	name: 'Every',
	sources: [doc],
	detection: {formats: ['unknown'], idPatterns: ['^(a+)+$'], codePattern: '^(b+)+$'},
	hosts: [],
	credentialEnvironments: [{pattern: '^(c+)+$', environment: 'sandbox'}],
	credentialFormats: [{pattern: '^(d+)+$', name: 'key', doc}],
	hostPatterns: [{pattern: '^(e+)+$', region: null, environment: 'production', doc}],
	requestIds: {bodyFields: [{path: 'id'}, {path: 'log', pattern: '^(f+)+$'}]},
	headers: [{name: 'X-Key', purpose: 'p', requiredWhen: [{methods: ['POST']}, {path: '^(g+)+$'}], doc}],
	statuses: [],
	entries: [{messagePattern: '^(h+)+$', status: 400, title: 't', summary: 's', causes: [], solutions: [], doc}],
	idempotency: {header: 'Idempotency-Key', required: [{path: '^(i+)+$'}], recommended: [{path: '^(j+)+$'}], doc},
};

test('every RegexSource field of the schema is enumerated, each with its JSON path', (t) => {
	const paths = catalogRegexes(everyRegex).map((regex) => regex.path);
	t.deepEqual(paths.sort(), [
		'/credentialEnvironments/0/pattern',
		'/credentialFormats/0/pattern',
		'/detection/codePattern',
		'/detection/idPatterns/0',
		'/entries/0/messagePattern',
		'/headers/0/requiredWhen/1/path',
		'/hostPatterns/0/pattern',
		'/idempotency/recommended/0/path',
		'/idempotency/required/0/path',
		'/requestIds/bodyFields/1/pattern',
	]);
	// One path per place the schema refers to RegexSource (idPatterns and the three matcher lists share a $ref).
	t.is(schema.match(/"\$ref": "#\/\$defs\/RegexSource"/g)?.length, 8);
	t.is(catalogBacktracking(everyRegex).length, paths.length);
});

test('catalogLint compiles every enumerated regex, including host patterns and credential formats', (t) => {
	const broken: Catalog = {...everyRegex, hostPatterns: [{pattern: '(', region: null, environment: 'production', doc}]};
	t.true(catalogLint(broken).some((problem) => problem.startsWith('/hostPatterns/0/pattern: is not a valid regular')));
});
