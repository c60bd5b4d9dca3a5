import prettier from 'eslint-config-prettier';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	// Shipped to association websites exactly as written (hand-minified, 0.6 KB gzip).
	{ ignores: ['src/lib/reach/reach.js'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint recommends leaving undefined names to the compiler in TS projects.
			'no-undef': 'off',
			// Rida is served at the root of its origin (no paths.base), and most links carry
			// query strings built at run time: resolve() would add nothing but noise.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// An e2e test needs the worker's server and sessions: `test` comes from ./helpers.
		files: ['tests/e2e/**/*.ts'],
		ignores: ['tests/e2e/helpers.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							importNames: ['test'],
							message: "Import test from './helpers' (one server per worker, sessions per role)."
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
