import {readFileSync} from 'node:fs';
import test from 'ava';
import type {Catalog} from '../../source/core/catalog/catalog.js';
import {catalogLint} from '../../source/core/catalog/lint.js';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogProblems} from '../../source/edge/catalogs.js';

const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
const section = readme.split(/^## /m).find((part) => part.startsWith('Add your own provider')) ?? '';
const block = /```json\n(.*?)\n```/s.exec(section)?.[1];

test('the readme’s minimal catalog is valid and explains its own code', (t) => {
	if (block === undefined) return t.fail('no ```json block under "Add your own provider"');
	const catalog = JSON.parse(block) as Catalog;
	t.deepEqual(catalogProblems(catalog), []);
	t.deepEqual(catalogLint(catalog), []);
	const diagnosis = diagnose('{"code": "ACME_042", "message": "declined"}', {
		catalogs: {providers: [catalog], httpStatuses: [], vocabularies: []},
	});
	t.is(diagnosis?.provider?.id, 'acme-pay');
	t.is(diagnosis?.explanation.title, 'Card declined');
	t.is(diagnosis?.status, 402);
	t.is(diagnosis?.statusSource, 'catalog');
});
