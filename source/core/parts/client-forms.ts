import type {Part} from '../types.js';
import {findAxiosError} from './axios-error.js';
import {findHttpieExchange} from './httpie.js';
import {findPowerShellCommands} from './powershell-command.js';
import {findPythonHttpDebug} from './python-http-debug.js';
import {findRubyHttpDebug} from './ruby-http-debug.js';
import {findStatusLogLines} from './status-log.js';

/**
 * What HTTP clients other than curl print: debug traces, PowerShell commands, and Node errors dumped with their
 * members (axios, undici). They are looked for before JSON, whose scanner would otherwise take the objects inside them
 * for error bodies.
 */
export function findClientParts(text: string): Part[] {
	const parts: Part[] = [];
	const python = findPythonHttpDebug(text);
	if (python) parts.push({...python, kind: 'python-http-debug'});
	const httpie = findHttpieExchange(text);
	if (httpie) parts.push({...httpie, kind: 'httpie'});
	const ruby = findRubyHttpDebug(text);
	if (ruby) parts.push({...ruby, kind: 'ruby-http-debug'});
	for (const found of findPowerShellCommands(text)) parts.push({...found, kind: 'powershell-command'});
	const axios = findAxiosError(text);
	if (axios) parts.push({...axios, kind: 'axios-error'});
	return [...parts, ...statusLogParts(text, true)];
}

function statusLogParts(text: string, inspected: boolean): Part[] {
	return findStatusLogLines(text)
		.filter((found) => found.inspected === inspected)
		.map(({start, end, status, body}) => ({start, end, status, body, kind: 'status-log', request: null}));
}

/**
 * Lines that name a status in a client's or logger's words; looked for after JSON, so a message inside a body is not
 * one. Those followed by Node's inspect of the error are taken with the client forms, before JSON.
 */
export function findStatusLogParts(text: string): Part[] {
	return statusLogParts(text, false);
}
