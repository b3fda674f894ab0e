// ESLint flat config (CommonJS: package.json has no "type"). typescript-eslint's
// recommended rules (not the type-aware strict set), plus the two architecture rules:
//   1. only main/electron/** and preload/** may import 'electron' at run time (type
//      imports are fine everywhere: they vanish at build time and never load the binary);
//   2. the renderer touches window.* only in renderer/src/api/client.ts.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController',
    'AbortSignal', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'fetch', 'Response', 'Request', 'Headers', 'performance', 'globalThis',
    '__dirname', '__filename', 'require', 'module', 'exports',
  ].map((name) => [name, 'readonly']),
);

const electronMessage =
  "Only main/electron/** and preload/** may load 'electron' (its first require downloads the binary). " +
  "Inject Electron objects instead, or use `import type`.";

module.exports = tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.tsbuildinfo'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // CommonJS files (this config, bin/*.js without ESM syntax) may use require().
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Rule 1, for everything outside the Electron adapter and the preload.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    ignores: ['main/electron/**', 'preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: electronMessage, allowTypeImports: true }],
          patterns: [{ group: ['electron/*'], message: electronMessage, allowTypeImports: true }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: electronMessage }], patterns: ['electron/*'] }],
      'no-restricted-modules': 'off',
    },
  },
  {
    // Rule 2.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/api/client.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'location', 'history', 'localStorage', 'sessionStorage', 'fetch', 'WebSocket', 'XMLHttpRequest'].map(
          (name) => ({ name, message: 'The renderer reaches the outside world only through renderer/src/api/client.ts.' }),
        ),
      ],
    },
  },
);
