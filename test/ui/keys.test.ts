import test from 'ava';
import {decodeInput, idleDecoder} from '../../source/ui/keys.js';
import type {DecoderState, Key} from '../../source/ui/keys.js';
import {keymap} from '../../source/ui/keymap.js';
import type {Layout} from '../../source/ui/keymap.js';
import {initialState, reducer} from '../../source/ui/state.js';
import {dakota401} from '../helpers/diagnosis.js';

function decodeAll(events: readonly string[]): Key[] {
	let state: DecoderState = idleDecoder;
	const keys: Key[] = [];
	for (const event of events) {
		const decoded = decodeInput(state, event);
		state = decoded.state;
		keys.push(...decoded.keys);
	}

	return keys;
}

test('a bracketed paste is one key with its newlines and escape sequences kept', (t) => {
	const keys = decodeAll(['\u001B[200~', 'curl \\\r  -H x\r', '\u001B[2J', '\r\n', '\u001B', 'q', '\u001B[201~']);
	t.deepEqual(keys, [{kind: 'paste', text: 'curl \\\n  -H x\n\u001B[2J\n\u001Bq'}]);
});

test('named keys, typed runs and control characters', (t) => {
	t.deepEqual(decodeAll(['\u001B[A', '\u001B[6~', '\u001B[Z', '\u001B', '\t', '\r', '\u007F', '\u0004', '\u0003']), [
		{kind: 'key', name: 'up'},
		{kind: 'key', name: 'page-down'},
		{kind: 'key', name: 'shift-tab'},
		{kind: 'key', name: 'escape'},
		{kind: 'key', name: 'tab'},
		{kind: 'key', name: 'enter'},
		{kind: 'key', name: 'backspace'},
		{kind: 'key', name: 'ctrl-d'},
		{kind: 'key', name: 'ctrl-c'},
	]);
	t.deepEqual(decodeAll(['ab\u007Fc']), [
		{kind: 'text', text: 'ab'},
		{kind: 'key', name: 'backspace'},
		{kind: 'text', text: 'c'},
	]);
	t.deepEqual(decodeAll(['\u001Bq']), [
		{kind: 'key', name: 'escape'},
		{kind: 'text', text: 'q'},
	]);
	t.deepEqual(decodeAll(['\u001B[99;5~']), [], 'unknown sequences are ignored, not typed');
});

test('without bracketed paste, a run with newlines is still a paste and never Enter', (t) => {
	t.deepEqual(decodeAll(['line one\rline two\r']), [{kind: 'paste', text: 'line one\nline two\n'}]);
});

const layout: Layout = {
	bodyHeight: 5,
	lineCount: 20,
	items: [
		{check: 0, top: 0, bottom: 2},
		{check: 2, top: 2, bottom: 3},
		{check: 4, top: 3, bottom: 9},
	],
};
const key = (name: Extract<Key, {kind: 'key'}>['name']): Key => ({kind: 'key', name});
const text = (value: string): Key => ({kind: 'text', text: value});

test('paste screen: Enter adds a line, Enter on an empty line or Ctrl-D submits', (t) => {
	const empty = initialState({});
	t.deepEqual(keymap(empty, key('enter'), layout), {actions: [], effects: []});
	t.is(keymap(empty, key('ctrl-d'), layout).actions[0]?.type, 'notify');
	const typed = reducer(empty, {type: 'insert', text: '{"a": 1}'});
	t.deepEqual(keymap(typed, key('enter'), layout).actions, [{type: 'insert', text: '\n'}]);
	const endsWithNewline = reducer(typed, {type: 'insert', text: '\n'});
	t.deepEqual(keymap(endsWithNewline, key('enter'), layout).effects, ['submit']);
	t.deepEqual(keymap(typed, key('ctrl-d'), layout).effects, ['submit']);
	t.deepEqual(keymap(typed, key('escape'), layout).actions, [{type: 'clear-draft'}]);
	t.deepEqual(keymap(typed, text('q'), layout).actions, [{type: 'insert', text: 'q'}], 'q is text while pasting');
	t.deepEqual(keymap(typed, key('ctrl-c'), layout).effects, ['quit']);
});

test('report screen keys', (t) => {
	const state = initialState({report: {diagnosis: dakota401, input: 'x', canRun: false}});
	t.deepEqual(keymap(state, key('tab'), layout).actions, [{type: 'focus-next-section'}]);
	t.deepEqual(keymap(state, key('left'), layout).actions, [{type: 'focus-previous-section'}]);
	t.deepEqual(keymap(state, key('page-down'), layout).actions, [{type: 'scroll', by: 4, max: 15}]);
	t.deepEqual(keymap(state, key('down'), layout).actions, [{type: 'scroll', by: 1, max: 15}]);
	t.deepEqual(keymap(state, text('3'), layout).actions, [{type: 'focus-section', section: 'tokens'}]);
	t.deepEqual(keymap(state, text('c'), layout).effects, ['copy']);
	t.deepEqual(keymap(state, text('s'), layout).effects, ['save']);
	t.deepEqual(keymap(state, text('r'), layout), {actions: [], effects: []}, 'no re-run without a command');
	t.deepEqual(keymap(state, text('q'), layout).effects, ['quit']);
	t.deepEqual(keymap(state, text('n'), layout).actions, [{type: 'new-paste'}]);
	t.deepEqual(keymap(state, {kind: 'paste', text: '{}'}, layout).actions, [
		{type: 'new-paste'},
		{type: 'insert', text: '{}'},
	]);
	const runnable = initialState({report: {diagnosis: dakota401, input: 'x', canRun: true}});
	t.deepEqual(keymap(runnable, text('r'), layout).effects, ['offer-run']);
});

test('checklist: arrows move the highlight, Space ticks the highlighted item', (t) => {
	const state = initialState({report: {diagnosis: dakota401, input: 'x', canRun: false}, defaultSection: 'checklist'});
	t.deepEqual(keymap(state, key('down'), layout).actions, [
		{type: 'select-item', index: 1, top: 2, bottom: 3, height: 5},
	]);
	const last = reducer(state, {type: 'select-item', index: 2, top: 3, bottom: 9, height: 5});
	t.deepEqual(
		keymap(last, key('down'), layout).actions,
		[{type: 'select-item', index: 2, top: 3, bottom: 20, height: 5}],
		'the last item brings the legend below it into view',
	);
	t.deepEqual(keymap(last, text(' '), layout).actions, [{type: 'toggle-tick', check: 4}]);
});

test('overlays: any key closes help, only y runs, Ctrl-C always quits', (t) => {
	const state = initialState({report: {diagnosis: dakota401, input: 'x', canRun: true}});
	const help = reducer(state, {type: 'show-help'});
	t.deepEqual(keymap(help, text('q'), layout), {actions: [{type: 'close-overlay'}], effects: []});
	const asking = reducer(state, {type: 'offer-run', offer: {method: 'GET', host: 'h', warnings: []}});
	t.deepEqual(keymap(asking, text('y'), layout), {actions: [{type: 'close-overlay'}], effects: ['run']});
	t.deepEqual(keymap(asking, key('enter'), layout), {actions: [{type: 'close-overlay'}], effects: []});
	const busy = reducer(state, {type: 'busy', text: 'Sending'});
	t.deepEqual(keymap(busy, text('q'), layout), {actions: [], effects: []});
	t.deepEqual(keymap(busy, key('ctrl-c'), layout).effects, ['quit']);
});
