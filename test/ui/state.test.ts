import test from 'ava';
import {initialState, reducer} from '../../source/ui/state.js';
import type {Action, State} from '../../source/ui/state.js';
import {dakota401, dakotaValidation} from '../helpers/diagnosis.js';

const run = (state: State, ...actions: Action[]): State => actions.reduce(reducer, state);
const withReport = (): State =>
	initialState({report: {diagnosis: dakota401, input: 'pasted', canRun: false}, defaultSection: 'checklist'});

test('starts on the paste screen, or on the report of piped input at the preferred section', (t) => {
	t.like(initialState({}), {screen: 'paste', draft: '', report: null, defaultSection: 'summary'});
	const state = withReport();
	t.is(state.screen, 'report');
	t.like(state.report, {section: 'checklist', scroll: 0, selected: 0, input: 'pasted'});
});

test('editing the draft: insert, delete the last character (a whole emoji), clear', (t) => {
	let state = run(initialState({}), {type: 'insert', text: 'ab🙂'}, {type: 'delete-back'});
	t.is(state.draft, 'ab');
	state = run(state, {type: 'delete-back'}, {type: 'delete-back'}, {type: 'delete-back'});
	t.is(state.draft, '');
	t.is(run(state, {type: 'insert', text: 'x'}, {type: 'clear-draft'}).draft, '');
});

test('sections wrap around both ways and reset the scroll', (t) => {
	let state = run(withReport(), {type: 'scroll', by: 5, max: 10});
	t.is(state.report?.scroll, 5);
	state = run(state, {type: 'focus-next-section'});
	t.like(state.report, {section: 'tokens', scroll: 0});
	state = run(state, {type: 'focus-section', section: 'raw'}, {type: 'focus-next-section'});
	t.is(state.report?.section, 'summary');
	state = run(state, {type: 'focus-previous-section'});
	t.is(state.report?.section, 'raw');
});

test('scrolling stays between the top and the last page', (t) => {
	const state = withReport();
	t.is(run(state, {type: 'scroll', by: -3, max: 10}).report?.scroll, 0);
	t.is(run(state, {type: 'scroll', by: Infinity, max: 10}).report?.scroll, 10);
	t.is(run(state, {type: 'scroll', by: 4, max: -2}).report?.scroll, 0, 'a section shorter than the screen');
});

test('selecting an item scrolls just enough to show all of it', (t) => {
	let state = run(withReport(), {type: 'select-item', index: 3, top: 12, bottom: 15, height: 10});
	t.like(state.report, {selected: 3, scroll: 5});
	state = run(state, {type: 'select-item', index: 1, top: 2, bottom: 4, height: 10});
	t.like(state.report, {selected: 1, scroll: 2});
	state = run(state, {type: 'select-item', index: 2, top: 6, bottom: 8, height: 10});
	t.is(state.report?.scroll, 2, 'already visible: no jump');
});

test('only manual checks can be ticked, and a second tick unticks', (t) => {
	const manual = dakota401.checks.findIndex((check) => check.result === 'manual');
	const failing = dakota401.checks.findIndex((check) => check.result === 'fail');
	let state = run(withReport(), {type: 'toggle-tick', check: manual}, {type: 'toggle-tick', check: failing});
	t.deepEqual([...state.report!.ticked], [manual]);
	state = run(state, {type: 'toggle-tick', check: manual});
	t.is(state.report!.ticked.size, 0);
});

test('a new paste keeps the preference, a new report starts fresh', (t) => {
	const manual = dakota401.checks.findIndex((check) => check.result === 'manual');
	let state = run(
		withReport(),
		{type: 'toggle-tick', check: manual},
		{type: 'set-default-section', section: 'raw'},
		{type: 'new-paste'},
	);
	t.like(state, {screen: 'paste', draft: '', defaultSection: 'raw'});
	state = run(state, {type: 'show-report', diagnosis: dakotaValidation, input: 'body', canRun: false});
	t.like(state.report, {section: 'raw', selected: 0});
	t.is(state.report!.ticked.size, 0);
});

test('overlays and notices', (t) => {
	const offer = {method: 'POST', host: 'api.example', warnings: []};
	let state = run(withReport(), {type: 'show-help'});
	t.deepEqual(state.overlay, {kind: 'help'});
	state = run(state, {type: 'offer-run', offer});
	t.deepEqual(state.overlay, {kind: 'confirm-run', offer});
	state = run(state, {type: 'busy', text: 'Sending'}, {type: 'close-overlay'});
	t.deepEqual(state.overlay, {kind: 'none'});
	state = run(state, {type: 'notify', notice: {tone: 'info', text: 'Copied'}});
	t.is(state.notice?.text, 'Copied');
	t.is(run(state, {type: 'focus-next-section'}).notice, null);
});

test('actions that need a report leave the paste screen alone', (t) => {
	const state = initialState({});
	for (const action of [
		{type: 'focus-next-section'},
		{type: 'scroll', by: 3, max: 9},
		{type: 'toggle-tick', check: 0},
		{type: 'select-item', index: 1, top: 0, bottom: 1, height: 5},
	] as const) {
		t.is(reducer(state, action), state);
	}
});
