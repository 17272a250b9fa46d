// ESLint for every tracked .js/.mjs file (scripts/lint.sh eslint): the recommended rules, with the
// globals of where each file runs.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    // The web map: ES modules loaded by the browser (web/index.html's import map).
    files: ['web/src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    // Node scripts driving Chromium: their page.evaluate() callbacks run in the page.
    files: ['tests/browser/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Node scripts alone (the API document's check).
    files: ['tests/api/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
];
