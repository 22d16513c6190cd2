import type {
  Environment,
  OpsProfile,
  VersionEntry,
} from '../descriptor/types';

/** Small readings of a profile that several checks share. */

const PRODUCTION_NAMES = ['production', 'prod', 'prd', 'live'];

/** @public */
export function productionEnvironment(
  profile: OpsProfile,
): Environment | undefined {
  return profile.environments?.find(e => PRODUCTION_NAMES.includes(e.name));
}

/** `production`, `prod`, `prd` or `live`. */
export function isProductionName(environment: string): boolean {
  return PRODUCTION_NAMES.includes(environment);
}

/**
 * The newest version: the entry with the latest date, else the first listed.
 *
 * @public
 */
export function latestVersion(
  history: VersionEntry[] | undefined,
): string | undefined {
  if (!history || history.length === 0) return undefined;
  const dated = history.filter(
    v => v.date && !Number.isNaN(Date.parse(v.date)),
  );
  if (dated.length === 0) return history[0].version;
  return dated.reduce((a, b) =>
    Date.parse(b.date!) > Date.parse(a.date!) ? b : a,
  ).version;
}

/** `resource:default/orders-db`, `resource:orders-db` and `orders-db` name the same store. */
export function storeName(ref: string): string {
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  const name = withoutKind.includes('/')
    ? withoutKind.slice(withoutKind.lastIndexOf('/') + 1)
    : withoutKind;
  return name.trim().toLowerCase();
}

/** A list for a message: `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / 86_400_000);
}
