/*
Ink's useInput strips the ESC from escape sequences and reports a lone CR as an empty string, which loses the exact
text of a paste. The troubleshooter reads Ink's raw input events instead (each one is a run of text or a single
escape sequence) and decodes them here, including bracketed paste: everything between ESC [200~ and ESC [201~ is
one paste, so its newlines never act as Enter.
*/

/** A key the troubleshooter knows by name. */
export type KeyName =
	| 'enter'
	| 'tab'
	| 'shift-tab'
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'page-up'
	| 'page-down'
	| 'home'
	| 'end'
	| 'escape'
	| 'backspace'
	| 'ctrl-c'
	| 'ctrl-d';

/** One decoded input: a named key, typed text, or a whole paste. */
export type Key =
	| {readonly kind: 'key'; readonly name: KeyName}
	| {readonly kind: 'text'; readonly text: string}
	| {readonly kind: 'paste'; readonly text: string};

/** Whether a bracketed paste is under way, and what it has collected so far. */
export type DecoderState = {readonly pasting: boolean; readonly collected: string};

export const idleDecoder: DecoderState = {pasting: false, collected: ''};

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

/** Beyond this a paste is a log, not one error; the rest is dropped rather than held in memory. */
export const maxPasteLength = 64 * 1024 * 1024;

const sequences: Readonly<Record<string, KeyName>> = {
	'\u001B[A': 'up',
	'\u001B[B': 'down',
	'\u001B[C': 'right',
	'\u001B[D': 'left',
	'\u001BOA': 'up',
	'\u001BOB': 'down',
	'\u001BOC': 'right',
	'\u001BOD': 'left',
	'\u001B[5~': 'page-up',
	'\u001B[6~': 'page-down',
	'\u001B[H': 'home',
	'\u001B[F': 'end',
	'\u001BOH': 'home',
	'\u001BOF': 'end',
	'\u001B[1~': 'home',
	'\u001B[4~': 'end',
	'\u001B[7~': 'home',
	'\u001B[8~': 'end',
	'\u001B[Z': 'shift-tab',
	'\u001B': 'escape',
	'\u001B\u001B': 'escape',
};

const controls: Readonly<Record<string, KeyName>> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl-c',
	'\u0004': 'ctrl-d',
};

/** Terminals send a pasted newline as CR; the parsers expect LF. */
export function pasteText(raw: string): string {
	return raw.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
}

// Typed text arrives in runs when keys come faster than a frame; each control character in a run is its own key.
function textKeys(text: string): Key[] {
	const keys: Key[] = [];
	let run = '';
	for (const character of text) {
		const name = controls[character];
		const isControl = character < ' ' || character === '\u007F';
		if (!isControl) {
			run += character;
			continue;
		}

		if (run !== '') keys.push({kind: 'text', text: run});
		run = '';
		if (name) keys.push({kind: 'key', name});
	}

	if (run !== '') keys.push({kind: 'text', text: run});
	return keys;
}

/** Decodes one raw input event. Pure: the decoder state comes in and goes out. */
export function decodeInput(state: DecoderState, event: string): {state: DecoderState; keys: Key[]} {
	if (state.pasting) {
		if (event === pasteEnd) {
			return {state: idleDecoder, keys: [{kind: 'paste', text: pasteText(state.collected)}]};
		}

		// V8 concatenates strings as ropes, so collecting a paste event by event stays linear.
		if (state.collected.length + event.length > maxPasteLength) return {state, keys: []};
		return {state: {pasting: true, collected: state.collected + event}, keys: []};
	}

	if (event === pasteStart) return {state: {pasting: true, collected: ''}, keys: []};
	if (event === pasteEnd) return {state, keys: []};
	const named = sequences[event];
	if (named) return {state, keys: [{kind: 'key', name: named}]};
	if (event.startsWith('\u001B')) {
		// Alt+letter, or Esc and a letter typed within one read: Esc, then the letter. Other sequences are ignored.
		const rest = event.slice(1);
		return /^[^\u001B[O]$/u.test(rest)
			? {state, keys: [{kind: 'key', name: 'escape'}, ...textKeys(rest)]}
			: {state, keys: []};
	}

	// A terminal without bracketed paste delivers a paste as one run with its newlines in it.
	if (event.length > 1 && /[\r\n]/.test(event)) return {state, keys: [{kind: 'paste', text: pasteText(event)}]};
	return {state, keys: textKeys(event)};
}
