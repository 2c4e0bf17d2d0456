import type {Key} from './keys.js';
import type {SectionLines} from '../render/layout.js';
import {SECTIONS} from '../core/config/config.js';
import type {Action, ReportView, State} from './state.js';

/** Work a key asks for beyond a state change: the troubleshooter performs it and reports back with actions. */
export type Effect = 'submit' | 'copy' | 'save' | 'offer-run' | 'run' | 'save-default-section' | 'quit';

/** What the keymap needs to know about the screen as drawn. */
export type Layout = {
	readonly bodyHeight: number;
	readonly lineCount: number;
	readonly items: SectionLines['items'];
};

export type KeyOutcome = {readonly actions: readonly Action[]; readonly effects: readonly Effect[]};

const none: KeyOutcome = {actions: [], effects: []};
const act = (...actions: Action[]): KeyOutcome => ({actions, effects: []});
const perform = (...effects: Effect[]): KeyOutcome => ({actions: [], effects});

function pasteKeys(state: State, key: Key): KeyOutcome {
	if (key.kind !== 'key') return act({type: 'insert', text: key.text});
	const empty = state.draft.trim() === '';
	switch (key.name) {
		case 'enter': {
			if (empty) return none;
			// Enter on an empty line submits; a paste's own newlines never get here (they are part of the paste).
			return state.draft.endsWith('\n') ? perform('submit') : act({type: 'insert', text: '\n'});
		}

		case 'ctrl-d': {
			return empty
				? act({type: 'notify', notice: {tone: 'error', text: 'Paste something first; Ctrl-C quits.'}})
				: perform('submit');
		}

		case 'backspace': {
			return act({type: 'delete-back'});
		}

		case 'escape': {
			return act({type: 'clear-draft'});
		}

		case 'ctrl-c': {
			return perform('quit');
		}

		default: {
			return none;
		}
	}
}

function scroll(by: number, layout: Layout): Action {
	return {type: 'scroll', by, max: layout.lineCount - layout.bodyHeight};
}

function moveSelection(report: ReportView, by: number, layout: Layout): Action {
	const index = Math.min(Math.max(report.selected + by, 0), layout.items.length - 1);
	const item = layout.items[index]!;
	// The last item also brings the legend under the list into view.
	const bottom = index === layout.items.length - 1 ? layout.lineCount : item.bottom;
	return {type: 'select-item', index, top: item.top, bottom, height: layout.bodyHeight};
}

function reportKey(state: State, report: ReportView, key: Key, layout: Layout): KeyOutcome {
	const page = Math.max(1, layout.bodyHeight - 1);
	const inChecklist = report.section === 'checklist' && layout.items.length > 0;
	if (key.kind === 'key') {
		switch (key.name) {
			case 'tab':
			case 'right': {
				return act({type: 'focus-next-section'});
			}

			case 'shift-tab':
			case 'left': {
				return act({type: 'focus-previous-section'});
			}

			case 'up':
			case 'down': {
				const by = key.name === 'up' ? -1 : 1;
				return act(inChecklist ? moveSelection(report, by, layout) : scroll(by, layout));
			}

			case 'page-up': {
				return act(scroll(-page, layout));
			}

			case 'page-down': {
				return act(scroll(page, layout));
			}

			case 'home': {
				return act(scroll(-Infinity, layout));
			}

			case 'end': {
				return act(scroll(Infinity, layout));
			}

			case 'ctrl-c': {
				return perform('quit');
			}

			default: {
				return none;
			}
		}
	}

	// Pasting over a report starts a new diagnosis with what was pasted.
	if (key.kind === 'paste') return act({type: 'new-paste'}, {type: 'insert', text: key.text});
	const character = key.text;
	const section = SECTIONS[Number(character) - 1];
	if (section) return act({type: 'focus-section', section});
	switch (character) {
		case ' ': {
			const item = layout.items[report.selected];
			if (inChecklist && item) return act({type: 'toggle-tick', check: item.check});
			return act({type: 'notify', notice: {tone: 'info', text: 'Space ticks a manual (?) item in the Checklist.'}});
		}

		case 'c': {
			return perform('copy');
		}

		case 's': {
			return perform('save');
		}

		case 'r': {
			return report.canRun ? perform('offer-run') : none;
		}

		case 'd': {
			return perform('save-default-section');
		}

		case 'n': {
			return act({type: 'new-paste'});
		}

		case '?': {
			return act({type: 'show-help'});
		}

		case 'q': {
			return perform('quit');
		}

		default: {
			return none;
		}
	}
}

function overlayKey(state: State, key: Key): KeyOutcome | null {
	const {overlay} = state;
	if (overlay.kind === 'none') return null;
	if (key.kind === 'key' && key.name === 'ctrl-c') return perform('quit');
	if (overlay.kind === 'busy') return none;
	if (overlay.kind === 'confirm-run' && key.kind === 'text' && key.text.toLowerCase() === 'y') {
		return {actions: [{type: 'close-overlay'}], effects: ['run']};
	}

	return act({type: 'close-overlay'});
}

/**
 * Maps one key to state changes and effects. Pure: the screen's state and layout come in, nothing is performed.
 * On the report screen each typed character is a key of its own: pass them one at a time.
 */
export function keymap(state: State, key: Key, layout: Layout): KeyOutcome {
	const overlay = overlayKey(state, key);
	if (overlay) return overlay;
	if (state.screen === 'paste' || !state.report) return pasteKeys(state, key);
	return reportKey(state, state.report, key, layout);
}
