import type { LoggerService } from '@backstage/backend-plugin-api';
import { serializeError } from '@backstage/errors';
import type { Response } from 'express';
import type { ComplianceRow } from '../database/OpsStore';
import { csvHeader, csvRow } from './exportFormats';

/** Writes rows as they come from the store, honouring back-pressure, so 100,000 rows never sit in memory. */
export async function streamExport(
  res: Response,
  format: 'csv' | 'json',
  rows: AsyncIterable<ComplianceRow>,
  scorecards: string[],
  evaluation: unknown,
  logger: LoggerService,
) {
  const write = (chunk: string) =>
    res.write(chunk)
      ? Promise.resolve()
      : new Promise<void>(resolve => res.once('drain', () => resolve()));
  try {
    if (format === 'csv') {
      await write(`${csvHeader(scorecards)}\r\n`);
      for await (const row of rows)
        await write(`${csvRow(row, scorecards)}\r\n`);
    } else {
      await write(
        `{"evaluation":${JSON.stringify(evaluation ?? null)},"items":[`,
      );
      let first = true;
      for await (const row of rows) {
        await write(`${first ? '' : ','}\n${JSON.stringify(row)}`);
        first = false;
      }
      await write('\n]}\n');
    }
    res.end();
  } catch (error) {
    // Headers are gone; all we can do is cut the stream so the client sees a truncated download.
    logger.error(
      `ops export failed: ${serializeError(error as Error).message}`,
    );
    res.destroy(error as Error);
  }
}
