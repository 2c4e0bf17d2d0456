import type {Readable} from 'node:stream';
import {readFileOrPipe} from './read-file.js';

/** Larger inputs are logs, not one error: they belong to a census, not a diagnosis. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type InputResult =
	{readonly ok: true; readonly text: string} | {readonly ok: false; readonly exitCode: 2 | 3; readonly message: string};

async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer | 'too-large'> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += buffer.length;
		if (size > maxBytes) {
			stream.destroy();
			return 'too-large';
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks, size);
}

/** Binary data is not a paste: NUL bytes, or mostly undecodable bytes. */
export function looksBinary(buffer: Buffer, text: string): boolean {
	if (buffer.subarray(0, 65_536).includes(0)) return true;
	const sample = text.slice(0, 65_536);
	let replaced = 0;
	for (const char of sample) if (char === '\uFFFD') replaced++;
	return sample.length > 0 && replaced / sample.length > 0.1;
}

/**
 * Reads a FILE (or `-` for stdin) with a size cap; empty and binary input are refused with one clear line. FILE may
 * be a FIFO or a pipe (`<(curl …)`), which the user named; a device such as /dev/zero is refused. stdin is asked for
 * only when it is read: creating process.stdin costs a start measurable time.
 */
export async function readInput(
	source: string,
	stdin: () => Readable,
	maxBytes = MAX_INPUT_BYTES,
): Promise<InputResult> {
	let data: Buffer | 'too-large';
	if (source === '-') {
		data = await readCapped(stdin(), maxBytes);
	} else {
		const read = await readFileOrPipe(source, maxBytes);
		if (!read.ok && read.problem !== 'too-large') {
			return {ok: false, exitCode: 2, message: `cannot read ${source}: ${read.reason}`};
		}

		data = read.ok ? read.bytes : 'too-large';
	}

	if (data === 'too-large') {
		return {
			ok: false,
			exitCode: 2,
			message:
				`input is larger than ${maxBytes / 1024 / 1024} MiB. explain diagnoses one error; ` +
				'for a log or HAR file, count its errors with `errdoctor scan FILE`.',
		};
	}

	const text = new TextDecoder('utf-8').decode(data);
	if (text.trim() === '') return {ok: false, exitCode: 3, message: 'the input is empty: nothing to diagnose.'};
	if (looksBinary(data, text)) {
		return {ok: false, exitCode: 3, message: 'the input looks binary, not text: nothing to diagnose.'};
	}

	return {ok: true, text};
}
