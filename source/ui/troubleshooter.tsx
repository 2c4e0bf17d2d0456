import {useApp} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import type {Diagnosis} from '../core/types.js';
import type {CopyResult} from '../edge/clipboard.js';
import {headerLines, sectionLabels, sectionLines} from '../render/layout.js';
import type {SectionLines} from '../render/layout.js';
import {renderMarkdown} from '../render/markdown.js';
import {forTerminal, showDiagnosis} from '../render/shown.js';
import type {ShownReport} from '../render/shown.js';
import {draftStats, draftTail} from './draft-lines.js';
import type {Effect, Layout} from './keymap.js';
import {PasteScreen} from './paste-screen.js';
import {describeDraft} from './recognised.js';
import {ReportScreen} from './report-screen.js';
import {reducer} from './state.js';
import type {SectionId} from '../core/config/config.js';
import type {Action, ReportView, RunOffer, State} from './state.js';
import {useKeymap} from './use-keymap.js';
import {useTerminalSize} from './use-terminal-size.js';

/** Re-running the pasted curl command; absent when errdoctor is built without it. */
export type Rerun = {
	readonly offer: (diagnosis: Diagnosis, input: string) => {ok: true; offer: RunOffer} | {ok: false; message: string};
	/** Sends the request and returns the text to diagnose: the command followed by the response. */
	readonly send: (
		diagnosis: Diagnosis,
		input: string,
	) => Promise<{ok: true; text: string} | {ok: false; message: string}>;
};

/** Everything outside the screen the troubleshooter uses; tests pass fakes. */
export type Services = {
	readonly diagnose: (text: string) => Diagnosis | null;
	readonly copy: (markdown: string) => Promise<CopyResult>;
	/** Saves the summary and returns the file's path. */
	readonly save: (markdown: string) => Promise<string>;
	readonly saveDefaultSection: (section: SectionId) => Promise<void>;
	readonly rerun?: Rerun;
};

type Props = {
	readonly initial: State;
	readonly services: Services;
	/** False under NO_COLOR. */
	readonly color: boolean;
};

const nothingFound = 'Nothing to diagnose yet: no error body, HTTP request or response, or token found.';

function reportHints(width: number, canRun: boolean): string {
	const run = canRun ? ' · r re-run' : '';
	const long = `Tab section · ↑↓ scroll · Space tick · c copy · s save${run} · n new · ? help · q quit`;
	return long.length <= width ? long : `Tab ↑↓ Space · c copy · s save${canRun ? ' · r run' : ''} · n new · ? · q`;
}

const message = (error: unknown): string => forTerminal(error instanceof Error ? error.message : String(error));

/** The interactive troubleshooter: owns the state, lays out the screen, performs what keys ask for. */
export function Troubleshooter({initial, services, color}: Props) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const [state, setState] = useState(initial);
	const current = useRef(state);
	const dispatch = useCallback((action: Action): void => {
		current.current = reducer(current.current, action);
		setState(current.current);
	}, []);
	const notify = (tone: 'info' | 'error', text: string): void => {
		dispatch({type: 'notify', notice: {tone, text}});
	};

	const width = Math.max(20, columns);
	// One line short of the terminal: a frame as tall as the terminal makes Ink clear the screen on every update.
	const height = Math.max(8, rows - 1);
	const {report, screen, draft} = state;
	const canRun = Boolean(services.rerun && report?.canRun);

	const live = useMemo(
		() => (screen === 'paste' && draft.trim() !== '' ? {draft, diagnosis: services.diagnose(draft)} : null),
		[screen, draft, services],
	);
	const shownCache = useRef<{readonly diagnosis: Diagnosis; readonly shown: ShownReport} | null>(null);
	// Every view of a report reads the one redacted view of its diagnosis, made once per diagnosis.
	const shownOf = (diagnosis: Diagnosis): ShownReport => {
		if (shownCache.current?.diagnosis !== diagnosis) shownCache.current = {diagnosis, shown: showDiagnosis(diagnosis)};
		return shownCache.current.shown;
	};

	const header = report ? headerLines(shownOf(report.diagnosis), width) : [];
	const bodyHeight = Math.max(1, height - header.length - 3);
	const cache = useRef<{readonly key: readonly unknown[]; readonly lines: SectionLines} | null>(null);
	// Scrolling does not change the lines, so they are kept until something they are made from changes.
	const linesFor = (view: ReportView): SectionLines => {
		const key = [view.diagnosis, view.input, view.section, view.selected, view.ticked, width];
		if (!cache.current || key.some((part, index) => part !== cache.current!.key[index])) {
			const focus = {selected: view.selected, ticked: view.ticked, interactive: true};
			cache.current = {
				key,
				lines: sectionLines(shownOf(view.diagnosis), view.section, width, {focus, input: view.input}),
			};
		}

		return cache.current.lines;
	};

	// Keys read in one go (a fast typist, tmux send-keys) each see the layout of the state before them, not of the
	// last frame drawn: `2` then `↓` must move the highlight in the checklist `2` has just opened.
	const layoutFor = (now: State): Layout => {
		if (!now.report) return {bodyHeight, lineCount: 0, items: []};
		const lines = linesFor(now.report);
		const headerHeight = headerLines(shownOf(now.report.diagnosis), width).length;
		return {bodyHeight: Math.max(1, height - headerHeight - 3), lineCount: lines.lines.length, items: lines.items};
	};

	const markdown = (): string | null =>
		current.current.report
			? renderMarkdown(shownOf(current.current.report.diagnosis), current.current.report.ticked)
			: null;

	const perform = (effect: Effect): void => {
		const now = current.current;
		switch (effect) {
			case 'submit': {
				const diagnosis = live?.draft === now.draft ? live.diagnosis : services.diagnose(now.draft);
				if (diagnosis) {
					dispatch({type: 'show-report', diagnosis, input: now.draft, canRun: diagnosis.evidence.curl !== null});
				} else {
					notify('error', nothingFound);
				}

				break;
			}

			case 'copy': {
				const text = markdown();
				if (text === null) break;
				const ticks = now.report?.ticked.size ?? 0;
				void services.copy(text).then(
					(result) => {
						const what = `the ticket summary (redacted Markdown${ticks > 0 ? `, ${ticks} ticked` : ''})`;
						if (result.ok) notify('info', `Copied ${what} via ${forTerminal(result.via)}.`);
						else notify('error', forTerminal(result.message));
					},
					(error: unknown) => notify('error', `Copy failed: ${message(error)}`),
				);
				break;
			}

			case 'save': {
				const text = markdown();
				if (text === null) break;
				void services.save(text).then(
					(path) => notify('info', `Saved the ticket summary to ${forTerminal(path)}`),
					(error: unknown) => notify('error', `Could not save: ${message(error)}`),
				);
				break;
			}

			case 'save-default-section': {
				const chosen = now.report?.section;
				if (!chosen) break;
				void services.saveDefaultSection(chosen).then(
					() => {
						dispatch({type: 'set-default-section', section: chosen});
						notify('info', `Reports will open on this section (${chosen}) from now on.`);
					},
					(error: unknown) => notify('error', `Could not save the preference: ${message(error)}`),
				);
				break;
			}

			case 'offer-run': {
				if (!services.rerun || !now.report) break;
				const planned = services.rerun.offer(now.report.diagnosis, now.report.input);
				if (planned.ok) dispatch({type: 'offer-run', offer: planned.offer});
				else notify('error', forTerminal(planned.message));
				break;
			}

			case 'run': {
				const rerun = services.rerun;
				const shown = now.report;
				if (!rerun || !shown) break;
				dispatch({type: 'busy', text: 'Sending the request…'});
				void rerun.send(shown.diagnosis, shown.input).then(
					(sent) => {
						const diagnosis = sent.ok ? services.diagnose(sent.text) : null;
						if (sent.ok && diagnosis) {
							dispatch({type: 'show-report', diagnosis, input: sent.text, canRun: true});
							notify('info', 'This is the diagnosis of the request just sent.');
							return;
						}

						dispatch({type: 'close-overlay'});
						notify('error', sent.ok ? 'The answer held nothing to diagnose.' : forTerminal(sent.message));
					},
					(error: unknown) => {
						dispatch({type: 'close-overlay'});
						notify('error', `The request failed: ${message(error)}`);
					},
				);
				break;
			}

			case 'quit': {
				exit();
				break;
			}
		}
	};

	useKeymap({getState: () => current.current, getLayout: () => layoutFor(current.current), dispatch, perform});

	if (screen === 'paste' || !report) {
		const pasteBody = Math.max(1, height - 5);
		return (
			<PasteScreen
				lines={draftTail(draft, width - 1, pasteBody)}
				recognised={describeDraft(draft, live?.diagnosis ?? null)}
				stats={draftStats(draft)}
				notice={state.notice}
				width={width}
				height={height}
				color={color}
			/>
		);
	}

	const section = linesFor(report);
	const top = Math.min(report.scroll, Math.max(0, section.lines.length - bodyHeight));
	return (
		<ReportScreen
			header={header}
			labels={sectionLabels(shownOf(report.diagnosis), width)}
			active={report.section}
			body={section.lines.slice(top, top + bodyHeight)}
			bodyHeight={bodyHeight}
			overlay={state.overlay}
			notice={state.notice}
			hints={reportHints(width, canRun)}
			canRun={canRun}
			color={color}
		/>
	);
}
