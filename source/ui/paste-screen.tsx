import {Box, Text} from 'ink';
import type {Notice} from './state.js';
import {StatusBar} from './status-bar.js';

type Props = {
	/** The tail of the paste, escaped and cut to the width. */
	readonly lines: readonly string[];
	readonly recognised: string;
	readonly stats: string;
	readonly notice: Notice | null;
	readonly width: number;
	readonly height: number;
	readonly color: boolean;
};

const pasteHint = 'Paste, then Enter on an empty line or Ctrl-D to diagnose · Esc clears · Ctrl-C quits';
const narrowHint = 'Ctrl-D or Enter on empty line: go · Esc: clear · Ctrl-C: quit';

/** The paste screen: what was pasted so far, what errdoctor recognises in it, and how to go on. */
export function PasteScreen({lines, recognised, stats, notice, width, height, color}: Props) {
	const bodyHeight = Math.max(1, height - 5);
	const empty = lines.length === 1 && lines[0] === '';
	return (
		<Box flexDirection="column" height={height}>
			<Text bold wrap="truncate-end">
				errdoctor · paste an error body, a curl command or its output, a HAR file or a JWT
			</Text>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{empty ? (
					<Text dimColor>▏</Text>
				) : (
					lines.map((line, index) => (
						<Text key={index} wrap="truncate-end">
							{line === '' && index !== lines.length - 1 ? ' ' : line}
							{index === lines.length - 1 ? <Text inverse> </Text> : null}
						</Text>
					))
				)}
			</Box>
			<Text wrap="truncate-end" color={color ? 'cyan' : undefined}>
				{`Recognised: ${recognised}`}
			</Text>
			<Text wrap="truncate-end" dimColor>
				{stats}
			</Text>
			<StatusBar notice={notice} hints={pasteHint.length <= width ? pasteHint : narrowHint} color={color} />
		</Box>
	);
}
