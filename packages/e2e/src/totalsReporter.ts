/*
 * Prints "e2e: N passed, M failed" from Playwright's own results and, when
 * OPSKIT_E2E_REPORT is set (src/run.ts sets it from --report FILE), writes
 * {passed, failed} there for scripts/test.sh. A run that fails without a
 * failing test (global setup, a worker crash, a timeout) counts one failure.
 */
import { writeFileSync } from 'node:fs';
import type {
  FullResult,
  Reporter,
  Suite,
  TestError,
} from '@playwright/test/reporter';

export default class TotalsReporter implements Reporter {
  private suite?: Suite;
  private errors: TestError[] = [];

  onBegin(_config: unknown, suite: Suite) {
    this.suite = suite;
  }

  onError(error: TestError) {
    this.errors.push(error);
  }

  onEnd(result: FullResult) {
    let passed = 0;
    let failed = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed++;
      else if (outcome === 'unexpected') failed++;
    }
    if (failed === 0 && (result.status !== 'passed' || this.errors.length))
      failed = 1;
    console.log(
      `e2e: ${passed} passed, ${failed} failed (screenshots in e2e-screenshots/)`,
    );
    const file = process.env.OPSKIT_E2E_REPORT;
    if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
  }

  printsToStdio() {
    return false;
  }
}
