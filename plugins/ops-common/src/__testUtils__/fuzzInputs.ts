/* eslint-disable no-script-url -- adversarial inputs on purpose */
import fc from 'fast-check';
import { OPS_SECTION_ANNOTATIONS } from '../annotations';

/** Random and adversarial inputs, shared by the fuzz test and the benchmark. */
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'environments',
  'slos',
  'name',
  'url',
  'objective',
  'alert',
  'op',
  'value',
  'targets',
  'retention',
  'schedule',
  'incident',
  'severities',
  'escalation',
  'steps',
  'lastTested',
];

export const junkString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:x',
    '1M',
    'PT',
    '<200ms',
    '>=',
    'tier-1',
    'group:x, user:y',
    '&a [*a, *a]',
    '!!js/function "x"',
    '- - - -',
    '{{{{',
    '%YAML 1.1\n---\nx: y',
  ),
  fc.nat(200).map(n => 'x'.repeat(n * 1000)),
  fc.nat(500).map(n => '['.repeat(n) + ']'.repeat(n)),
  fc.nat(500).map(n => `${'- '.repeat(n)}x`),
);

const junkValue = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...KEYS), fc.string()),
      tie('value'),
      { maxKeys: 6 },
    ),
  ),
})).value;

export const yamlText = fc.oneof(
  junkString,
  junkValue.map(v => {
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return '';
    }
  }),
  junkValue.map(
    v =>
      `apiVersion: opskit.io/v1\nkind: OpsDescriptor\nslos: ${JSON.stringify(
        v,
      )}\nenvironments: ${JSON.stringify(
        v,
      )}\nincident: {escalation: ${JSON.stringify(v)}}\n`,
  ),
);

const annotationKey = fc.constantFrom(
  'opskit.io/descriptor',
  'opskit.io/tier',
  'opskit.io/ops-ref',
  'opskit.io/runbook',
  'pagerduty.com/service-id',
  ...Object.values(OPS_SECTION_ANNOTATIONS),
  '__proto__',
  'constructor',
);

export const fuzzEntity = fc.record({
  kind: fc.oneof(fc.constant('Component'), junkValue),
  metadata: fc.oneof(
    fc.record({
      name: fc.oneof(fc.string(), junkValue),
      annotations: fc.oneof(
        fc.dictionary(annotationKey, fc.oneof(yamlText, junkValue), {
          maxKeys: 8,
        }),
        junkValue,
      ),
    }),
    junkValue,
  ),
  spec: junkValue,
});

/**
 * A descriptor whose text is ~10 KB but whose value, aliases expanded, is
 * `anchor × fanOut^levels` characters: 10 MB with the defaults.
 */
export function aliasBomb(anchorLength = 10_000, levels = 3, fanOut = 10) {
  const lines = [
    'apiVersion: opskit.io/v1',
    'kind: OpsDescriptor',
    `x0: &x0 "${'a'.repeat(anchorLength)}"`,
  ];
  for (let level = 1; level <= levels; level++)
    lines.push(
      `x${level}: &x${level} [${Array(fanOut)
        .fill(`*x${level - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}
