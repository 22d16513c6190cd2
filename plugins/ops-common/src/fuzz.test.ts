import fc from 'fast-check';
import { fuzzEntity, yamlText } from './__testUtils__/fuzzInputs';
import { parseOpsDescriptor } from './descriptor/parseDescriptor';
import { evaluateEntity } from './evaluateEntity';

/**
 * Thousands of random and adversarial inputs through the whole pipeline:
 * nothing may throw and nothing may pollute Object.prototype. The time per
 * input (goal < 100 ms) is measured by `yarn bench` on the same generators,
 * not asserted here: timings on a shared CI machine make flaky tests.
 */

// Checked after every test, whatever it fed in.
// eslint-disable-next-line jest/no-standalone-expect
afterEach(() => {
  /* eslint-disable jest/no-standalone-expect */
  expect(({} as any).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(Object.keys(Object.prototype)).toEqual([]);
  /* eslint-enable jest/no-standalone-expect */
});

describe('fuzzing', () => {
  it('parses any descriptor text without throwing', () => {
    fc.assert(
      fc.property(yamlText, text => {
        const result = parseOpsDescriptor(text);
        expect(Array.isArray(result.issues)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('evaluates any entity without throwing', () => {
    fc.assert(
      fc.property(fuzzEntity, e => {
        const result = evaluateEntity(e as any, { now: 0 });
        expect(result.scorecards).toHaveLength(2);
        for (const issue of result.issues) {
          expect(typeof issue.path).toBe('string');
          expect(typeof issue.message).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('survives prototype-pollution attempts in YAML and objects', () => {
    const attacks = [
      'apiVersion: opskit.io/v1\nkind: OpsDescriptor\n__proto__: {polluted: yes}\nenvironments: [{name: a, __proto__: {polluted: yes}}]\n',
      'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nconstructor: {prototype: {polluted: yes}}\n',
      '{"__proto__": {"polluted": "yes"}, "slos": [{"__proto__": {"polluted": 1}}]}',
    ];
    for (const text of attacks) {
      const result = parseOpsDescriptor(text);
      expect(result.issues.length).toBeGreaterThan(0);
    }
    const annotations = JSON.parse(
      '{"__proto__": {"polluted": 1}, "opskit.io/environments": "- {name: a, __proto__: {polluted: 1}}"}',
    );
    evaluateEntity({ kind: 'Component', metadata: { name: 'x', annotations } });
  });

  it('refuses alias bombs and huge inputs with an issue', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(parseOpsDescriptor(bomb).issues[0].message).toMatch(
      /expands to more than 50000 values/,
    );
    expect(
      parseOpsDescriptor('x'.repeat(2 * 1024 * 1024)).issues[0].message,
    ).toMatch(/limit is/);
  });
});
