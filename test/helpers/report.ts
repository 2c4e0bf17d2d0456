/* The `--json` report contract (schema/report.schema.json), as every test that reads a report checks it. */
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({strict: true, allErrors: true}).compile(schema);

/** Where a report breaks the schema, one line per problem; empty when it is valid. */
export function reportProblems(report: unknown): string[] {
	if (validate(report)) return [];
	return (validate.errors ?? []).map(
		(error) => `${error.instancePath || '(top level)'}: ${error.message ?? 'is invalid'}`,
	);
}

/** Parses `--json` output and throws, naming the problems, unless it is a report the schema accepts. */
export function parseReport<T = Record<string, unknown>>(stdout: string): T {
	const report: unknown = JSON.parse(stdout);
	const problems = reportProblems(report);
	if (problems.length > 0) throw new Error(`the report breaks schema/report.schema.json:\n${problems.join('\n')}`);
	return report as T;
}
