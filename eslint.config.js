// Lint rules that also guard the architecture: only main/desktop (and the preload)
// may import electron, and only db/ may talk to knex.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['main/**/*.ts', 'db/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'bench/**/*.ts'],
    ignores: ['main/desktop/**', 'preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/desktop/ (and the preload) may import electron: the engine stays Electron-free.', allowTypeImports: true }],
      }],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'bench/**/*.ts'],
    ignores: ['main/desktop/**', 'preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'Only main/desktop/ (and the preload) may import electron: the engine stays Electron-free.', allowTypeImports: true },
          { name: 'knex', message: 'Nothing outside db/ writes SQL: add a repository method in db/.', allowTypeImports: true },
          { name: 'better-sqlite3', message: 'Nothing outside db/ talks to SQLite.', allowTypeImports: true },
        ],
      }],
    },
  },
  {
    // The desktop glue and the preload (contextBridge) are the only places electron may be imported.
    files: ['main/desktop/**/*.ts', 'preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'knex', message: 'Nothing outside db/ writes SQL: add a repository method in db/.', allowTypeImports: true },
          { name: 'better-sqlite3', message: 'Nothing outside db/ talks to SQLite.', allowTypeImports: true },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
