import process from 'node:process';

/**
 * The one colour decision, for every output stream: FORCE_COLOR wins (0 or false turns colour off), then NO_COLOR
 * (any non-empty value), then whether the stream is a terminal that is not TERM=dumb.
 */
export function colorFor(stream: {readonly isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
	const force = env['FORCE_COLOR'];
	if (force !== undefined) return force !== '0' && force !== 'false';
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	return stream.isTTY === true && env['TERM'] !== 'dumb';
}
