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
  {
    // The web speaks to the server only through the contract (src/shared/api/): no server module, and no URL written
    // by hand outside src/web/api/ (call('GET /api/v1/…'), useApi, urlOf build them from the contract's names).
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'The web imports the contract (src/shared/api/), never the server.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/^\\/api\\//]', message: 'Name the operation: call() / useApi() / urlOf() from src/web/api/.' },
        {
          selector: 'TemplateElement[value.raw=/^\\/api\\//]',
          message: 'Name the operation: call() / useApi() / urlOf() from src/web/api/.',
        },
      ],
    },
  },
  prettier,
);
