import { z } from 'zod';
import {
  BUILT_IN_DEFAULTS,
  type OpsDefaults,
  type TierPolicy,
} from './defaults';
import { parseSection } from './descriptor/parseSection';
import {
  checklistItemSchema,
  durationSchema,
  sectionSchemas,
  tierSchema,
} from './descriptor/schema';
import { INDICATORS, TIERS } from './descriptor/vocabulary';
import {
  CHECK_LEVELS,
  DEFAULT_SCORING_CONFIG,
  type ScoringConfig,
} from './scoring/types';
import type { OpsIssue } from './validation/issues';
import { validateSections } from './validation/validateSections';
import { dayStart } from './durations';

/**
 * The `ops:` block of app-config, read from plain JSON (the backend passes
 * `config.getOptional('ops')`), so the same rules apply to org defaults as to
 * a service's own ops.yaml.
 */

const tierPolicySchema = z.object({
  requiredIndicators: z.array(z.enum(INDICATORS)).optional(),
  minBackupRetention: durationSchema.optional(),
  recoveryTestMaxAge: durationSchema.optional(),
  minEscalationLevels: z.number().int().min(0).max(10).optional(),
  slos: sectionSchemas.slos.optional(),
});

/** @public */
export const opsDefaultsSchema = z.object({
  fallbackTier: tierSchema.optional(),
  severities: sectionSchemas.severities.optional(),
  logging: sectionSchemas.logging.optional(),
  checklist: z.array(checklistItemSchema).optional(),
  tiers: z
    .object(
      Object.fromEntries(
        TIERS.map(t => [t, tierPolicySchema.optional()]),
      ) as Record<
        (typeof TIERS)[number],
        z.ZodOptional<typeof tierPolicySchema>
      >,
    )
    .optional(),
});

const applicabilitySchema = z.object({
  kinds: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
  tiers: z.array(tierSchema).optional(),
  lifecycles: z.array(z.string()).optional(),
});

/**
 * A calendar day (UTC) from which an announced check counts.
 *
 * @public
 */
export const countsFromSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-01-01')
  .refine(
    day => !Number.isNaN(dayStart(day)),
    'must be a date such as 2027-01-01',
  );

/** @public */
export const scoringConfigSchema = z.object({
  warnCredit: z.number().min(0).max(1).optional(),
  checks: z
    .record(
      z.string(),
      z.object({
        enabled: z.boolean().optional(),
        weight: z.number().min(0).optional(),
        level: z.enum(CHECK_LEVELS).optional(),
        appliesTo: applicabilitySchema.optional(),
        countsFrom: countsFromSchema.optional(),
      }),
    )
    .optional(),
});

/** @public */
export interface OpsConfig {
  defaults: OpsDefaults;
  scoring: ScoringConfig;
  issues: OpsIssue[];
}

/**
 * Reads `ops.defaults` and `ops.scoring` over the built-in defaults; bad values are reported and ignored.
 *
 * @public
 */
export function readOpsConfig(ops: unknown): OpsConfig {
  const raw = (typeof ops === 'object' && ops !== null ? ops : {}) as Record<
    string,
    unknown
  >;
  const issues: OpsIssue[] = [];
  const source = 'app-config';
  const defaultsParse = parseSection(
    opsDefaultsSchema,
    raw.defaults ?? {},
    'ops.defaults',
    source,
  );
  issues.push(...defaultsParse.issues);
  // A default section with an error falls back to the built-in one whole: half an org default is worse than none.
  const broken = (key: string) =>
    defaultsParse.issues.some(
      i => i.severity === 'error' && i.path.startsWith(`ops.defaults.${key}`),
    );
  const given = Object.fromEntries(
    Object.entries(defaultsParse.value ?? {}).filter(
      ([key]) => key === 'tiers' || !broken(key),
    ),
  ) as NonNullable<typeof defaultsParse.value>;
  const tiers = {} as Record<(typeof TIERS)[number], TierPolicy>;
  for (const tier of TIERS) {
    const override = given.tiers?.[tier] ?? {};
    tiers[tier] = {
      ...BUILT_IN_DEFAULTS.tiers[tier],
      ...stripUndefined(override),
    } as TierPolicy;
  }
  const defaults: OpsDefaults = {
    fallbackTier: given.fallbackTier ?? BUILT_IN_DEFAULTS.fallbackTier,
    severities: given.severities ?? BUILT_IN_DEFAULTS.severities,
    logging: given.logging ?? BUILT_IN_DEFAULTS.logging,
    checklist: given.checklist ?? BUILT_IN_DEFAULTS.checklist,
    tiers,
  };
  const rules = validateSections(
    {
      severities: defaults.severities,
      logging: defaults.logging,
      deployment: { checklist: defaults.checklist },
    },
    {
      locate: section => ({
        prefix: `ops.defaults.${
          section === 'deployment' ? '' : section
        }`.replace(/\.$/, ''),
        source,
      }),
    },
  );
  issues.push(...rules.issues);
  for (const tier of TIERS) {
    const slos = validateSections(
      { slos: tiers[tier].slos },
      { locate: () => ({ prefix: `ops.defaults.tiers.${tier}.slos`, source }) },
    );
    if (slos) issues.push(...slos.issues.filter(i => i.severity === 'error'));
  }

  const scoringParse = parseSection(
    scoringConfigSchema,
    raw.scoring ?? {},
    'ops.scoring',
    source,
  );
  issues.push(...scoringParse.issues);
  const scoring: ScoringConfig = {
    checks: (scoringParse.value?.checks ?? {}) as ScoringConfig['checks'],
    warnCredit:
      scoringParse.value?.warnCredit ?? DEFAULT_SCORING_CONFIG.warnCredit,
  };
  return { defaults, scoring, issues };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
