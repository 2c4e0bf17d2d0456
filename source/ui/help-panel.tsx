import {Box, Text} from 'ink';

type Props = {
	readonly canRun: boolean;
	readonly height: number;
};

const keys: ReadonlyArray<readonly [string, string]> = [
	['Tab  → / ←  1-5', 'next / previous section, or jump to one'],
	['↑ ↓  PgUp PgDn', 'scroll; in the Checklist ↑ ↓ move the highlight'],
	['Home End', 'top / bottom of the section'],
	['Space', 'tick a manual (?) check once you have verified it'],
	['c', 'copy the ticket summary (redacted Markdown, with ticks)'],
	['s', 'save the same summary to errdoctor-<time>.md here'],
	['d', 'open reports on this section from now on'],
	['n', 'new paste (pasting over the report does the same)'],
	['q  Ctrl-C', 'quit'],
];

/** The key list, shown in place of the section body by `?`. */
export function HelpPanel({canRun, height}: Props) {
	const shown = canRun
		? [...keys.slice(0, 6), ['r', 're-run the request (asks first)'] as const, ...keys.slice(6)]
		: keys;
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text bold>Keys (any key closes this)</Text>
			{shown.map(([key, meaning]) => (
				<Text key={key} wrap="truncate-end">
					<Text bold>{`  ${key.padEnd(18)}`}</Text>
					{meaning}
				</Text>
			))}
			<Text wrap="truncate-end" dimColor>
				Everything runs locally; copies and saved files are redacted and hold no whole token.
			</Text>
		</Box>
	);
}
