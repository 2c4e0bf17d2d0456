import test from 'ava';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogs} from '../helpers/catalogs.js';
import {formCases, formFixture} from './forms-cases.js';

for (const form of formCases) {
	test(`diagnose reads ${form.file}: its kinds, status and where it came from, code, message and request`, (t) => {
		const diagnosis = diagnose(formFixture(form.file), {catalogs, now: '2024-03-05T11:00:00Z'});
		if (!diagnosis) return t.fail('nothing recognised');
		t.deepEqual(diagnosis.evidence.kinds, form.kinds);
		t.is(diagnosis.status, form.status);
		t.is(diagnosis.statusSource, form.statusSource);
		t.is(diagnosis.reading.code, form.code);
		t.is(diagnosis.reading.message, form.message);
		const {request} = diagnosis.evidence;
		t.deepEqual(request && [request.method, request.url], form.request);
		if (form.header !== null)
			t.true(
				request?.headers.some(([name]) => name === form.header),
				form.header,
			);
		t.deepEqual(request?.unexpanded ?? [], form.unexpanded);
	});
}
