// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', '.cache/**', 'coverage/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'typeLike', format: ['PascalCase'] },
      ],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-throw-literal': 'error',
    },
  },
  {
    // The language service must stay usable from any host: no editor API, no Node API.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url'],
              message: 'core must not use Node APIs',
            },
            {
              group: [
                'vscode',
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageclient',
                'vscode-languageclient/*',
              ],
              message: 'core must not depend on an editor or LSP runtime',
            },
          ],
        },
      ],
    },
  },
  {
    // The two hosts share the Node host layer (server/src/node/) and the core, never each other's
    // files: what both need lives in node/, so neither can break the other. test/core/layering.test.ts
    // checks the same, dynamic imports included.
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)cli(/|$)',
              message: 'the language server must not import halint (cli/); share it through node/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)lsp(/|$)',
              message: 'halint must not import the language server (lsp/); share it through node/',
            },
          ],
        },
      ],
    },
  },
  {
    // The Node host layer serves both hosts, so it depends on neither, nor on an LSP runtime.
    files: ['server/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(cli|lsp)(/|$)',
              message: 'node/ serves both hosts and imports neither (cli/, lsp/)',
            },
            {
              group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*'],
              message: 'node/ must not depend on an editor or LSP runtime',
            },
          ],
        },
      ],
    },
  },
  {
    // The client never parses configs: it talks to the server.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/core/**'],
              message: 'the client must not parse configs; ask the server',
            },
          ],
        },
      ],
    },
  },
  {
    // node:test's test() and describe() return promises that the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
