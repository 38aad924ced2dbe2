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
    // (`database.system`) bypasses it; only the modules that own global tables (applicants, sign-in,
    // sessions, signing, municipalities: src/db/global-tables.ts) may use it.
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: [
      'apps/server/src/modules/applicants/**',
      'apps/server/src/modules/sign-in/**',
      'apps/server/src/modules/sessions/**',
      'apps/server/src/modules/signing/**',
      'apps/server/src/modules/municipalities/**',
    ],
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
  {
    // Layers: the platform is infrastructure and knows no module, emulator or demo data; the modules'
    // routes, jobs and tables reach it through app.ts and main.ts (modules/index.ts).
    files: ['apps/server/src/platform/**/*.ts'],
    ignores: ['apps/server/src/platform/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/emulators/**', '**/demo/**'],
              message:
                'platform/ is infrastructure: it imports no module, emulator or demo code. Take what you need as a parameter given by app.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // A module's inside is its own: another module is reached only through its index.ts, which exports
    // the descriptor and the functions others may call. Emulators and demo data are not a module's.
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*', '!../*/index.js', '!../../**'],
              message: 'Import another module only through its index.js (../<module>/index.js).',
            },
            {
              group: ['**/emulators/**', '**/demo/**'],
              message: 'A module does not import the emulators or the demo data.',
            },
          ],
        },
      ],
    },
  },
);
