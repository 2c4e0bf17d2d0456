import test from 'ava';
import type {CensusReport} from '../../source/core/scan/groups.js';
import {renderCensusJson, renderCensusMarkdown, renderCensusText, sparkline} from '../../source/render/scan.js';
import {showScan} from '../../source/render/shown.js';

const report: CensusReport = {
	total: 7,
	ungrouped: 0,
	groups: [
		{
			provider: 'acme',
			status: 400,
			code: 'bad|code_\u001B[31m',
			title: 'Bad *request*',
			fix: 'Send `x-api-key`.',
			count: 7,
			firstSeen: '2025-03-04T10:00:00.000Z',
			lastSeen: '2025-03-04T10:02:00.000Z',
			requestIds: ['req_<1>'],
			example: '{}',
		},
	],
	histogram: {bucketMinutes: 1, start: '2025-03-04T10:00:00.000Z', counts: [6, 0, 1]},
};

test('sparkline: the peak is a full bar, an empty bucket a gap, any error at least the lowest bar', (t) => {
	t.is(sparkline([8, 0, 1, 4]), '█ ▁▄');
	t.is(sparkline([0, 0]), '  ');
});

test('text: untrusted codes cannot reach the terminal as escape sequences; the histogram names its bucket', (t) => {
	const text = renderCensusText(showScan(report), {color: false, width: 80});
	t.false(text.includes('\u001B'));
	t.regex(text, /^7 errors in 1 group · 2025-03-04 10:00:00 → 2025-03-04 10:02:00 UTC/);
	t.regex(text, /Bad \*request\*: Send `x-api-key`\./);
	t.regex(
		text,
		/Errors per minute \(UTC\)\n {2}2025-03-04 10:00 │█ ▂│ 2025-03-04 10:02\n {2}peak 6 at 2025-03-04 10:00/,
	);
});

test('markdown: cells escape table and inline markup', (t) => {
	const markdown = renderCensusMarkdown(showScan(report));
	t.regex(markdown, /\| 7 \| acme \| 400 \| bad\\\|code\\_/);
	t.regex(markdown, /req\\_\\<1\\>/);
	t.regex(markdown, /Bad \\\*request\\\*: Send \\`x-api-key\\`\./);
});

test('json: only the contract fields', (t) => {
	t.deepEqual(JSON.parse(renderCensusJson(showScan(report))), {
		total: 7,
		groups: [
			{
				provider: 'acme',
				status: 400,
				code: 'bad|code_\u001B[31m',
				count: 7,
				firstSeen: '2025-03-04T10:00:00.000Z',
				lastSeen: '2025-03-04T10:02:00.000Z',
				requestIds: ['req_<1>'],
			},
		],
	});
});

test('every output: request ids and codes from the log pass the redact boundary; JSON escapes C1, bidi and U+2028', (t) => {
	const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
	const leaky: CensusReport = {
		...report,
		groups: [{...report.groups[0]!, code: `ghp_${'a'.repeat(36)}`, requestIds: [key, 'req_\u009B2J\u202E\u2028x']}],
	};
	const outputs = [
		renderCensusText(showScan(leaky), {color: false, width: 200}),
		renderCensusMarkdown(showScan(leaky)),
		renderCensusJson(showScan(leaky)),
	];
	for (const output of outputs) {
		t.false(output.includes(key.slice(8)), output);
		t.false(output.includes('a'.repeat(20)), output);
		t.false(/[\u009B\u202E\u2028]/.test(output), output);
	}

	t.deepEqual(JSON.parse(outputs[2]!).groups[0].requestIds[1], 'req_\u009B2J\u202E\u2028x');
});
