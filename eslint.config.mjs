// ESLint flat config: the recommended JavaScript and typescript-eslint rules over every TypeScript and
// JavaScript source; formatting is Prettier's (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/out/**',
      'dist/**',
      '.vscode-test/**',
      'bench-corpus/**',
      '.tmp/**',
      'samples/**',
      // AssemblyScript (server/wasm/): TypeScript's syntax with WebAssembly's types; asc checks it when built.
      'server/wasm/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    // Logs are hostile input: no regular expression of the code that reads them may take more than linear
    // time on any text, whether by backtracking inside one match or by being tried again from every start.
    files: ['server/**/*.ts', 'client/**/*.ts', 'protocol/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // protocol/ declares messages the way vscode-languageserver-protocol does: a namespace per message.
    files: ['protocol/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        globalThis: 'readonly',
        document: 'readonly',
        window: 'readonly',
        navigator: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
