import type { ComplianceRow } from '../../database/OpsStore';
import {
  scoreEntities,
  type ScoringContext,
  type ScoringItem,
} from './scoreEntities';
import type { Scorer } from './Scorer';

/** In this thread: tests, custom checks (functions cannot cross threads), `ops.evaluation.workers: 0`. */
export class InlineScorer implements Scorer {
  private context?: ScoringContext;

  async ready() {}

  begin(context: ScoringContext) {
    this.context = context;
  }

  async score(items: ScoringItem[]): Promise<ComplianceRow[]> {
    return scoreEntities(items, this.context!);
  }
}
