/*
 * The lint configuration of every package: Backstage's, plus two test rules
 * as errors, so a skipped test or a test that asserts nothing cannot pass.
 */
module.exports = dir =>
  require('@backstage/cli/config/eslint-factory')(dir, {
    testRules: {
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': [
        'error',
        // Helpers that assert: the API answer validators and the spec checks.
        { assertFunctionNames: ['expect', 'expect*', 'check*', 'assert*'] },
      ],
    },
  });
