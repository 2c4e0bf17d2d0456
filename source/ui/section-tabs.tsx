import {Box, Text} from 'ink';
import type {SectionId} from '../core/config/config.js';
import {SECTIONS} from '../core/config/config.js';

type Props = {
	readonly labels: Readonly<Record<SectionId, string>>;
	readonly active: SectionId;
};

/** The section names; the current one drawn inverse (legible without colour). */
export function SectionTabs({labels, active}: Props) {
	return (
		<Box height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{SECTIONS.map((id, index) => (
					<Text key={id} inverse={id === active} bold={id === active}>
						{` ${index + 1} ${labels[id]} `}
					</Text>
				))}
			</Text>
		</Box>
	);
}
