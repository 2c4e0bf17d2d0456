import {writeSync} from 'node:fs';
import process from 'node:process';

function quietOnClosedPipe(error: NodeJS.ErrnoException): void {
	// `errdoctor … | head` closes the pipe early; that is the reader's choice, not an error.
	if (error.code === 'EPIPE') process.exit(0);
	process.stderr.write(`errdoctor: cannot write the output (${error.code ?? 'error'})\n`);
	process.exit(1);
}

/**
 * Writes all of `text` to standard output with write(2) on fd 1: creating process.stdout loads Node's stream
 * classes, which costs a short run more than its own output. A reader that closed the pipe ends errdoctor quietly;
 * a non-blocking stdout that is full (EAGAIN) gets the rest through process.stdout, which waits for the reader.
 */
export function writeStdout(text: string): void {
	const bytes = Buffer.from(text, 'utf8');
	let offset = 0;
	try {
		while (offset < bytes.length) offset += writeSync(1, bytes, offset);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') quietOnClosedPipe(error as NodeJS.ErrnoException);
		if (!process.stdout.listeners('error').includes(quietOnClosedPipe)) process.stdout.on('error', quietOnClosedPipe);
		process.stdout.write(bytes.subarray(offset));
	}
}
