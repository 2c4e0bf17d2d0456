import process from 'node:process';
import {escapeInline} from '../core/escape.js';

/** Thrown by a command to end with one line on stderr and an exit code; never shown as a stack trace. */
export class UsageError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = 2,
	) {
		super(message);
	}
}

/** One line on stderr; the message may quote the user's arguments or file names, so it is escaped too. */
export function warn(message: string): void {
	process.stderr.write(`errdoctor: ${escapeInline(message)}\n`);
}
