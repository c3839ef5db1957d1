import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results', 'migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Routes validate, check the policy, call a command or query and present: the SQL lives in queries.ts /
    // repository.ts, the transactions in commands.ts (docs/CONTRIBUTING.md). Every file that registers routes is
    // named routes.ts or <use>Routes.ts (pattern.test.ts checks it), so none escapes this rule.
    files: ['src/server/*/routes.ts', 'src/server/*/*Routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'Routes hold no SQL: put the query in queries.ts or repository.ts, the write in commands.ts.' },
          ],
          patterns: [{ group: ['**/schema.ts', '!**/shared/**'], message: 'Routes do not touch tables: call the owning repository.' }],
        },
      ],
    },
  },
  prettier,
);
