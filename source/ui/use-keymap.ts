import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {decodeInput, idleDecoder} from './keys.js';
import type {Key} from './keys.js';
import {keymap} from './keymap.js';
import type {Effect, Layout} from './keymap.js';
import type {Action, State} from './state.js';

type Options = {
	/** The state as of the last action, not the last render: several keys can arrive in one read. */
	readonly getState: () => State;
	/** The layout of that state (not of the last frame), for the same reason. */
	readonly getLayout: () => Layout;
	readonly dispatch: (action: Action) => void;
	readonly perform: (effect: Effect) => void;
};

function oneKeyEach(state: State, key: Key): Key[] {
	return state.screen === 'report' && key.kind === 'text'
		? Array.from(key.text, (text): Key => ({kind: 'text', text}))
		: [key];
}

/**
 * The troubleshooter's one input hook: raw terminal input → keys → actions and effects. It reads Ink's raw input
 * events (see keys.ts for why not useInput) and takes raw mode only where the input is a terminal.
 */
export function useKeymap(options: Options): void {
	const {internal_eventEmitter: events, setRawMode, isRawModeSupported} = useStdin();
	const latest = useRef(options);
	latest.current = options;
	const decoder = useRef(idleDecoder);

	useEffect(() => {
		if (isRawModeSupported !== true) return;
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [isRawModeSupported, setRawMode]);

	useEffect(() => {
		const onInput = (event: string): void => {
			const decoded = decodeInput(decoder.current, event);
			decoder.current = decoded.state;
			const {getState, getLayout, dispatch, perform} = latest.current;
			for (const key of decoded.keys) {
				for (const single of oneKeyEach(getState(), key)) {
					const outcome = keymap(getState(), single, getLayout());
					for (const action of outcome.actions) dispatch(action);
					for (const effect of outcome.effects) perform(effect);
				}
			}
		};

		events.on('input', onInput);
		return () => {
			events.off('input', onInput);
		};
	}, [events]);
}
