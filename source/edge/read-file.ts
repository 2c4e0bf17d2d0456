import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';
import type {Stats} from 'node:fs';
import {Socket} from 'node:net';

/**
 * What reading a file gave: its bytes and what fstat said of it as it was opened, or why not. `reason` completes
 * "cannot read FILE: …"; `problem` lets a caller word a case its own way (a missing config is no problem, an input
 * over the cap points at `scan`).
 */
export type FileRead =
	| {readonly ok: true; readonly bytes: Buffer; readonly stats: Stats}
	| {
			readonly ok: false;
			readonly problem: 'missing' | 'directory' | 'not-regular' | 'too-large' | 'unreadable';
			readonly reason: string;
	  };

// Opening a FIFO without O_NONBLOCK waits for a writer, so a FIFO in place of a config file would hang every command
// before its type could be checked. O_NOCTTY keeps a terminal device from becoming the controlling terminal. Windows
// has neither flag, nor FIFOs in the file system.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const chunkBytes = 64 * 1024;

/** `1 MiB`, `64 KiB`: caps are stated in the unit they were chosen in. */
export function formatCap(bytes: number): string {
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
	if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
	return `${bytes} bytes`;
}

function kindOf(stats: Stats): string {
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

function failure(problem: Exclude<FileRead, {ok: true}>['problem'], reason: string): FileRead {
	return {ok: false, problem, reason};
}

const tooLarge = (maxBytes: number): FileRead => failure('too-large', `it is larger than ${formatCap(maxBytes)}`);

function openError(error: unknown): FileRead {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return failure('missing', 'no such file');
	if (code === 'EISDIR') return failure('directory', 'it is a directory, not a file');
	// Node's message repeats the path the caller names anyway: `EACCES: permission denied, open '/x'`.
	const message = error instanceof Error ? error.message.replace(/, \w+ '.*'$/s, '') : String(error);
	return failure('unreadable', message);
}

/**
 * Reads to the end, but never more than `maxBytes`: the size a file reports is not trusted (files in /proc report
 * 0, and a file may grow while it is read).
 */
function readRegular(fd: number, stats: Stats, maxBytes: number): FileRead {
	if (stats.size > maxBytes) return tooLarge(maxBytes);
	const chunks: Buffer[] = [];
	let total = 0;
	// One read takes a file of the size it reports; the next one, of at most one chunk, finds its end.
	let want = Math.min(stats.size, maxBytes) + 1;
	for (;;) {
		const buffer = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
		const count = readSync(fd, buffer, 0, buffer.length, null);
		if (count === 0) return {ok: true, bytes: Buffer.concat(chunks, total), stats};
		total += count;
		if (total > maxBytes) return tooLarge(maxBytes);
		chunks.push(buffer.subarray(0, count));
		want = chunkBytes;
	}
}

function openChecked(path: string): {readonly fd: number; readonly stats: Stats} | FileRead {
	let fd: number;
	try {
		fd = openSync(path, openFlags);
	} catch (error) {
		return openError(error);
	}

	try {
		return {fd, stats: fstatSync(fd)};
	} catch (error) {
		closeSync(fd);
		return openError(error);
	}
}

function readOpened(fd: number, stats: Stats, maxBytes: number): FileRead {
	try {
		return readRegular(fd, stats, maxBytes);
	} catch (error) {
		return openError(error);
	} finally {
		closeSync(fd);
	}
}

function notRegular(fd: number, stats: Stats): FileRead {
	closeSync(fd);
	return stats.isDirectory()
		? failure('directory', 'it is a directory, not a file')
		: failure('not-regular', `it is ${kindOf(stats)}, not a regular file`);
}

/**
 * Reads a file errdoctor found by itself or keeps (config, catalogs): it must be a regular file (a symbolic link to
 * one is followed) of at most `maxBytes`. A FIFO, a device (`/dev/zero`), a socket or a directory is refused
 * without waiting and without reading.
 */
export function readRegularFile(path: string, maxBytes: number): FileRead {
	const opened = openChecked(path);
	if ('ok' in opened) return opened;
	const {fd, stats} = opened;
	return stats.isFile() ? readOpened(fd, stats, maxBytes) : notRegular(fd, stats);
}

/** Reads a pipe as it is written, through the event loop: a pipe without data must not block the process. */
async function readPipe(fd: number, stats: Stats, maxBytes: number): Promise<FileRead> {
	const socket = new Socket({fd, readable: true, writable: false});
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of socket) {
			const buffer = chunk as Buffer;
			total += buffer.length;
			if (total > maxBytes) return tooLarge(maxBytes);
			chunks.push(buffer);
		}
	} catch (error) {
		return openError(error);
	} finally {
		// The socket owns the descriptor and closes it.
		socket.destroy();
	}

	return {ok: true, bytes: Buffer.concat(chunks, total), stats};
}

/**
 * Reads a file the user named on the command line (an input, a key, a secret): a regular file, or a FIFO or pipe
 * (`<(pass show api/hs256)`, `mkfifo`), which is read until its writer closes it, as `cat` would. A device
 * (`/dev/zero`), a socket or a directory is refused. Either way at most `maxBytes` are kept.
 */
export async function readFileOrPipe(path: string, maxBytes: number): Promise<FileRead> {
	const opened = openChecked(path);
	if ('ok' in opened) return opened;
	const {fd, stats} = opened;
	if (stats.isFIFO()) return readPipe(fd, stats, maxBytes);
	return stats.isFile() ? readOpened(fd, stats, maxBytes) : notRegular(fd, stats);
}
