import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {cliPath} from '../helpers/cli.js';

/*
Drives the built CLI in a real terminal: tmux gives it a pty of a known size, pastes arrive as bracketed pastes
(paste-buffer -p), and capture-pane reads the screen. Each test has its own tmux server, so they run in parallel.
*/

const fixtures = fileURLToPath(new URL('../fixtures/e2e/', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'errdoctor-tui-'));

type Tmux = {
	readonly run: (...args: string[]) => string;
	readonly screen: () => string;
	readonly waitFor: (pattern: RegExp | ((screen: string) => boolean), timeoutMs?: number) => Promise<string>;
	readonly close: () => void;
};

function startTmux(name: string, command: string): Tmux {
	const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', TERM: 'xterm-256color'};
	delete env['CI'];
	delete env['TMUX'];
	delete env['NODE_EXTRA_CA_CERTS'];
	const run = (...args: string[]): string => {
		const result = spawnSync('tmux', ['-L', `errdoctor-${name}-${process.pid}`, '-f', '/dev/null', ...args], {
			encoding: 'utf8',
			env,
			cwd: work,
		});
		return result.stdout;
	};

	// The marker shows what the shell printed before: it must be back on screen once errdoctor exits.
	const shell = `printf 'BEFORE-ERRDOCTOR\\n'; ${command}; echo "[exited $?]"; exec sleep 60`;
	run('new-session', '-d', '-x', '100', '-y', '30', '-s', 'main', 'sh', '-c', shell);
	// With set-clipboard on, an OSC 52 reaching tmux would create a paste buffer: the hostile test looks for one.
	run('set-option', '-g', 'set-clipboard', 'on');
	const screen = (): string => run('capture-pane', '-p', '-t', 'main');
	const waitFor = async (pattern: RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> => {
		const matches = typeof pattern === 'function' ? pattern : (text: string) => pattern.test(text);
		const deadline = Date.now() + timeoutMs;
		let text = screen();
		while (!matches(text) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			text = screen();
		}

		return text;
	};

	return {run, screen, waitFor, close: () => run('kill-server')};
}

function paste(tmux: Tmux, file: string): void {
	tmux.run('load-buffer', '-b', 'paste', file);
	tmux.run('paste-buffer', '-p', '-d', '-b', 'paste', '-t', 'main');
}

const node = `${process.execPath} ${cliPath}`;

test('paste a Dakota curl command and its 401, read the report, Tab to the checklist, q restores the terminal', async (t) => {
	if (!hasTmux) return t.fail('tmux is not installed (.ci/run installs it)');
	// errdoctor with no arguments on a terminal opens the paste screen (errdoctor paste does the same).
	const tmux = startTmux('paste', node);
	try {
		t.regex(await tmux.waitFor(/Recognised:/), /Nothing pasted yet/);
		paste(tmux, join(fixtures, 'dakota-curl-401.txt'));
		let screen = await tmux.waitFor(/Recognised: curl command/);
		t.regex(screen, /Recognised: curl command · HTTP response · Dakota · 401/);
		t.notRegex(screen, /authentication-error ·/, 'the newlines inside the paste did not submit it');

		tmux.run('send-keys', '-t', 'main', 'C-d');
		screen = await tmux.waitFor(/problem-details[\s\S]*q quit/);
		t.regex(screen, /^Dakota · problem-details · 401 Unauthorized · code authentication-error/m);
		t.regex(screen, /x-api-key/);

		tmux.run('send-keys', '-t', 'main', 'Tab');
		screen = await tmux.waitFor(/header\.casing[\s\S]*q quit/);
		t.regex(screen, /⚠ header\.casing: `X-Api-Key` is sent; Dakota documents `x-api-key`/);

		tmux.run('send-keys', '-t', 'main', 'q');
		screen = await tmux.waitFor(/\[exited/);
		t.regex(screen, /\[exited 0\]/);
		t.regex(screen, /BEFORE-ERRDOCTOR/);
		t.notRegex(screen, /Recognised|header\.casing/, 'the screen is back as it was');
		t.is(tmux.run('display-message', '-p', '-t', 'main', '#{alternate_on} #{cursor_flag}').trim(), '0 1');
	} finally {
		tmux.close();
	}
});

test('cat body.json | errdoctor -i > file opens the report on /dev/tty, reflows at 60×20, q exits 0', async (t) => {
	if (!hasTmux) return t.fail('tmux is not installed (.ci/run installs it)');
	// stdout goes to a file too: with -i both the keys and the screen use /dev/tty, the way fzf works.
	const output = join(work, 'stdout.txt');
	const tmux = startTmux('pipe', `cat ${join(fixtures, 'dakota-401-body.json')} | ${node} -i > ${output}`);
	try {
		const screen = await tmux.waitFor(/problem-details/);
		t.regex(screen, /^Dakota · problem-details · 401 Unauthorized \(from the error body\)/m);
		tmux.run('send-keys', '-t', 'main', '2');
		t.regex(await tmux.waitFor(/› \?/), /› \? \[ \] /, 'the 2 key, read from /dev/tty, opened the checklist');
		t.notRegex(tmux.run('capture-pane', '-e', '-p', '-t', 'main'), /\u001B\[[\d;]*(?:3[0-79]|9[0-7])m/, 'NO_COLOR');
		tmux.run('resize-window', '-t', 'main', '-x', '60', '-y', '20');
		// Ink redraws in steps after a resize; the settled frame has the narrow tabs, a full body and the key line.
		const settled = (screen: string): boolean => {
			const lines = screen.split('\n');
			const tabs = lines.findIndex((line) => / 2 Check .* 5 Raw/.test(line));
			return tabs >= 0 && lines.findIndex((line) => line.startsWith('Tab ↑↓')) - tabs > 10;
		};

		t.true(settled(await tmux.waitFor(settled)), 'at 60×20 the screen reflows to fit');
		const narrow = tmux.screen();
		t.true(narrow.split('\n').every((line) => [...line].length <= 60));
		tmux.run('send-keys', '-t', 'main', 'q');
		t.regex(await tmux.waitFor(/\[exited/), /\[exited 0\]/);
		t.is(readFileSync(output, 'utf8'), '', 'nothing on stdout');
	} finally {
		tmux.close();
	}
});

test('a hostile paste renders escaped: title, clipboard and screen untouched', async (t) => {
	if (!hasTmux) return t.fail('tmux is not installed (.ci/run installs it)');
	const hostile = [
		'Ticket: \u001B]0;PWNED-TITLE\u0007 title, \u001B]52;c;SElKQUNLRUQ=\u0007 clipboard, \u001B[2J\u001B[H clear,',
		'\u202Edesrever\u202C bidi, \u001B[31mred\u001B[0m, carriage\rreturn, bell\u0007.',
		JSON.stringify({type: 'authentication-error', title: 'Auth \u001B]0;PWNED-TITLE\u0007', status: 401}),
		'A'.repeat(2 * 1024 * 1024),
		'',
	].join('\n');
	const file = join(work, 'hostile.txt');
	writeFileSync(file, hostile);
	const tmux = startTmux('hostile', `${node} paste`);
	try {
		await tmux.waitFor(/Recognised:/);
		const title = tmux.run('display-message', '-p', '-t', 'main', '#{pane_title}');
		paste(tmux, file);
		await tmux.waitFor(/Recognised: error body/, 30_000);
		tmux.run('send-keys', '-t', 'main', 'C-d');
		let screen = await tmux.waitFor(/problem-details/, 30_000);
		t.regex(screen, /^Dakota · problem-details/m, 'the header line was not cleared away');
		tmux.run('send-keys', '-t', 'main', '5');
		screen = await tmux.waitFor(/The input as received[\s\S]*q quit/);
		t.regex(screen, /␛\]0;PWNED-TITLE␇ title, ␛\]52;c;SElKQUNLRUQ=␇ clipboard, ␛\[2J␛\[H clear,/);
		t.regex(screen, /\\u\{202E\}desrever\\u\{202C\} bidi, ␛\[31mred␛\[0m/);
		t.regex(screen, /^A{100}$/m, 'the 2 MB line is wrapped, not dropped');
		t.is(tmux.run('display-message', '-p', '-t', 'main', '#{pane_title}'), title, 'title unchanged');
		t.is(tmux.run('list-buffers'), '', 'no OSC 52 reached tmux: no clipboard buffer');
		tmux.run('send-keys', '-t', 'main', 'q');
		t.regex(await tmux.waitFor(/\[exited/), /\[exited 0\]/);
	} finally {
		tmux.close();
	}
});
