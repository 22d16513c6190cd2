import type { ChecklistItem, Logging, Severity, Slo } from './descriptor/types';
import type { Indicator, Tier } from './descriptor/vocabulary';

/**
 * What a tier demands of the services in it.
 *
 * @public
 */
export interface TierPolicy {
  /** SLO indicators every service of the tier must define, with objective and alert. */
  requiredIndicators: Indicator[];
  /** Shortest acceptable backup retention, a duration. */
  minBackupRetention: string;
  /** How long ago a restore may have been tested, a duration. */
  recoveryTestMaxAge: string;
  /** Fewest escalation levels. */
  minEscalationLevels: number;
  /** SLOs the scaffolder writes into a new service's ops.yaml. Never merged into profiles. */
  slos: Slo[];
}

/**
 * Organisation defaults (app-config `ops.defaults`), already validated.
 *
 * @public
 */
export interface OpsDefaults {
  /** The tier assumed for entities that declare none. */
  fallbackTier: Tier;
  severities: Severity[];
  logging: Logging;
  checklist: ChecklistItem[];
  tiers: Record<Tier, TierPolicy>;
}

/** The seed runbook's targets: response time, error rate, uptime. */
const SEED_SLOS: Slo[] = [
  {
    name: 'Response time (p95)',
    indicator: 'latency',
    unit: 'ms',
    objective: { op: 'lt', value: 200 },
    alert: { op: 'gt', value: 500, for: '5m' },
    window: '4w',
  },
  {
    name: 'Error rate',
    indicator: 'error-rate',
    unit: 'percent',
    objective: { op: 'lt', value: 0.1 },
    alert: { op: 'gt', value: 1, for: '5m' },
    window: '4w',
  },
  {
    name: 'Uptime',
    indicator: 'availability',
    unit: 'percent',
    objective: { op: 'gte', value: 99.9 },
    alert: { op: 'lt', value: 99.5 },
    window: '4w',
  },
];

/**
 * Built-in defaults; every key can be overridden under `ops.defaults`.
 *
 * @public
 */
export const BUILT_IN_DEFAULTS: OpsDefaults = {
  fallbackTier: 'tier-3',
  severities: [
    {
      id: 'P1',
      description: 'Service down or data loss for many users',
      responseTime: '15m',
    },
    { id: 'P2', description: 'Major feature degraded', responseTime: '1h' },
    {
      id: 'P3',
      description: 'Minor impact, workaround exists',
      responseTime: '1d',
    },
    {
      id: 'P4',
      description: 'Cosmetic or no user impact',
      responseTime: 'best-effort',
    },
  ],
  logging: {
    levels: ['debug', 'info', 'warn', 'error'],
    format: 'json',
    fields: ['timestamp', 'level', 'service', 'message', 'context'],
  },
  checklist: [
    { id: 'tests-passing', title: 'All tests passing', required: true },
    {
      id: 'code-reviewed',
      title: 'Code reviewed and approved',
      required: true,
    },
    {
      id: 'migrations-ready',
      title: 'Database migrations ready and reversible',
      required: true,
    },
    { id: 'rollback-plan', title: 'Rollback plan documented', required: true },
  ],
  tiers: {
    'tier-1': {
      requiredIndicators: ['latency', 'error-rate', 'availability'],
      minBackupRetention: '30d',
      recoveryTestMaxAge: '13w',
      minEscalationLevels: 2,
      slos: SEED_SLOS,
    },
    'tier-2': {
      requiredIndicators: ['latency', 'error-rate', 'availability'],
      minBackupRetention: '2w',
      recoveryTestMaxAge: '26w',
      minEscalationLevels: 2,
      slos: SEED_SLOS,
    },
    'tier-3': {
      requiredIndicators: ['error-rate', 'availability'],
      minBackupRetention: '1w',
      recoveryTestMaxAge: '52w',
      minEscalationLevels: 2,
      slos: SEED_SLOS.slice(1),
    },
    'tier-4': {
      requiredIndicators: ['availability'],
      minBackupRetention: '1w',
      recoveryTestMaxAge: '52w',
      minEscalationLevels: 1,
      slos: SEED_SLOS.slice(2),
    },
  },
};
