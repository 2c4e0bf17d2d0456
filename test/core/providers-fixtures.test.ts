import {readdirSync, readFileSync} from 'node:fs';
import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogs} from '../helpers/catalogs.js';

/*
Real-shaped responses of every catalogued provider, written from each provider's own documentation (the source page
is named beside each expectation), and negatives: the same shapes from other hosts, which must name no provider.
*/

type Expected = {
	readonly provider: string | null;
	readonly format: string;
	readonly status: number | null;
	readonly code: string | null;
	readonly requestId: string | null;
};

const root = new URL('../fixtures/providers/', import.meta.url);

for (const folder of readdirSync(root)) {
	const expectations = JSON.parse(readFileSync(new URL(`${folder}/expected.json`, root), 'utf8')) as Record<
		string,
		Expected
	>;
	for (const [file, expected] of Object.entries(expectations)) {
		test(`${folder}/${file}: provider ${expected.provider ?? 'none'}, ${expected.format}, ${expected.status ?? '-'}, ${expected.code ?? '-'}`, (t) => {
			const diagnosis = diagnose(readFileSync(new URL(`${folder}/${file}`, root), 'utf8'), {catalogs});
			if (!diagnosis) return t.fail('nothing diagnosed');
			t.deepEqual(
				{
					provider: diagnosis.provider?.id ?? null,
					format: diagnosis.reading.format,
					status: diagnosis.status,
					code: diagnosis.reading.code,
					requestId: diagnosis.reading.requestId,
				},
				{
					provider: expected.provider,
					format: expected.format,
					status: expected.status,
					code: expected.code,
					requestId: expected.requestId,
				},
			);
		});
	}
}
