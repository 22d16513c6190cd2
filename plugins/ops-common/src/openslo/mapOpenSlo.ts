import { sloSchema } from '../descriptor/schema';
import type { Slo } from '../descriptor/types';
import { INDICATORS, UNITS } from '../descriptor/vocabulary';
import type { OpsIssue } from '../validation/issues';
import { readShorthand } from './durationShorthand';
import { mapAlertPolicies } from './mapAlertPolicies';
import { mapIndicator } from './mapIndicator';
import type { OpenSloIndex } from './openSloIndex';
import { documentLabel, type OpenSloDocument } from './readOpenSlo';
import { at, isObject, Reporter } from './reporter';
import { OPENSLO_OPSKIT_ANNOTATIONS } from './vocabulary';

/**
 * An OpsKit SLO made from one objective of an OpenSLO SLO.
 *
 * @public
 */
export interface ImportedSlo {
  slo: Slo;
  /** The SLO's `spec.service`. */
  service?: string;
  /** The OpenSLO document it came from, as issues name it (`SLO payments-availability`). */
  document: string;
}

const SYMBOLS: Record<string, string> = {
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
};

const PERIODS: Record<string, string> = {
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
};

/** 0.999 → 99.9, without the float noise of 0.999 * 100. */
const percentOf = (target: number) => Number((target * 100).toPrecision(12));

function annotation(
  metadata: unknown[],
  key: string,
): { value: string; index: number } | undefined {
  for (let i = 0; i < metadata.length; i++) {
    const m = metadata[i];
    const annotations = isObject(m) ? m.annotations : undefined;
    if (isObject(annotations) && typeof annotations[key] === 'string')
      return { value: (annotations[key] as string).trim(), index: i };
  }
  return undefined;
}

/** An OpsKit word from an annotation (SLO first, then its SLI), or the default after a warning. */
function fromAnnotation<T extends string>(
  r: Reporter,
  metadata: unknown[],
  key: string,
  allowed: readonly T[],
): T | undefined {
  const found = annotation(metadata, key);
  if (!found) return undefined;
  if ((allowed as readonly string[]).includes(found.value))
    return found.value as T;
  r.warn(
    `metadata.annotations["${key}"]`,
    `"${found.value.slice(0, 40)}" is not one of ${allowed.join(
      ', ',
    )}; the default is used`,
  );
  return undefined;
}

/** `timeWindow[0]` as an OpsKit window; calendar windows become rolling ones of the same length. */
function windowOf(
  r: Reporter,
  spec: Record<string, unknown>,
): string | undefined {
  const window = Array.isArray(spec.timeWindow)
    ? spec.timeWindow[0]
    : undefined;
  if (!isObject(window)) return undefined;
  const read = readShorthand(window.duration);
  if (!read?.duration) return undefined;
  if (window.isRolling !== true)
    r.warn(
      'spec.timeWindow[0]',
      `a calendar window is budgeted as a rolling ${
        read.duration
      }: OpsKit's budgets and burn rates look back over a rolling window, so the budget does not reset at the start of each ${
        read.value === 1 ? PERIODS[read.unit] : String(window.duration)
      } (calendar is not used)`,
    );
  else if (read.calendarUnit)
    r.warn(
      'spec.timeWindow[0].duration',
      `a rolling ${String(window.duration)} is counted as ${
        read.duration
      }: OpsKit's windows have no months, quarters or years`,
    );
  return read.duration;
}

/**
 * Maps the valid SLO documents to OpsKit SLOs, one per objective; what
 * OpsKit cannot honour is a warning on the OpenSLO field. Documents with
 * errors are skipped (their errors say why).
 */
export function mapOpenSloDocuments(
  documents: readonly OpenSloDocument[],
  index: OpenSloIndex,
  options: { source?: string } = {},
): { slos: ImportedSlo[]; issues: OpsIssue[] } {
  const issues: OpsIssue[] = [];
  const slos: ImportedSlo[] = [];
  for (const doc of documents) {
    if (doc.kind !== 'SLO' || index.broken.has(doc)) continue;
    const label = documentLabel(doc);
    const r = new Reporter(issues, label, options.source);
    const spec = doc.value.spec as Record<string, unknown>;
    const objectives = (spec.objectives as Record<string, unknown>[]) ?? [];
    if (
      objectives.some(
        o => o.indicator !== undefined || o.indicatorRef !== undefined,
      )
    ) {
      r.warn(
        'spec.objectives',
        'a composite SLO (an SLI per objective) is not read by OpsKit; write one SLO per SLI',
      );
      continue;
    }
    // The SLI, and who is told about what OpsKit cannot measure in it.
    let sliSpec: Record<string, unknown>;
    let sliMetadata: unknown;
    let sliReporter = r;
    let sliPath = 'spec.indicator.spec';
    if (isObject(spec.indicator)) {
      sliSpec = spec.indicator.spec as Record<string, unknown>;
      sliMetadata = spec.indicator.metadata;
    } else {
      const sli = index.usable('SLI', spec.indicatorRef);
      if (!sli) continue;
      sliSpec = sli.value.spec as Record<string, unknown>;
      sliMetadata = sli.value.metadata;
      sliReporter = new Reporter(issues, documentLabel(sli), options.source);
      sliPath = 'spec';
    }
    const measured = mapIndicator(sliReporter, sliPath, sliSpec, index);
    const metadata = [doc.value.metadata, sliMetadata];
    const ratio = measured.metric === 'ratio';
    const indicator =
      fromAnnotation(
        r,
        metadata,
        OPENSLO_OPSKIT_ANNOTATIONS.indicator,
        INDICATORS,
      ) ?? (ratio ? 'availability' : 'custom');
    const writtenUnit = fromAnnotation(
      r,
      metadata,
      OPENSLO_OPSKIT_ANNOTATIONS.unit,
      UNITS,
    );
    const unit = ratio ? 'percent' : writtenUnit ?? 'count';
    const environment = annotation(
      metadata,
      OPENSLO_OPSKIT_ANNOTATIONS.environment,
    )?.value;
    const window = windowOf(r, spec);
    if (
      spec.budgetingMethod === 'Timeslices' ||
      spec.budgetingMethod === 'RatioTimeslices'
    )
      r.warn(
        'spec.budgetingMethod',
        `${
          spec.budgetingMethod
        } budgeting is read as Occurrences: OpsKit counts good events over the window, not good time slices, so timeSliceWindow${
          spec.budgetingMethod === 'Timeslices'
            ? ' and timeSliceTarget are'
            : ' is'
        } not used and the budget shown differs from one counted in slices`,
      );
    const alerts = mapAlertPolicies(
      r,
      'spec.alertPolicies',
      spec.alertPolicies,
      index,
    );
    if (alerts.length && !measured.sli)
      r.warn(
        'spec.alertPolicies',
        'burn-rate alerts need an SLI OpsKit can budget (counter queries); none are generated for this SLO',
      );
    objectives.forEach((objective, i) => {
      const objectivePath = at('spec.objectives', i);
      const target =
        typeof objective.targetPercent === 'number'
          ? objective.targetPercent
          : percentOf(objective.target as number);
      if (!ratio)
        r.warn(
          objectivePath,
          `a threshold metric is read as an instant check: OpsKit compares the query's value with ${
            SYMBOLS[String(objective.op)] ?? String(objective.op)
          } ${String(
            objective.value,
          )}, and the target (${target}%) is not budgeted${
            writtenUnit
              ? ''
              : `; its unit is not known, so the value is a plain number (unit: count): say it with metadata.annotations["${OPENSLO_OPSKIT_ANNOTATIONS.unit}"]: ms`
          }`,
        );
      const name =
        objectives.length > 1
          ? `${doc.name}/${
              typeof objective.displayName === 'string'
                ? objective.displayName.trim()
                : i + 1
            }`
          : doc.name!;
      const parsed = sloSchema.safeParse({
        name,
        indicator,
        unit,
        objective: ratio
          ? { op: 'gte', value: target }
          : { op: objective.op, value: objective.value },
        ...(window ? { window } : {}),
        ...(measured.query ? { query: measured.query } : {}),
        ...(measured.sli ? { sli: measured.sli } : {}),
        ...(environment ? { environment } : {}),
        ...(alerts.length && measured.sli ? { burnRateAlerts: alerts } : {}),
      });
      if (!parsed.success) {
        r.error(
          objectivePath,
          `could not be read as an OpsKit SLO: ${parsed.error.issues
            .map(issue => `${issue.path.join('.')} ${issue.message}`)
            .join('; ')}`,
        );
        return;
      }
      slos.push({
        slo: parsed.data,
        ...(typeof spec.service === 'string' ? { service: spec.service } : {}),
        document: label,
      });
    });
  }
  return { slos, issues };
}
