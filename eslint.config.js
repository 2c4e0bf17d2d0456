import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'source/edge/*.generated.js']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	regexp.configs['flat/recommended'],
	{
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				Buffer: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				URL: 'readonly',
				TextDecoder: 'readonly',
				TextEncoder: 'readonly',
			},
		},
		rules: {
			'regexp/no-super-linear-backtracking': 'error',
			'regexp/no-super-linear-move': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'no-control-regex': 'off',
		},
	},
	{
		// source/start.cts is CommonJS on purpose (see its header); there `import x = require()` is the import.
		files: ['**/*.cts'],
		rules: {'@typescript-eslint/no-require-imports': ['error', {allowAsImport: true}]},
	},
);
