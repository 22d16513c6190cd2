import { durationToMs } from '../durations';
import { COMPONENTS, type OpsCheck, type SignOff } from './types';
import {
  daysBetween,
  latestVersion,
  listOf,
  productionEnvironment,
  storeName,
} from './profileFacts';

/** @public */
export const DEPLOYMENT_SCORECARD = 'deployment';

export const productionEnvironmentCheck: OpsCheck = {
  id: 'production-environment',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Production environment defined',
  description:
    'The service names its environments, including production with an https URL.',
  howToFix:
    'Add `environments:` to ops.yaml with `- name: production` and `url: https://…`.',
  level: 'bronze',
  weight: 3,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    if (!profile.environments?.length)
      return { status: 'fail', message: 'no environments defined' };
    const prod = productionEnvironment(profile);
    if (!prod) {
      return {
        status: 'fail',
        message: `no production environment among ${listOf(
          profile.environments.map(e => e.name),
        )}`,
      };
    }
    if (!prod.url)
      return { status: 'fail', message: `${prod.name} has no (safe) URL` };
    if (!prod.url.startsWith('https:'))
      return {
        status: 'warn',
        message: `${prod.name} URL ${prod.url} is not https`,
      };
    return { status: 'pass', message: `${prod.name} at ${prod.url}` };
  },
};

export const deploymentProcessCheck: OpsCheck = {
  id: 'deployment-process',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Deployment process documented',
  description: 'Every environment has documented deployment steps.',
  howToFix:
    'Add `deployment.process` with the steps for each environment (or one list without `environment` that applies to all).',
  level: 'bronze',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const process = profile.deployment?.process ?? [];
    if (process.length === 0)
      return { status: 'fail', message: 'no deployment process documented' };
    if (process.some(p => !p.environment))
      return {
        status: 'pass',
        message: 'one process covers every environment',
      };
    const covered = new Set(process.map(p => p.environment));
    const missing = (profile.environments ?? [])
      .map(e => e.name)
      .filter(n => !covered.has(n));
    if (missing.length > 0)
      return {
        status: 'fail',
        message: `no deployment steps for ${listOf(missing)}`,
      };
    return {
      status: 'pass',
      message: `steps for ${listOf([...covered] as string[])}`,
    };
  },
};

export const rollbackPlanCheck: OpsCheck = {
  id: 'rollback-plan',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Rollback plan documented',
  description: 'There are written steps to undo a bad deployment.',
  howToFix:
    'Add `deployment.rollback.steps` (or `rollback: "…"` for a one-line plan).',
  level: 'bronze',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const steps = profile.deployment?.rollback?.steps ?? [];
    if (steps.length === 0)
      return { status: 'fail', message: 'no rollback plan' };
    const automated = profile.deployment?.rollback?.automated
      ? ' (automated)'
      : '';
    return {
      status: 'pass',
      message: `${steps.length} rollback step(s)${automated}`,
    };
  },
};

/**
 * The newest sign-off that covers a checklist item for a version: one given for
 * that version, or one (or a version) that names none. The check and the Ops
 * tab both ask this, so what the tab shows as signed is what scores.
 *
 * @public
 */
export function signOffFor<T extends SignOff>(
  signOffs: readonly T[],
  itemId: string,
  version: string | undefined,
): T | undefined {
  let found: T | undefined;
  for (const signOff of signOffs) {
    if (signOff.itemId !== itemId) continue;
    if (
      version !== undefined &&
      signOff.version !== undefined &&
      signOff.version !== version
    )
      continue;
    if (!found || signOff.at > found.at) found = signOff;
  }
  return found;
}

export const checklistSignedOffCheck: OpsCheck = {
  id: 'checklist-signed-off',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Deployment checklist signed off',
  description:
    'Every required checklist item is signed off for the current version.',
  howToFix:
    'Sign off the open items on the Ops tab, or from CI with `POST /api/ops/entities/{ref}/signoffs` and a service token.',
  level: 'silver',
  weight: 3,
  appliesTo: COMPONENTS,
  evaluate({ profile, facts }) {
    const required = (profile.deployment?.checklist ?? []).filter(
      i => i.required,
    );
    if (required.length === 0)
      return {
        status: 'not-applicable',
        message: 'no required checklist items',
      };
    const version =
      facts.currentVersion ?? latestVersion(profile.versionHistory);
    const open = required
      .filter(i => !signOffFor(facts.signOffs ?? [], i.id, version))
      .map(i => i.id);
    const forVersion = version ? ` for version ${version}` : '';
    if (open.length > 0)
      return {
        status: 'fail',
        message: `not signed off${forVersion}: ${listOf(open)}`,
      };
    return {
      status: 'pass',
      message: `all ${required.length} required item(s) signed off${forVersion}`,
    };
  },
};

export const backupsScheduledCheck: OpsCheck = {
  id: 'backups-scheduled',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Data stores backed up',
  description:
    'Every data store the service depends on has a backup schedule whose retention meets the tier minimum.',
  howToFix:
    'Add a `backups` entry per data store (`data: resource:<name>`, `schedule`, `retention`) with retention at least the tier minimum.',
  level: 'silver',
  weight: 3,
  appliesTo: COMPONENTS,
  evaluate({ profile, policy }) {
    const backups = profile.backups ?? [];
    if (profile.dataStores.length === 0 && backups.length === 0) {
      return {
        status: 'not-applicable',
        message: 'no data stores (no resources in spec.dependsOn, no backups)',
      };
    }
    const backedUp = new Set(backups.map(b => storeName(b.data)));
    const missing = profile.dataStores.filter(
      ref => !backedUp.has(storeName(ref)),
    );
    const minimum = durationToMs(policy.minBackupRetention) ?? 0;
    const short = backups.filter(
      b => (durationToMs(b.retention) ?? 0) < minimum,
    );
    const problems: string[] = [];
    if (missing.length > 0) problems.push(`no backup for ${listOf(missing)}`);
    if (short.length > 0) {
      problems.push(
        `retention below the ${profile.effectiveTier} minimum of ${
          policy.minBackupRetention
        } for ${listOf(short.map(b => `${b.data} (${b.retention})`))}`,
      );
    }
    if (problems.length > 0)
      return { status: 'fail', message: problems.join('; ') };
    return {
      status: 'pass',
      message: `${backups.length} backup schedule(s), retention ≥ ${policy.minBackupRetention}`,
    };
  },
};

export const recoveryTestedCheck: OpsCheck = {
  id: 'recovery-tested',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Recovery procedure tested',
  description:
    'A restore procedure is written down and was tested recently enough for the tier.',
  howToFix:
    'Write `recovery.steps`, run a restore drill, and record its date in `recovery.lastTested`.',
  level: 'gold',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, policy, now }) {
    if (
      profile.dataStores.length === 0 &&
      !profile.backups?.length &&
      !profile.recovery
    ) {
      return { status: 'not-applicable', message: 'no data to recover' };
    }
    if (!profile.recovery?.steps?.length)
      return { status: 'fail', message: 'no recovery steps documented' };
    if (!profile.recovery.lastTested)
      return {
        status: 'fail',
        message: 'recovery has never been tested (no lastTested)',
      };
    const tested = Date.parse(profile.recovery.lastTested);
    if (tested > now + 86_400_000) {
      return {
        status: 'fail',
        message: `lastTested ${profile.recovery.lastTested} is in the future`,
      };
    }
    const maxAge =
      durationToMs(policy.recoveryTestMaxAge) ?? Number.POSITIVE_INFINITY;
    if (now - tested > maxAge) {
      return {
        status: 'fail',
        message: `last tested ${daysBetween(tested, now)} days ago (${
          profile.recovery.lastTested
        }); ${profile.effectiveTier} requires a test within ${
          policy.recoveryTestMaxAge
        }`,
      };
    }
    return {
      status: 'pass',
      message: `tested on ${profile.recovery.lastTested}`,
    };
  },
};

export const runbookPublishedCheck: OpsCheck = {
  id: 'runbook-published',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Runbook published',
  description: 'The runbook is published where on-call engineers can find it.',
  howToFix:
    'Set `opskit.io/runbook` (or `runbook:` in ops.yaml), or publish TechDocs with `backstage.io/techdocs-ref`.',
  level: 'silver',
  weight: 1,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    if (profile.runbook)
      return { status: 'pass', message: `runbook at ${profile.runbook}` };
    if (profile.references.techdocsRef)
      return { status: 'pass', message: 'published with TechDocs' };
    return { status: 'fail', message: 'no runbook link and no TechDocs' };
  },
};

/** @public */
export const DEPLOYMENT_CHECKS: OpsCheck[] = [
  productionEnvironmentCheck,
  deploymentProcessCheck,
  rollbackPlanCheck,
  checklistSignedOffCheck,
  backupsScheduledCheck,
  recoveryTestedCheck,
  runbookPublishedCheck,
];
