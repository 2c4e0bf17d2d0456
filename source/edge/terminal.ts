import {openSync} from 'node:fs';
import tty from 'node:tty';

/** Where the interactive screen reads keys from and draws to. */
export type Terminal = {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	/** Closes what was opened here; process.stdin and process.stdout are left alone. */
	readonly close: () => void;
};

/**
 * The terminal the user sits at, the way fzf finds it: stdin and stdout when they are terminals, else /dev/tty
 * (stdin is a pipe carrying the input, or stdout is redirected).
 */
export function openTerminal(): {ok: true; terminal: Terminal} | {ok: false; message: string} {
	const opened: Array<tty.ReadStream | tty.WriteStream> = [];
	try {
		const stdin = process.stdin.isTTY ? process.stdin : new tty.ReadStream(openSync('/dev/tty', 'r'));
		if (stdin !== process.stdin) opened.push(stdin);
		const stdout = process.stdout.isTTY ? process.stdout : new tty.WriteStream(openSync('/dev/tty', 'w'));
		// Node refreshes the size of process.stdout on SIGWINCH, not of a terminal opened by hand; getWindowSize() only
		// returns the cached size, so this calls what Node calls for stdout (it re-reads the size and emits 'resize').
		const resized = (): void => {
			(stdout as tty.WriteStream & {_refreshSize?: () => void})._refreshSize?.();
		};

		if (stdout !== process.stdout) {
			opened.push(stdout);
			process.on('SIGWINCH', resized);
		}

		const close = (): void => {
			process.off('SIGWINCH', resized);
			for (const stream of opened) stream.destroy();
		};

		return {ok: true, terminal: {stdin, stdout, close}};
	} catch (error) {
		for (const stream of opened) stream.destroy();
		const code = (error as NodeJS.ErrnoException).code ?? String(error);
		return {ok: false, message: `no terminal to talk to (/dev/tty: ${code})`};
	}
}
