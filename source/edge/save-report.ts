import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {join} from 'node:path';

/** `errdoctor-2025-03-04T10-15-42Z.md`: sortable, and valid on every file system. */
export function reportFileName(now: Date): string {
	return `errdoctor-${now
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replaceAll(':', '-')}.md`;
}

/** Writes the ticket summary next to the user, readable only by them; never replaces an existing file. */
export async function saveReport(markdown: string, directory: string, now: Date): Promise<string> {
	const path = join(directory, reportFileName(now));
	const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	try {
		await file.writeFile(markdown, 'utf8');
	} finally {
		await file.close();
	}

	return path;
}
