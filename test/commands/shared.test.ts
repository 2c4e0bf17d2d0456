import process from 'node:process';
import test from 'ava';
import {showReaderCrash} from '../../source/commands/shared.js';

/** What a call writes to stderr. */
function stderrOf(run: () => void): string {
	const written: string[] = [];
	const write = process.stderr.write.bind(process.stderr);
	process.stderr.write = ((chunk: string | Uint8Array) => {
		written.push(String(chunk));
		return true;
	}) as typeof process.stderr.write;
	try {
		run();
	} finally {
		process.stderr.write = write;
	}

	return written.join('');
}

test.serial('--debug shows a crashed reader on stderr, escaped; nothing when no reader crashed', (t) => {
	const shown = stderrOf(() => {
		showReaderCrash({message: 'boom \u001B[2J', stack: 'TypeError: boom\n    at readSlack (top-level.ts:40:3)'});
	});
	t.regex(shown, /^errdoctor: debug: a format reader crashed, so the error body was read as format unknown: boom/);
	t.regex(shown, /\n {4}at readSlack \(top-level\.ts:40:3\)\n$/);
	t.false(shown.includes('\u001B'));
	t.is(
		stderrOf(() => {
			showReaderCrash(undefined);
			showReaderCrash(null);
		}),
		'',
	);
});
