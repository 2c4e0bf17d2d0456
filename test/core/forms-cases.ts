/* The paste forms of test/fixtures/forms/ and what each must give, for diagnose and for the built CLI alike. */
import {readFileSync} from 'node:fs';
import type {PartKind, StatusSource} from '../../source/core/types.js';

export type FormCase = {
	readonly file: string;
	readonly kinds: readonly PartKind[];
	readonly status: number | null;
	readonly statusSource: StatusSource | null;
	readonly code: string | null;
	readonly message: string | null;
	/** Method and URL of the request the paste shows; null when it shows none. */
	readonly request: readonly [method: string, url: string] | null;
	/** A request header the paste sends, by name: its presence proves the headers were read. */
	readonly header: string | null;
	readonly unexpanded: readonly string[];
};

export const formCases: readonly FormCase[] = [
	{
		file: 'python-requests-debug-github-401.txt',
		kinds: ['python-http-debug', 'error-json'],
		status: 401,
		statusSource: 'response',
		code: null,
		message: 'Bad credentials',
		request: ['GET', 'https://api.github.com/user'],
		header: 'X-GitHub-Api-Version',
		unexpanded: [],
	},
	{
		file: 'httpie-verbose-github-401.txt',
		kinds: ['text', 'httpie'],
		status: 401,
		statusSource: 'response',
		code: null,
		message: 'Bad credentials',
		request: ['GET', 'https://api.github.com/user'],
		header: 'Authorization',
		unexpanded: [],
	},
	{
		file: 'ruby-net-http-github-403.txt',
		kinds: ['ruby-http-debug'],
		status: 403,
		statusSource: 'response',
		code: null,
		message: 'Resource not accessible by personal access token',
		request: ['POST', 'https://api.github.com/repos/octo-org/octo-repo/issues'],
		header: 'Authorization',
		unexpanded: [],
	},
	{
		file: 'powershell-irm-graph-401.txt',
		kinds: ['powershell-command', 'text', 'error-json'],
		// PowerShell 7 prints the body and no status: none is invented.
		status: null,
		statusSource: null,
		code: 'InvalidAuthenticationToken',
		message: 'Access token is empty.',
		request: ['GET', 'https://graph.microsoft.com/v1.0/me'],
		header: 'ConsistencyLevel',
		unexpanded: ['$env:GRAPH_TOKEN'],
	},
	{
		file: 'powershell-curl-exe-401.txt',
		kinds: ['curl-command', 'http-response'],
		status: 401,
		statusSource: 'response',
		code: null,
		message: 'Bad credentials',
		request: ['GET', 'https://api.github.com/user'],
		header: 'Accept',
		unexpanded: ['$env:GITHUB_TOKEN'],
	},
	{
		file: 'axios-error-openai-401.txt',
		kinds: ['axios-error'],
		status: 401,
		statusSource: 'log',
		code: 'invalid_api_key',
		message:
			'Incorrect API key provided: sk-proj-********************o345. You can find your API key at https://platform.openai.com/account/api-keys.',
		request: ['POST', 'https://api.openai.com/v1/chat/completions'],
		header: 'Authorization',
		unexpanded: [],
	},
	{
		file: 'undici-response-status-code-403.txt',
		kinds: ['text', 'status-log'],
		status: 403,
		statusSource: 'log',
		code: null,
		message: null,
		request: null,
		header: null,
		unexpanded: [],
	},
	{
		file: 'boto-s3-response-error-403.txt',
		kinds: ['text', 'status-log'],
		status: 403,
		statusSource: 'log',
		code: 'AccessDenied',
		message: 'Access Denied',
		request: null,
		header: null,
		unexpanded: [],
	},
	{
		file: 'requests-raise-for-status-401.txt',
		kinds: ['text', 'status-log'],
		status: 401,
		statusSource: 'log',
		code: null,
		message: null,
		request: null,
		header: null,
		unexpanded: [],
	},
	{
		file: 'openai-python-error-code-401.txt',
		kinds: ['text', 'status-log', 'error-json'],
		status: 401,
		statusSource: 'log',
		code: 'invalid_api_key',
		message:
			'Incorrect API key provided: sk-abc12*************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.',
		request: null,
		header: null,
		unexpanded: [],
	},
	{
		file: 'logfmt-status-429.txt',
		kinds: ['text', 'status-log', 'error-json'],
		status: 429,
		statusSource: 'log',
		code: 'rate_limited',
		message: null,
		request: null,
		header: null,
		unexpanded: [],
	},
];

export const formFixture = (file: string): string =>
	readFileSync(new URL(`../fixtures/forms/${file}`, import.meta.url), 'utf8');
