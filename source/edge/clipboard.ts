import {spawn} from 'node:child_process';

/** The `clipboard` preference. */
export type ClipboardMode = 'auto' | 'osc52' | 'command' | 'off';

/** A program that takes text on stdin and puts it on the system clipboard. */
export type ClipboardCommand = {readonly command: string; readonly args: readonly string[]};

type Environment = Readonly<Record<string, string | undefined>>;

/** What was done with the text, in words for the status line. */
export type CopyResult = {readonly ok: true; readonly via: string} | {readonly ok: false; readonly message: string};

/** The clipboard programs worth trying here, in order. */
export function clipboardCommands(platform: NodeJS.Platform, env: Environment): ClipboardCommand[] {
	if (platform === 'darwin') return [{command: 'pbcopy', args: []}];
	if (platform === 'win32') return [{command: 'clip.exe', args: []}];
	const commands: ClipboardCommand[] = [];
	if (env['WAYLAND_DISPLAY']) commands.push({command: 'wl-copy', args: []});
	if (env['DISPLAY']) {
		commands.push(
			{command: 'xclip', args: ['-selection', 'clipboard']},
			{command: 'xsel', args: ['--clipboard', '--input']},
		);
	}

	// WSL: the Windows clipboard is reachable from Linux through clip.exe.
	if (env['WSL_DISTRO_NAME']) commands.push({command: 'clip.exe', args: []});
	return commands;
}

/** OSC 52: the terminal (local, or at the far end of SSH) sets its clipboard from base64 text. */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

function runCommand({command, args}: ClipboardCommand, text: string): Promise<boolean> {
	return new Promise((resolve) => {
		let settled = false;
		const finish = (ok: boolean): void => {
			if (!settled) resolve(ok);
			settled = true;
		};

		// No shell: the command name and arguments are fixed, and the text goes through stdin only.
		const child = spawn(command, [...args], {stdio: ['pipe', 'ignore', 'ignore'], shell: false});
		const timer = setTimeout(() => {
			child.kill();
			finish(false);
		}, 3000);
		child.on('error', () => {
			clearTimeout(timer);
			finish(false);
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			finish(code === 0);
		});
		child.stdin.on('error', () => finish(false));
		child.stdin.end(text);
	});
}

export type CopyOptions = {
	readonly mode: ClipboardMode;
	/** Writes to the terminal the screen is on (for OSC 52). */
	readonly writeTerminal: (data: string) => void;
	readonly platform?: NodeJS.Platform;
	readonly env?: Environment;
	readonly run?: (command: ClipboardCommand, text: string) => Promise<boolean>;
};

/**
 * Puts text on the clipboard: a clipboard program when one works (unless the preference says OSC 52), else OSC 52.
 * Over SSH without a display the programs would fill the remote machine's clipboard, so OSC 52 goes first.
 */
export async function copyToClipboard(text: string, options: CopyOptions): Promise<CopyResult> {
	const env = options.env ?? process.env;
	const run = options.run ?? runCommand;
	if (options.mode === 'off') {
		return {ok: false, message: 'copying is off in the preferences (clipboard: "off"); s saves to a file instead'};
	}

	const remote = Boolean(env['SSH_CONNECTION'] ?? env['SSH_TTY']) && !env['DISPLAY'] && !env['WAYLAND_DISPLAY'];
	if (options.mode === 'osc52' || (options.mode === 'auto' && remote)) {
		options.writeTerminal(osc52(text));
		return {ok: true, via: 'OSC 52 (your terminal must allow clipboard writes)'};
	}

	for (const command of clipboardCommands(options.platform ?? process.platform, env)) {
		// One after another: the first program that works is enough.
		if (await run(command, text)) return {ok: true, via: command.command};
	}

	if (options.mode === 'command') {
		return {
			ok: false,
			message: 'no clipboard program worked (pbcopy, wl-copy, xclip, xsel, clip.exe); s saves to a file',
		};
	}

	options.writeTerminal(osc52(text));
	return {ok: true, via: 'OSC 52 (your terminal must allow clipboard writes)'};
}
