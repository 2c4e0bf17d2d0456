import test from 'ava';
import {render} from 'ink-testing-library';
import {readFileSync} from 'node:fs';
import {diagnose} from '../../source/core/diagnose.js';
import {catalogsFrom} from '../../source/commands/shared.js';
import {initialState} from '../../source/ui/state.js';
import type {Services} from '../../source/ui/troubleshooter.js';
import {Troubleshooter} from '../../source/ui/troubleshooter.js';
import {dakota401, hostileDiagnosis, secrets} from '../helpers/diagnosis.js';

const catalogs = catalogsFrom();
const dakotaPaste = readFileSync(new URL('../fixtures/e2e/dakota-curl-401.txt', import.meta.url), 'utf8');
const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

type Calls = {copied: string[]; saved: string[]; sections: string[]};

function services(calls: Calls, extra: Partial<Services> = {}): Services {
	return {
		diagnose: (text) => diagnose(text, {catalogs, now: null, provider: null}),
		copy: async (markdown) => {
			calls.copied.push(markdown);
			return {ok: true, via: 'a fake clipboard'};
		},
		save: async (markdown) => {
			calls.saved.push(markdown);
			return '/tmp/errdoctor-test.md';
		},
		saveDefaultSection: async (section) => {
			calls.sections.push(section);
		},
		...extra,
	};
}

const newCalls = (): Calls => ({copied: [], saved: [], sections: []});

/** Polls the last frame instead of sleeping a fixed time: Ink renders on its own schedule. */
async function frameMatching(lastFrame: () => string | undefined, pattern: RegExp): Promise<string> {
	// Up to 10 s: a loaded CI machine renders slowly, and a passing test never waits that long.
	for (let attempt = 0; attempt < 2000; attempt++) {
		const frame = lastFrame() ?? '';
		if (pattern.test(frame)) return frame;
		await new Promise((resolve) => setTimeout(resolve, 5));
	}

	return lastFrame() ?? '';
}

test('paste → report → checklist → tick a manual item → copy → new paste → quit', async (t) => {
	const calls = newCalls();
	const {lastFrame, stdin, unmount} = render(
		<Troubleshooter initial={initialState({})} services={services(calls)} color={false} />,
	);
	t.regex(lastFrame() ?? '', /Nothing pasted yet/);
	t.regex(lastFrame() ?? '', /Enter on an empty line or Ctrl-D/);

	// A bracketed paste: its newlines, sent as CR the way terminals do, must not submit it.
	stdin.write(pasteStart);
	stdin.write(dakotaPaste.replaceAll('\n', '\r'));
	stdin.write(pasteEnd);
	let frame = await frameMatching(lastFrame, /Recognised: curl command/);
	t.regex(frame, /Recognised: curl command · HTTP response · Dakota · 401 · 1 header/);
	t.regex(frame, /"request_id": "req_9c2e41d7"/);

	stdin.write('\r');
	frame = await frameMatching(lastFrame, /problem-details/);
	t.regex(frame, /^Dakota · problem-details · 401 Unauthorized · code authentication-error/m);
	t.regex(frame, /Authentication required/i);
	t.false(frame.includes('4f9a2c71e8b04d3a'), 'the key is redacted on the report');

	stdin.write('\t');
	frame = await frameMatching(lastFrame, /header\.casing/);
	t.regex(frame, /› ⚠ header\.casing/);
	t.regex(frame, /\? \[ \] /);

	// Down to the first manual item (input is handled as it is written; only frames lag), then Space ticks it.
	const items = frame.split('\n').filter((line) => /^[› ] [✔✖⚠?] /.test(line));
	const manual = items.findIndex((line) => line.includes('? [ ]'));
	t.true(manual > 0);
	for (let press = 0; press < manual; press++) stdin.write('\u001B[B');
	stdin.write(' ');
	frame = await frameMatching(lastFrame, /› \? \[x\]/);
	t.regex(frame, /› \? \[x\]/);

	stdin.write('c');
	frame = await frameMatching(lastFrame, /Copied/);
	t.regex(frame, /Copied the ticket summary \(redacted Markdown, 1 ticked\) via a fake clipboard/);
	t.is(calls.copied.length, 1);
	t.regex(calls.copied[0]!, /^## Dakota 401/);
	t.regex(calls.copied[0]!, /- \[x\] \? \*\*manual\*\*/, 'the ticked manual item is recorded in the copy');
	t.false(calls.copied[0]!.includes('4f9a2c71e8b04d3a'));

	stdin.write('s');
	frame = await frameMatching(lastFrame, /Saved/);
	t.regex(frame, /Saved the ticket summary to \/tmp\/errdoctor-test\.md/);
	t.is(calls.saved[0], calls.copied[0]);

	stdin.write('n');
	frame = await frameMatching(lastFrame, /Nothing pasted yet/);
	t.regex(frame, /errdoctor · paste/);

	stdin.write('\u0003');
	unmount();
});

test('typing: Enter adds a line, Enter on an empty line submits, Esc clears, Ctrl-D on nothing explains', async (t) => {
	const {lastFrame, stdin, unmount} = render(
		<Troubleshooter initial={initialState({})} services={services(newCalls())} color={false} />,
	);
	stdin.write('\u0004');
	t.regex(await frameMatching(lastFrame, /Paste something first/), /Paste something first/);
	// Input is handled as it is written; only the frames lag, so each assertion polls for its frame.
	stdin.write('{"error": "invalid_grant"}x');
	stdin.write('\u007F');
	stdin.write('\r');
	let frame = await frameMatching(lastFrame, /Recognised: error body/);
	t.regex(frame, /2 lines · 27 characters/);
	// A lone Esc is held until the next turn of the event loop (it could start a sequence): wait for its frame.
	stdin.write('\u001B');
	frame = await frameMatching(lastFrame, /Nothing pasted yet/);
	t.regex(frame, /Nothing pasted yet/);
	stdin.write('hello there');
	stdin.write('\r');
	stdin.write('\r');
	frame = await frameMatching(lastFrame, /Nothing to diagnose/);
	t.regex(frame, /Nothing to diagnose yet/);
	stdin.write('\u001B');
	await frameMatching(lastFrame, /Nothing pasted yet/);
	stdin.write('{"error": "invalid_grant"}');
	stdin.write('\u0004');
	frame = await frameMatching(lastFrame, /oauth2/);
	t.regex(frame, /Unknown provider · oauth2/);
	unmount();
});

test('sections, help and the default-section key on a piped-in report', async (t) => {
	const calls = newCalls();
	const initial = initialState({defaultSection: 'tokens', report: {diagnosis: dakota401, input: 'x', canRun: false}});
	const {lastFrame, stdin, unmount} = render(
		<Troubleshooter initial={initial} services={services(calls)} color={false} />,
	);
	let frame = lastFrame() ?? '';
	t.regex(frame, /Token from cookie:session/, 'opens on the preferred section');
	t.regex(frame, /expires 2025-01-10T10:00:00\.000Z, 4 d 8 h before the reference time: expired/);
	t.false(frame.includes(secrets.dakotaJwt), 'never the whole token');
	t.notRegex(frame, /r re-run/, 'no re-run key without a way to run');

	// Keys that arrive in one read each act on the state the previous one left: 2 opens the checklist, ↓ moves in it.
	stdin.write('2\u001B[B\u001B[B\u001B[B ');
	frame = await frameMatching(lastFrame, /› \? \[x\]/);
	t.regex(frame, /› \? \[x\] Verify the API key is active/);

	stdin.write('3\u001B[C');
	frame = await frameMatching(lastFrame, /Request, as sent/);
	t.regex(frame, /X-Api-Key: sk_l…\[redacted/);
	t.false(frame.includes(secrets.dakotaKey));

	stdin.write('5');
	frame = await frameMatching(lastFrame, /The input as received/);
	stdin.write('d');
	frame = await frameMatching(lastFrame, /Reports will open/);
	t.deepEqual(calls.sections, ['raw']);

	stdin.write('?');
	frame = await frameMatching(lastFrame, /Keys \(any key closes this\)/);
	t.regex(frame, /Space\s+tick a manual/);
	stdin.write('x');
	frame = await frameMatching(lastFrame, /The input as received/);
	t.notRegex(frame, /any key closes/);

	stdin.write('\u001B[Z');
	frame = await frameMatching(lastFrame, /Request, as sent/);
	t.regex(frame, /Request, as sent \(secrets redacted\)/, 'Shift-Tab goes back to the request section');
	unmount();
});

test('r asks before re-running, y sends and diagnoses the answer with the command', async (t) => {
	const sent: string[] = [];
	const rerun: Services['rerun'] = {
		offer: () => ({
			ok: true,
			offer: {method: 'POST', host: 'api.platform.dakota.xyz', warnings: ['POST changes data']},
		}),
		send: async (_diagnosis, input) => {
			sent.push(input);
			return {ok: true, text: '{"type": "rate-limited", "title": "Rate Limited", "status": 429}'};
		},
	};
	const initial = initialState({report: {diagnosis: dakota401, input: 'curl …', canRun: true}});
	const {lastFrame, stdin, unmount} = render(
		<Troubleshooter initial={initial} services={services(newCalls(), {rerun})} color={false} />,
	);
	t.regex(lastFrame() ?? '', /r re-run/);
	stdin.write('r');
	let frame = await frameMatching(lastFrame, /Send this request again/);
	t.regex(frame, /POST to api\.platform\.dakota\.xyz/);
	t.regex(frame, /⚠ POST changes data/);
	t.is(sent.length, 0, 'nothing is sent before y');
	stdin.write('y');
	frame = await frameMatching(lastFrame, /429/);
	t.regex(frame, /429/);
	t.regex(frame, /diagnosis of the request just sent/);
	t.deepEqual(sent, ['curl …']);
	unmount();
});

test('a hostile diagnosis renders escaped on every section', async (t) => {
	const initial = initialState({
		report: {diagnosis: hostileDiagnosis, input: 'raw \u001B]0;title\u0007 \u202E', canRun: false},
	});
	const {lastFrame, stdin, unmount} = render(
		<Troubleshooter initial={initial} services={services(newCalls())} color={false} />,
	);
	const markers = {
		'1': /Authentication Required/,
		'2': /› ✖ header\.name/,
		'3': /Token from/,
		'4': /Request, as sent/,
		'5': /The input as received/,
	};
	for (const [key, marker] of Object.entries(markers)) {
		stdin.write(key);
		const frame = await frameMatching(lastFrame, marker);
		t.regex(frame, marker);
		t.false(frame.includes('\u001B]'), `no OSC in section ${key}`);
		t.false(frame.includes('\u001B[2J'), `no clear-screen in section ${key}`);
		t.false(frame.includes('\u202E'), `no bidi override in section ${key}`);
		t.false(frame.includes('\u0007'), `no BEL in section ${key}`);
	}

	t.regex(lastFrame() ?? '', /␛\]0;title␇/);
	unmount();
});
