import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Lint is about the shape of the repo: services import libs, never each other; libs never
 *  import services; production code of shared libs never imports the testing library. */
const boundaries = (extraConstraints) => [
  'error',
  {
    allow: [],
    banTransitiveDependencies: false,
    enforceBuildableLibDependency: false,
    depConstraints: [
      { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
      ...extraConstraints,
    ],
  },
];

const testFiles = ['**/*.spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts', '**/bench/**/*.ts'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.hearth/**', 'tools/*.mjs', 'tools/register.js', 'jest.config.js'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: testFiles,
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': boundaries([{ sourceTag: 'scope:shared', notDependOnLibsWithTags: ['scope:testing'] }]) },
  },
  {
    files: testFiles,
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': boundaries([]) },
  },
];
