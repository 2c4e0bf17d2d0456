import {Box} from 'ink';
import {HelpPanel} from './help-panel.js';
import type {Line} from '../render/layout.js';
import {RunConfirm} from './run-confirm.js';
import {SectionTabs} from './section-tabs.js';
import type {SectionId} from '../core/config/config.js';
import type {Notice, Overlay} from './state.js';
import {StatusBar} from './status-bar.js';
import {StyledLine} from './styled-line.js';

type Props = {
	readonly header: readonly Line[];
	readonly labels: Readonly<Record<SectionId, string>>;
	readonly active: SectionId;
	/** The visible part of the section, already cut to the body's height. */
	readonly body: readonly Line[];
	readonly bodyHeight: number;
	readonly overlay: Overlay;
	readonly notice: Notice | null;
	readonly hints: string;
	readonly canRun: boolean;
	readonly color: boolean;
};

/** The report screen: header, section tabs, the section (or help, or the re-run question), status and keys. */
export function ReportScreen({header, labels, active, body, bodyHeight, overlay, notice, hints, canRun, color}: Props) {
	return (
		<Box flexDirection="column">
			{header.map((line, index) => (
				<StyledLine key={`header-${index}`} line={line} color={color} />
			))}
			<SectionTabs labels={labels} active={active} />
			{overlay.kind === 'help' ? (
				<HelpPanel canRun={canRun} height={bodyHeight} />
			) : overlay.kind === 'confirm-run' ? (
				<RunConfirm offer={overlay.offer} height={bodyHeight} color={color} />
			) : (
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{body.map((line, index) => (
						<StyledLine key={`line-${index}`} line={line} color={color} />
					))}
				</Box>
			)}
			<StatusBar
				notice={overlay.kind === 'busy' ? {tone: 'info', text: overlay.text} : notice}
				hints={hints}
				color={color}
			/>
		</Box>
	);
}
