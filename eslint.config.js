import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/dist-types/**', '.data/**', '**/*.mjs', '**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // An async function without await is how handler interfaces are satisfied; not a bug here.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    // Tenant isolation by construction: a domain module reaches the database only through a tenant
    // transaction (runCommand/runQuery), under row-level security. The owner connection
    // (`database.system`) bypasses it; only the modules that own global tables (applicants, sign-in:
    // src/db/global-tables.ts) may use it.
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/applicants/**', 'apps/server/src/modules/sign-in/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='system']",
          message:
            'A module uses a tenant transaction (runCommand/runQuery), not database.system, which bypasses row-level security.',
        },
      ],
    },
  },
);
