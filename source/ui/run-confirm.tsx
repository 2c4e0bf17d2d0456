import {Box, Text} from 'ink';
import type {RunOffer} from './state.js';

type Props = {
	readonly offer: RunOffer;
	readonly height: number;
	readonly color: boolean;
};

/** Asks before sending anything: the request goes to the provider with the pasted credentials. */
export function RunConfirm({offer, height, color}: Props) {
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text bold wrap="truncate-end">
				Send this request again?
			</Text>
			<Text wrap="truncate-end">{`  ${offer.method} to ${offer.host}, with the credentials in the paste`}</Text>
			{offer.warnings.map((warning) => (
				<Text key={warning} wrap="truncate-end" color={color ? 'yellow' : undefined}>
					{`  ⚠ ${warning}`}
				</Text>
			))}
			<Text wrap="truncate-end">y sends it and diagnoses the answer; any other key cancels.</Text>
		</Box>
	);
}
