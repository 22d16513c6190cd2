import type { ComplianceRow } from '../../database/OpsStore';
import type { ScoringContext, ScoringItem } from './scoreEntities';

/** Scores pages of entities: in worker threads when it can, in this thread otherwise. */
export interface Scorer {
  /** Resolves when the scorer can start at full speed (worker threads loaded). */
  ready(): Promise<void>;
  begin(context: ScoringContext): void;
  score(items: ScoringItem[]): Promise<ComplianceRow[]>;
}
