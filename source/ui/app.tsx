import {writeSync} from 'node:fs';
import {render} from 'ink';
import type {State} from './state.js';
import type {Services} from './troubleshooter.js';
import {Troubleshooter} from './troubleshooter.js';

export type {Services} from './troubleshooter.js';
export {initialState} from './state.js';

export type TuiOptions = {
	readonly initial: State;
	readonly services: Services;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly color: boolean;
};

// The alternate screen keeps the shell's scrollback as it was; bracketed paste marks where a paste starts and ends.
const enterScreen = '\u001B[?1049h\u001B[?2004h';
const leaveScreen = '\u001B[?2004l\u001B[?1049l';

/** Runs the interactive troubleshooter until the user quits; the terminal is restored however it ends. */
export async function runTui({initial, services, stdin, stdout, color}: TuiOptions): Promise<void> {
	// A signal or process.exit skips the finally below; this puts the terminal back synchronously.
	const restore = (): void => {
		try {
			writeSync((stdout as NodeJS.WriteStream & {fd: number}).fd, leaveScreen);
		} catch {
			// The terminal is gone; there is nothing left to restore.
		}
	};

	stdout.write(enterScreen);
	process.once('exit', restore);
	try {
		const instance = render(<Troubleshooter initial={initial} services={services} color={color} />, {
			stdin,
			stdout,
			stderr: process.stderr,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		await instance.waitUntilExit();
	} finally {
		process.off('exit', restore);
		stdout.write(leaveScreen);
	}
}
