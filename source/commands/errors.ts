import process from 'node:process';
import {forTerminal} from '../render/shown.js';

const usageErrorBrand = Symbol.for('errdoctor.UsageError');

/** Thrown by a command to end with one line on stderr and an exit code; never shown as a stack trace. */
export class UsageError extends Error {
	/**
	 * The router (main.cjs) and the commands in ES module chunks each bundle their own copy of this class, so
	 * `instanceof` asks for the brand rather than for this very constructor.
	 */
	static override [Symbol.hasInstance](value: unknown): boolean {
		return typeof value === 'object' && value !== null && usageErrorBrand in value;
	}

	readonly [usageErrorBrand] = true;

	constructor(
		message: string,
		readonly exitCode: number = 2,
	) {
		super(message);
	}
}

/** One line on stderr; the message may quote the user's arguments, file names or input, so it passes the boundary. */
export function warn(message: string): void {
	process.stderr.write(`errdoctor: ${forTerminal(message)}\n`);
}
