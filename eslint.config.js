// Flat ESLint config: typed rules for all TypeScript, Svelte components included;
// `any` and floating promises are errors.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

// The layers, enforced (README "What is where"): each rule names what it keeps apart.
const importRule = '@typescript-eslint/no-restricted-imports';
const electronPackage = {
  name: 'electron',
  message:
    'Layers: only the Electron glue (electron/main.ts, tray.ts, preload.cts, ipc-main.ts) imports electron.',
};
const testCode = {
  regex: '(^|/)test/',
  message:
    'Layers: nothing under electron/ imports test code (the demo cluster is started by bin/ launchers).',
};
const dynamicTestImport = {
  selector: 'ImportExpression[source.value=/(^|\\/)test\\//]',
  message:
    'Layers: nothing under electron/ imports test code (the demo cluster is started by bin/ launchers).',
};
/** One layer's import rule: what it may not import, each with the message that names the layer. */
function layer(files, electronMessage, patterns) {
  return {
    files,
    rules: {
      [importRule]: [
        'error',
        { paths: [{ ...electronPackage, message: electronMessage }], patterns },
      ],
    },
  };
}
const layerRules = [
  {
    files: ['electron/**/*.ts', 'electron/**/*.cts'],
    rules: {
      'no-restricted-syntax': ['error', dynamicTestImport],
      [importRule]: ['error', { patterns: [testCode] }],
    },
  },
  layer(
    ['electron/core/**/*.ts'],
    'Layers: electron/core is plain Node and never imports electron.',
    [
      testCode,
      {
        regex: '^\\.\\./(\\.\\./)*(ipc|web|cli|renderer)/|(^|/)renderer/',
        message:
          'Layers: electron/core imports none of electron/ipc, electron/web, electron/cli or renderer.',
      },
    ],
  ),
  layer(
    ['electron/ipc/**/*.ts'],
    'Layers: electron/ipc imports only core (its Electron half is electron/ipc-main.ts).',
    [
      testCode,
      {
        regex: '^\\.\\./(web|cli|ipc)/|^\\.\\./\\.\\./|(^|/)renderer/|^\\.\\./[\\w-]+\\.c?[jt]s$',
        message: 'Layers: electron/ipc imports only core.',
      },
    ],
  ),
  layer(
    ['electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    'Layers: electron/cli and electron/web run in plain Node and never import electron.',
    [
      testCode,
      {
        regex: '(^|/)renderer/src/',
        message: 'Layers: cli and web do not import renderer source.',
      },
    ],
  ),
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message:
            'Layers: the CLI reaches the process only through its io (bin/tsm.cjs hands it over).',
        },
      ],
    },
  },
  layer(
    ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    'Layers: the renderer is a sandboxed page; it reaches the app through window.sessionApi only.',
    [
      {
        regex: '(^|/)electron/(?!ipc/(contract|wire-error)\\.js$)',
        message:
          "Layers: the renderer imports from electron/ only the contract's types (electron/ipc/contract.js) and the error rebuild (electron/ipc/wire-error.js).",
      },
      {
        regex: '(^|/)electron/ipc/contract\\.js$',
        allowTypeImports: true,
        message: 'Layers: the renderer imports the contract for its types only (import type).',
      },
    ],
  ),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'renderer/dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteFeatures: { experimentalGenerics: true } },
    },
    // TypeScript already knows the browser's globals; this rule cannot see them in components.
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // bin/tsm.cjs is CommonJS, so the `tsm` command starts without the ES module loader.
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      parserOptions: { projectService: false },
      globals: { process: 'readonly', require: 'readonly', __dirname: 'readonly' },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      // The svelte plugin's copy of this core rule cannot read a CommonJS file's scope.
      'svelte/no-inner-declarations': 'off',
    },
  },
  ...layerRules,
);
