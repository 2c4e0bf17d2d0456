import {Box, Text} from 'ink';
import type {SectionId} from './state.js';
import {sectionIds} from './state.js';

type Props = {
	readonly labels: Readonly<Record<SectionId, string>>;
	readonly active: SectionId;
};

/** The section names; the current one drawn inverse (legible without colour). */
export function SectionTabs({labels, active}: Props) {
	return (
		<Box height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{sectionIds.map((id, index) => (
					<Text key={id} inverse={id === active} bold={id === active}>
						{` ${index + 1} ${labels[id]} `}
					</Text>
				))}
			</Text>
		</Box>
	);
}
