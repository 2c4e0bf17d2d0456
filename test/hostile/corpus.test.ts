import test from 'ava';
import {escapeInline} from '../../source/core/escape.js';
import {diagnose} from '../../source/core/diagnose.js';
import type {Diagnosis} from '../../source/core/types.js';
import {osc52} from '../../source/edge/clipboard.js';
import {renderJson} from '../../source/render/json.js';
import {renderJwtJson, renderJwtText} from '../../source/render/jwt.js';
import {renderMarkdown} from '../../source/render/markdown.js';
import {renderText} from '../../source/render/text.js';
import {draftTail} from '../../source/ui/draft-lines.js';
import {describeDraft} from '../../source/ui/recognised.js';
import {SECTIONS} from '../../source/core/config/config.js';
import {headerLines, sectionLabels, sectionLines} from '../../source/render/layout.js';
import type {Line} from '../../source/render/layout.js';
import {catalogs} from '../helpers/catalogs.js';
import {runCliAsync} from '../helpers/cli.js';
import {SEQUENCES, combinedInputs, findForbidden, hostileInputs, jsonEscaped} from './corpus.js';
import {showDiagnosis} from '../../source/render/shown.js';

const now = '2025-01-14T18:00:00Z';

const lineText = (lines: readonly Line[]): string =>
	lines.map((line) => line.map((segment) => segment.text).join('')).join('\n');

/** What the interactive view puts on screen: Ink writes these strings as they are, so they must be safe already. */
function screen(diagnosis: Diagnosis, input: string): string {
	const shown = showDiagnosis(diagnosis);
	const focus = {selected: 0, ticked: new Set<number>(), interactive: true};
	return [
		lineText(headerLines(shown, 80)),
		...SECTIONS.map((section) => lineText(sectionLines(shown, section, 80, {focus, input}).lines)),
		...Object.values(sectionLabels(showDiagnosis(diagnosis), 80)),
		describeDraft(input, diagnosis),
		...draftTail(input, 80, 40),
	].join('\n');
}

/** The clipboard gets the Markdown summary through a program or OSC 52; the OSC 52 payload is checked decoded. */
function clipboardPayload(diagnosis: Diagnosis): string {
	const written = osc52(renderMarkdown(showDiagnosis(diagnosis)));
	return Buffer.from(written.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
}

/** Every output mode of one diagnosis, with whether errdoctor's own colour is allowed in it. The saved file is the
 *  Markdown summary as rendered. */
function outputs(diagnosis: Diagnosis, input: string): Array<[mode: string, text: string, color: boolean]> {
	const entries = diagnosis.evidence.jwts.map((jwt) => ({jwt, signature: null}));
	const referenceTime = diagnosis.evidence.referenceTime;
	return [
		['text', renderText(showDiagnosis(diagnosis), {color: false, width: 80}), false],
		['text, colour', renderText(showDiagnosis(diagnosis), {color: true, width: 80}), true],
		['text, secrets shown', renderText(showDiagnosis(diagnosis, {showSecrets: true}), {color: true, width: 80}), true],
		['markdown', renderMarkdown(showDiagnosis(diagnosis), new Set([0, 1, 2])), false],
		['json', renderJson(showDiagnosis(diagnosis)), false],
		['interactive view', screen(diagnosis, input), false],
		['clipboard', clipboardPayload(diagnosis), false],
		['jwt text', renderJwtText(entries, {color: true, width: 80, referenceTime}), true],
		['jwt json', renderJwtJson(entries), false],
	];
}

test('every sequence in every form and carrier: no forbidden character in any output mode', (t) => {
	const failures: string[] = [];
	let diagnosed = 0;
	for (const input of hostileInputs()) {
		const diagnosis = diagnose(input.text, {catalogs, now});
		if (diagnosis === null) {
			continue;
		}

		diagnosed++;
		for (const [mode, output, color] of outputs(diagnosis, input.text)) {
			const found = findForbidden(output, {allowOwnColor: color});
			if (found !== null) {
				failures.push(`${input.sequence.name} / ${input.form} / ${input.carrier} / ${mode}: ${found}`);
			}
		}
	}

	t.deepEqual(failures.slice(0, 20), []);
	// Each carrier is a paste errdoctor recognises, so nearly every input gives a diagnosis to render.
	t.true(diagnosed > hostileInputs().length * 0.9, `${diagnosed} of ${hostileInputs().length} diagnosed`);
});

test('a control character in the input is shown visibly, not deleted', (t) => {
	for (const sequence of SEQUENCES) {
		const body = `{"error":{"message":"bad ${jsonEscaped(sequence.value)} key"}}`;
		const diagnosis = diagnose(body, {catalogs, now});
		const first = [...sequence.value].find((character) => escapeInline(character) !== character);
		if (diagnosis === null || first === undefined) {
			t.fail(`${sequence.name}: no diagnosis or nothing to escape`);
			continue;
		}

		const text = renderText(showDiagnosis(diagnosis), {color: false, width: 200});
		t.true(text.includes(escapeInline(first)), `${sequence.name}: ${escapeInline(first)} shown in text`);
		const json = renderJson(showDiagnosis(diagnosis));
		// JSON.stringify's own short escapes (`\\b`, `\\f`, `\\r`) count as visible too.
		const short = JSON.stringify(first).slice(1, -1);
		const jsonForm = short.startsWith('\\') ? short : `\\u${first.charCodeAt(0).toString(16).padStart(4, '0')}`;
		t.true(json.toLowerCase().includes(jsonForm.toLowerCase()), `${sequence.name}: ${jsonForm} in JSON`);
	}
});

test('decoded JWT claims carrying escapes are escaped in the text view', (t) => {
	const hostile = SEQUENCES.find((sequence) => sequence.name.startsWith('OSC 52 nested'))!;
	const [input] = hostileInputs([hostile]).filter((candidate) => candidate.carrier === 'bare JWT');
	const diagnosis = diagnose(input!.text, {catalogs, now});
	t.truthy(diagnosis);
	const text = renderText(showDiagnosis(diagnosis!), {color: false, width: 200});
	t.regex(text, /sub: ␛\]8;;https/);
	t.is(findForbidden(text), null);
});

/** Output as the bytes decode: no ESC or other C0 control, and no C1. */
function byteProblems(output: string, color: boolean): string | null {
	return findForbidden(output, {allowOwnColor: color});
}

const modes: ReadonlyArray<[name: string, args: readonly string[], env: Record<string, string>]> = [
	['text', ['explain'], {}],
	['text, colour forced', ['explain'], {FORCE_COLOR: '1'}],
	['json', ['explain', '--json'], {}],
	['markdown', ['explain', '--markdown'], {}],
];

test('the built CLI writes no forbidden byte to stdout or stderr in any mode', async (t) => {
	const nested = SEQUENCES.filter((sequence) => sequence.name.startsWith('OSC 52 nested') || sequence.name === 'NUL');
	const inputs = [...combinedInputs(), ...hostileInputs(nested).filter((input) => input.form === 'raw')];
	const jobs = inputs.flatMap((input) => modes.map((mode) => ({input, mode})));
	// Two at a time: the runs are mostly Node start-up, and the test machine has two cores.
	const next = async (): Promise<void> => {
		const job = jobs.pop();
		if (job === undefined) {
			return;
		}

		const {
			input,
			mode: [name, args, env],
		} = job;
		// Asynchronous, so AVA sees the worker alive while a long series of runs goes on.
		const {status, stdout, stderr} = await runCliAsync(args, {input: input.text, env});
		const where = `${input.form} / ${input.carrier} / ${name}`;
		t.true(status === 0 || status === 3, `${where}: exit ${status}: ${stderr}`);
		t.is(byteProblems(stdout, env['FORCE_COLOR'] === '1'), null, `${where}: stdout`);
		t.is(byteProblems(stderr, false), null, `${where}: stderr`);
		await next();
	};

	await Promise.all([next(), next()]);
});

test('the built CLI escapes hostile FILE names and flag values in its error messages', async (t) => {
	const hostile = SEQUENCES.map((sequence) => sequence.value.replaceAll('\u0000', '')).join('');
	for (const args of [
		['explain', `/nonexistent/${hostile}`],
		['explain', '--now', hostile],
		['--provider', hostile],
	]) {
		const {status, stdout, stderr} = await runCliAsync(args);
		t.is(status, 2);
		t.is(byteProblems(stdout, false), null);
		t.is(byteProblems(stderr, false), null, stderr);
	}
});
