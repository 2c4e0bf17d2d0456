import test from 'ava';
import {SECTIONS} from '../../source/core/config/config.js';
import type {SectionId} from '../../source/core/config/config.js';
import type {Diagnosis} from '../../source/core/types.js';
import {draftStats, draftTail} from '../../source/ui/draft-lines.js';
import {describeDraft} from '../../source/ui/recognised.js';
import {headerLines, sectionLabels, sectionLines} from '../../source/render/layout.js';
import type {Line} from '../../source/render/layout.js';
import {visibleWidth} from '../../source/render/wrap.js';
import {dakota401, hostile, hostileDiagnosis, pieces, samples, secrets} from '../helpers/diagnosis.js';
import {showDiagnosis} from '../../source/render/shown.js';

const textOf = (lines: readonly Line[]): string => lines.map((line) => line.map((s) => s.text).join('')).join('\n');
type View = {
	readonly diagnosis: Diagnosis;
	readonly section: SectionId;
	readonly input?: string;
	readonly selected?: number;
	readonly ticked?: ReadonlySet<number>;
};
/** A section as the interactive view lays it out. */
const view = (report: View, width: number) =>
	sectionLines(showDiagnosis(report.diagnosis), report.section, width, {
		focus: {selected: report.selected ?? 0, ticked: report.ticked ?? new Set(), interactive: true},
		input: report.input ?? '',
	});

test('every section of every sample fits 60 columns and holds no raw control character', (t) => {
	for (const [name, diagnosis] of Object.entries(samples)) {
		for (const section of SECTIONS) {
			const {lines} = view({diagnosis, section, input: hostile.text}, 60);
			const text = textOf([...headerLines(showDiagnosis(diagnosis), 60), ...lines]);
			for (const line of text.split('\n')) t.true(visibleWidth(line) <= 60, `${name}/${section}: ${line}`);
			t.false(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/.test(text), `${name}/${section}`);
		}
	}
});

test('secrets and whole JWTs never reach the screen', (t) => {
	const all = SECTIONS.map((section) => textOf(view({diagnosis: dakota401, section}, 100).lines));
	const text = all.join('\n');
	t.false(text.includes(secrets.dakotaJwt));
	for (const piece of pieces(secrets.dakotaKey)) t.false(text.includes(piece), piece);
	t.regex(text, /Token from cookie:session/);
	t.regex(text, /exp: 1736503200/);
});

test('the hostile sample is shown with visible stand-ins', (t) => {
	const text = textOf(view({diagnosis: hostileDiagnosis, section: 'checklist'}, 100).lines);
	t.regex(text, /pwned ␛\[2J then ␛\]52;c;AAAA␇ and \\u\{202E\}reversed/);
});

test('checklist items know their lines and show ticks', (t) => {
	const manual = dakota401.checks.findIndex((check) => check.result === 'manual');
	const {lines, items} = view({diagnosis: dakota401, section: 'checklist', ticked: new Set([manual])}, 60);
	t.is(items.length, dakota401.checks.length);
	t.deepEqual(items[0], {check: 0, top: 0, bottom: items[1]!.top});
	const text = textOf(lines);
	t.regex(text, /^› ⚠ header\.casing/);
	t.regex(text, /\? \[x\] Verify the API key is active/);
	t.regex(text, /\? \[ \] Verify the key belongs/);
});

test('header and tab labels', (t) => {
	t.is(
		textOf(headerLines(showDiagnosis(dakota401), 200)),
		'Dakota · problem-details · 401 Unauthorized · code authentication-error · request req_7f3a8b2c · at 2025-01-14T18:00:00Z (from the response Date header)',
	);
	t.true(headerLines(showDiagnosis(dakota401), 60).length >= 2);
	t.like(sectionLabels(showDiagnosis(dakota401), 100), {
		checklist: 'Checklist ✖1 ⚠1 ?2',
		tokens: 'Token 1',
		request: 'Request / Response',
	});
	t.like(sectionLabels(showDiagnosis(dakota401), 60), {
		checklist: 'Check ✖1 ⚠1 ?2',
		tokens: 'JWT 1',
		request: 'Req/Resp',
		raw: 'Raw',
	});
});

test('the paste screen shows the tail of a 2 MB line, escaped, read from its end only', (t) => {
	const draft = `first\n${'A'.repeat(2 * 1024 * 1024)}\u001B]0;x\u0007`;
	const lines = draftTail(draft, 40, 5);
	// What the screen shows of the long line depends only on its end, not on the 2 MB before it.
	t.deepEqual(lines, draftTail(`first\n${'A'.repeat(100)}\u001B]0;x\u0007`, 40, 5));
	t.deepEqual(lines[0], 'first');
	t.is(visibleWidth(lines[1]!), 40);
	t.true(lines[1]!.endsWith('␛]0;x␇'));
	t.is(draftStats(draft), '2 lines · 2,097,164 characters');
	t.is(describeDraft('', null), 'Nothing pasted yet.');
	t.is(describeDraft('{"a": 1}', dakota401), 'curl command · HTTP response · Dakota · 401 · 3 headers · 1 JWT');
});
