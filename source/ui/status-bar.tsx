import {Text} from 'ink';
import type {Notice} from './state.js';

type Props = {
	readonly notice: Notice | null;
	readonly hints: string;
	readonly color: boolean;
};

/** The last two lines: what the last key did (or a blank), then the keys. */
export function StatusBar({notice, hints, color}: Props) {
	const error = notice?.tone === 'error';
	return (
		<>
			<Text wrap="truncate-end" color={color && error ? 'red' : undefined} bold={error}>
				{notice?.text ?? ' '}
			</Text>
			<Text wrap="truncate-end" dimColor>
				{hints}
			</Text>
		</>
	);
}
