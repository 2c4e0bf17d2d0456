import {SECTIONS} from '../core/config/config.js';
import type {SectionId} from '../core/config/config.js';
import type {Diagnosis} from '../core/types.js';

/** A one-line message under the screen: what a key did, or why it could not. */
export type Notice = {readonly tone: 'info' | 'error'; readonly text: string};

/** What the re-run confirmation shows before anything is sent. */
export type RunOffer = {
	readonly method: string;
	readonly host: string;
	readonly warnings: readonly string[];
};

export type Overlay =
	| {readonly kind: 'none'}
	| {readonly kind: 'help'}
	| {readonly kind: 'confirm-run'; readonly offer: RunOffer}
	| {readonly kind: 'busy'; readonly text: string};

/** The report screen: one diagnosis and where the reader is in it. */
export type ReportView = {
	readonly diagnosis: Diagnosis;
	/** The text that was diagnosed, shown escaped in the Raw section. */
	readonly input: string;
	readonly section: SectionId;
	/** First body line shown. */
	readonly scroll: number;
	/** Position of the highlighted item in the Checklist section, in display order. */
	readonly selected: number;
	/** Positions in `diagnosis.checks` of manual items the reader has confirmed. */
	readonly ticked: ReadonlySet<number>;
	/** The input held a curl command and the re-run key is available. */
	readonly canRun: boolean;
};

export type State = {
	readonly screen: 'paste' | 'report';
	/** The paste screen's text. */
	readonly draft: string;
	readonly report: ReportView | null;
	readonly overlay: Overlay;
	readonly notice: Notice | null;
	/** The section a new report opens on (a preference). */
	readonly defaultSection: SectionId;
};

export type Action =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'delete-back'}
	| {readonly type: 'clear-draft'}
	| {readonly type: 'show-report'; readonly diagnosis: Diagnosis; readonly input: string; readonly canRun: boolean}
	| {readonly type: 'new-paste'}
	| {readonly type: 'focus-section'; readonly section: SectionId}
	| {readonly type: 'focus-next-section'}
	| {readonly type: 'focus-previous-section'}
	/** Moves the body by `by` lines (±Infinity for the ends), never past `max`. */
	| {readonly type: 'scroll'; readonly by: number; readonly max: number}
	/** Highlights a checklist item and scrolls so its lines, `top` to `bottom` (exclusive), are in a body `height` tall. */
	| {
			readonly type: 'select-item';
			readonly index: number;
			readonly top: number;
			readonly bottom: number;
			readonly height: number;
	  }
	| {readonly type: 'toggle-tick'; readonly check: number}
	| {readonly type: 'show-help'}
	| {readonly type: 'offer-run'; readonly offer: RunOffer}
	| {readonly type: 'busy'; readonly text: string}
	| {readonly type: 'close-overlay'}
	| {readonly type: 'notify'; readonly notice: Notice}
	| {readonly type: 'set-default-section'; readonly section: SectionId};

/** The state the troubleshooter starts in: the paste screen, or a report when input was piped in. */
export function initialState(options: {
	readonly defaultSection?: SectionId;
	readonly report?: {readonly diagnosis: Diagnosis; readonly input: string; readonly canRun: boolean};
}): State {
	const base: State = {
		screen: 'paste',
		draft: '',
		report: null,
		overlay: {kind: 'none'},
		notice: null,
		defaultSection: options.defaultSection ?? 'summary',
	};
	return options.report ? reducer(base, {type: 'show-report', ...options.report}) : base;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

function withReport(state: State, change: (report: ReportView) => Partial<ReportView>): State {
	return state.report ? {...state, report: {...state.report, ...change(state.report)}} : state;
}

function focus(state: State, step: (index: number) => number): State {
	if (!state.report) return state;
	const index = SECTIONS.indexOf(state.report.section);
	const next = SECTIONS[(step(index) + SECTIONS.length) % SECTIONS.length]!;
	return reducer(state, {type: 'focus-section', section: next});
}

// Dropping the last code point, not the last UTF-16 unit, so an emoji is never cut in half.
function withoutLastCharacter(text: string): string {
	const last = text.codePointAt(text.length - 2);
	return text.slice(0, last !== undefined && last > 0xff_ff ? -2 : -1);
}

/** All screen logic: pure, no React, no I/O. */
export function reducer(state: State, action: Action): State {
	switch (action.type) {
		case 'insert': {
			return {...state, draft: state.draft + action.text, notice: null};
		}

		case 'delete-back': {
			return {...state, draft: withoutLastCharacter(state.draft)};
		}

		case 'clear-draft': {
			return {...state, draft: '', notice: null};
		}

		case 'show-report': {
			return {
				...state,
				screen: 'report',
				overlay: {kind: 'none'},
				notice: null,
				report: {
					diagnosis: action.diagnosis,
					input: action.input,
					section: state.defaultSection,
					scroll: 0,
					selected: 0,
					ticked: new Set(),
					canRun: action.canRun,
				},
			};
		}

		case 'new-paste': {
			return {...state, screen: 'paste', draft: '', overlay: {kind: 'none'}, notice: null};
		}

		case 'focus-section': {
			return {...withReport(state, () => ({section: action.section, scroll: 0})), notice: null};
		}

		case 'focus-next-section': {
			return focus(state, (index) => index + 1);
		}

		case 'focus-previous-section': {
			return focus(state, (index) => index - 1);
		}

		case 'scroll': {
			return withReport(state, (report) => ({scroll: clamp(report.scroll + action.by, 0, Math.max(0, action.max))}));
		}

		case 'select-item': {
			return withReport(state, (report) => {
				const scroll = Math.min(report.scroll, action.top);
				return {selected: action.index, scroll: Math.max(scroll, action.bottom - action.height, 0)};
			});
		}

		case 'toggle-tick': {
			return withReport(state, (report) => {
				if (report.diagnosis.checks[action.check]?.result !== 'manual') return {};
				const ticked = new Set(report.ticked);
				if (!ticked.delete(action.check)) ticked.add(action.check);
				return {ticked};
			});
		}

		case 'show-help': {
			return {...state, overlay: {kind: 'help'}};
		}

		case 'offer-run': {
			return {...state, overlay: {kind: 'confirm-run', offer: action.offer}, notice: null};
		}

		case 'busy': {
			return {...state, overlay: {kind: 'busy', text: action.text}};
		}

		case 'close-overlay': {
			return {...state, overlay: {kind: 'none'}};
		}

		case 'notify': {
			return {...state, notice: action.notice};
		}

		case 'set-default-section': {
			return {...state, defaultSection: action.section};
		}
	}
}
