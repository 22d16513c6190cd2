import fc from 'fast-check';
import { validateOpsDescriptor } from '../../descriptor/parseDescriptor';
import type { OpsProfile, OpsSections } from '../../descriptor/types';
import {
  INDICATORS,
  TIERS,
  TOOL_PURPOSES,
  UNITS,
} from '../../descriptor/vocabulary';
import { buildOpsProfile } from '../../profile';
import { exampleEntity, NOW } from '../../__testUtils__/examples';
import { renderRunbook } from '../renderRunbook';
import { importRunbookMarkdown } from './importRunbookMarkdown';

/**
 * The fields a runbook carries. The rendered runbook leaves out what only
 * machines read (an SLO's PromQL, query and SLI, and environment), so the round trip is
 * compared on the rest.
 */
function carried(sections: OpsSections & { tier?: string; runbook?: string }) {
  const { slos, ...rest } = sections;
  // How a threshold was written (`<200ms`) and empty lists (which a document cannot show) are not data.
  return JSON.parse(
    JSON.stringify({
      ...rest,
      slos: slos?.map(({ query, sli, environment, ...slo }) => slo),
    }),
    (key, value) => {
      if (key === 'writtenUnit') return undefined;
      // `automated: false` says what leaving it out says.
      if (key === 'automated' && value === false) return undefined;
      if (Array.isArray(value) && value.length === 0 && key !== 'targets')
        return undefined;
      if (
        value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0 &&
        key !== ''
      )
        return undefined;
      return value;
    },
  );
}

function sectionsOf(profile: OpsProfile) {
  const {
    entityRef,
    kind,
    type,
    lifecycle,
    owner,
    system,
    effectiveTier,
    references,
    dataStores,
    sources,
    ...sections
  } = profile;
  return sections;
}

function roundTrip(profile: OpsProfile) {
  const markdown = renderRunbook({ profile });
  const imported = importRunbookMarkdown(markdown, { now: NOW });
  const validated = validateOpsDescriptor(imported.descriptor, { now: NOW });
  return {
    markdown,
    imported,
    sections: carried({
      ...validated.sections,
      tier: validated.tier,
      runbook: validated.runbook,
    }),
  };
}

describe('runbook round trip', () => {
  it.each(['payments-api', 'legacy-billing', 'notifications-worker'])(
    'reads back the runbook rendered for %s',
    service => {
      const { profile } = buildOpsProfile(exampleEntity(service), { now: NOW });
      const { sections, imported, markdown } = roundTrip(profile);
      expect(sections).toEqual(carried(sectionsOf(profile)));
      // Nothing of the rendered runbook is reported as unread or invented.
      expect(
        imported.issues.filter(i =>
          /not one OpsKit reads|placeholder/.test(i.message),
        ),
      ).toEqual([]);
      expect(markdown).toContain('## ');
    },
  );

  const name = fc
    .stringMatching(/^[A-Za-z][A-Za-z0-9 ._*|/-]{0,20}[A-Za-z0-9]$/)
    .filter(s => !/\s{2}/.test(s));
  const dns = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const duration = fc
    .tuple(fc.integer({ min: 1, max: 90 }), fc.constantFrom('m', 'h', 'd'))
    .map(([n, u]) => `${n}${u}`);
  const value = fc.oneof(
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 99999 }).map(n => n / 1000),
  );
  const descriptor = fc.record(
    {
      tier: fc.constantFrom(...TIERS),
      environments: fc.uniqueArray(
        fc.record(
          {
            name: dns,
            purpose: name,
            url: dns.map(h => `https://${h}.example.com`),
          },
          { requiredKeys: ['name'] },
        ),
        { selector: e => e.name, maxLength: 4 },
      ),
      deployment: fc.record(
        {
          process: fc.array(
            fc.record(
              {
                environment: dns,
                steps: fc.array(name, { minLength: 1, maxLength: 3 }),
                commands: fc.array(
                  name.map(n => `make ${n.toLowerCase().replace(/ /g, '-')}`),
                  { minLength: 1, maxLength: 2 },
                ),
              },
              { requiredKeys: ['steps'] },
            ),
            { minLength: 1, maxLength: 3 },
          ),
          rollback: fc.record({
            steps: fc.array(name, { minLength: 1, maxLength: 3 }),
            automated: fc.boolean(),
          }),
          checklist: fc.uniqueArray(
            fc.record({
              id: dns,
              title: name,
              required: fc.boolean(),
            }),
            { selector: c => c.id, minLength: 1, maxLength: 4 },
          ),
        },
        { requiredKeys: [] },
      ),
      slos: fc.array(
        fc.record(
          {
            name,
            indicator: fc.constantFrom(...INDICATORS),
            unit: fc.constantFrom(...UNITS),
            objective: fc.record({
              op: fc.constantFrom('lt', 'lte', 'gt', 'gte'),
              value,
            }),
            alert: fc.record(
              {
                op: fc.constantFrom('lt', 'lte', 'gt', 'gte'),
                value,
                for: duration,
              },
              { requiredKeys: ['op', 'value'] },
            ),
            window: duration,
          },
          { requiredKeys: ['name', 'indicator', 'unit', 'objective'] },
        ),
        { maxLength: 4 },
      ),
      monitoring: fc.record({
        tools: fc.array(
          fc.record(
            {
              name,
              purpose: fc.constantFrom(...TOOL_PURPOSES),
              url: dns.map(h => `https://${h}.example.com/d`),
            },
            { requiredKeys: ['name', 'purpose'] },
          ),
          { maxLength: 4 },
        ),
      }),
      logging: fc.record(
        {
          levels: fc.uniqueArray(
            fc.constantFrom('debug', 'info', 'warn', 'error'),
            {
              minLength: 1,
            },
          ),
          format: fc.constantFrom('json', 'text'),
          fields: fc.uniqueArray(
            fc.constantFrom('timestamp', 'level', 'service', 'message'),
            {
              minLength: 1,
            },
          ),
          retention: duration,
        },
        { requiredKeys: [] },
      ),
      incident: fc.record({
        severities: fc.uniqueArray(
          fc.record(
            {
              id: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'SEV1'),
              description: name,
              responseTime: fc.oneof(duration, fc.constant('best-effort')),
            },
            { requiredKeys: ['id', 'responseTime'] },
          ),
          { selector: s => s.id, maxLength: 4 },
        ),
        escalation: fc.array(
          fc.record(
            {
              targets: fc.array(
                fc.oneof(
                  dns.map(n => `group:${n}`),
                  dns.map(n => `user:${n}`),
                ),
                { minLength: 1, maxLength: 2 },
              ),
              after: duration,
            },
            { requiredKeys: ['targets'] },
          ),
          { maxLength: 3 },
        ),
      }),
      backups: fc.array(
        fc.record(
          {
            data: name,
            schedule: fc.constantFrom('hourly', 'daily', 'weekly', 'monthly'),
            retention: duration,
            rpo: duration,
            rto: duration,
            tool: name,
          },
          { requiredKeys: ['data', 'schedule', 'retention'] },
        ),
        { maxLength: 3 },
      ),
      recovery: fc.record(
        {
          steps: fc.array(name, { minLength: 1, maxLength: 3 }),
          lastTested: fc.constantFrom('2026-01-15', '2025-06-30'),
          rto: duration,
        },
        { requiredKeys: [] },
      ),
      versionHistory: fc.array(
        fc.record(
          {
            version: fc.stringMatching(/^[0-9]\.[0-9]\.[0-9]$/),
            date: fc.constantFrom('2026-01-15', '2025-06-30'),
            author: name,
            changes: fc.array(name, { minLength: 1, maxLength: 2 }),
          },
          { requiredKeys: ['version'] },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it('reads back what it rendered, for generated descriptors', () => {
    fc.assert(
      fc.property(descriptor, generated => {
        const entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'generated',
            annotations: {
              'opskit.io/descriptor': JSON.stringify({
                apiVersion: 'opskit.io/v1',
                kind: 'OpsDescriptor',
                ...generated,
              }),
            },
          },
          spec: { type: 'service', owner: 'group:team-a' },
        };
        const { profile } = buildOpsProfile(entity, { now: NOW });
        const { sections } = roundTrip(profile);
        expect(sections).toEqual(carried(sectionsOf(profile)));
      }),
      { numRuns: 200 },
    );
    // 200 documents rendered and read back: seconds on a loaded machine.
  }, 60_000);
});
