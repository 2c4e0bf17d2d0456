import {Text} from 'ink';
import type {Line, Tone} from '../render/layout.js';

type Props = {
	readonly line: Line;
	/** False under NO_COLOR: tones keep their weight (bold, dim) but lose their colour. */
	readonly color: boolean;
};

const colors: Partial<Record<Tone, string>> = {red: 'red', green: 'green', yellow: 'yellow', cyan: 'cyan'};

/** One laid-out line; its text is already escaped and fits the width. */
export function StyledLine({line, color}: Props) {
	return (
		<Text wrap="truncate-end">
			{line.length === 0
				? ' '
				: line.map((segment, index) => {
						const tone = segment.tone;
						return (
							<Text
								key={index}
								bold={tone === 'bold' || tone === 'selected'}
								dimColor={tone === 'dim'}
								color={color && tone ? colors[tone] : undefined}
							>
								{segment.text}
							</Text>
						);
					})}
		</Text>
	);
}
