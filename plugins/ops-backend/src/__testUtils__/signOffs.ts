import type { OpsStore } from '../database/OpsStore';

/** The default checklist's items. */
export const DEFAULT_CHECKLIST = [
  'tests-passing',
  'code-reviewed',
  'migrations-ready',
  'rollback-plan',
];

/** Signs off every item of the default checklist for the entity (its last version). */
export async function signOffChecklist(
  store: OpsStore,
  entityRef: string,
  by = 'user:default/jane',
): Promise<void> {
  for (const itemId of DEFAULT_CHECKLIST)
    await store.addSignOff({ entityRef, itemId, by });
}
