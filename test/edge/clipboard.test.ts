import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {clipboardCommands, copyToClipboard, osc52} from '../../source/edge/clipboard.js';
import type {ClipboardCommand} from '../../source/edge/clipboard.js';
import {reportFileName, saveReport} from '../../source/edge/save-report.js';

function fake(works: readonly string[]) {
	const tried: string[] = [];
	const written: string[] = [];
	return {
		tried,
		written,
		run: async ({command}: ClipboardCommand) => {
			tried.push(command);
			return works.includes(command);
		},
		writeTerminal: (data: string) => {
			written.push(data);
		},
	};
}

test('which clipboard programs are tried where', (t) => {
	t.deepEqual(
		clipboardCommands('darwin', {}).map(({command}) => command),
		['pbcopy'],
	);
	t.deepEqual(
		clipboardCommands('linux', {WAYLAND_DISPLAY: 'w', DISPLAY: ':0'}).map(({command}) => command),
		['wl-copy', 'xclip', 'xsel'],
	);
	t.deepEqual(
		clipboardCommands('linux', {WSL_DISTRO_NAME: 'U'}).map(({command}) => command),
		['clip.exe'],
	);
	t.deepEqual(clipboardCommands('linux', {}), []);
});

test('auto: the first working program, else OSC 52; over SSH OSC 52 first', async (t) => {
	let f = fake(['xsel']);
	t.deepEqual(await copyToClipboard('hi', {mode: 'auto', platform: 'linux', env: {DISPLAY: ':0'}, ...f}), {
		ok: true,
		via: 'xsel',
	});
	t.deepEqual(f.tried, ['xclip', 'xsel']);
	t.deepEqual(f.written, []);

	f = fake([]);
	const result = await copyToClipboard('hi', {mode: 'auto', platform: 'linux', env: {}, ...f});
	t.true(result.ok);
	t.deepEqual(f.written, ['\u001B]52;c;aGk=\u0007']);

	f = fake(['xclip']);
	await copyToClipboard('hi', {mode: 'auto', platform: 'linux', env: {SSH_CONNECTION: '1 2 3 4'}, ...f});
	t.deepEqual(f.tried, []);
	t.is(f.written.length, 1);
});

test('the preference decides: osc52, command only, off', async (t) => {
	let f = fake(['pbcopy']);
	await copyToClipboard('x', {mode: 'osc52', platform: 'darwin', env: {}, ...f});
	t.deepEqual(f.tried, []);
	t.is(f.written[0], osc52('x'));
	f = fake([]);
	t.false((await copyToClipboard('x', {mode: 'command', platform: 'darwin', env: {}, ...f})).ok);
	t.deepEqual(f.written, [], 'command mode never falls back to OSC 52');
	f = fake(['pbcopy']);
	t.false((await copyToClipboard('x', {mode: 'off', platform: 'darwin', env: {}, ...f})).ok);
	t.deepEqual(f.tried, []);
});

test('s saves errdoctor-<time>.md, mode 0600, never over an existing file', async (t) => {
	const directory = mkdtempSync(join(tmpdir(), 'errdoctor-save-'));
	const now = new Date('2025-03-04T10:15:42.123Z');
	t.is(reportFileName(now), 'errdoctor-2025-03-04T10-15-42Z.md');
	const path = await saveReport('# hi\n', directory, now);
	t.is(readFileSync(path, 'utf8'), '# hi\n');
	t.is(statSync(path).mode & 0o777, 0o600);
	await t.throwsAsync(saveReport('other', directory, now), {code: 'EEXIST'});
});
