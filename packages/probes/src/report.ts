/** The probes' figures: one table, and which of them are defects. */
export interface Figures {
  requests: number;
  /** A route open without a valid token, or a valid token refused. */
  'auth wrong': number;
  '5xx': number;
  crashes: number;
  'hangs > 2 s': number;
  'writes lost': number;
  /** A scheduled evaluation run by more than one replica. */
  'double runs': number;
  'files leaked': number;
  'unsafe links': number;
}

export const DEFECTS: Array<keyof Figures> = [
  'auth wrong',
  '5xx',
  'crashes',
  'hangs > 2 s',
  'writes lost',
  'double runs',
  'files leaked',
  'unsafe links',
];

export function emptyFigures(): Figures {
  return {
    requests: 0,
    'auth wrong': 0,
    '5xx': 0,
    crashes: 0,
    'hangs > 2 s': 0,
    'writes lost': 0,
    'double runs': 0,
    'files leaked': 0,
    'unsafe links': 0,
  };
}

/** Per phase, then the total; a defect figure above 0 is marked. */
export function table(phases: Array<[string, Figures]>): string {
  const columns = Object.keys(emptyFigures()) as Array<keyof Figures>;
  const total = emptyFigures();
  for (const [, f] of phases) for (const c of columns) total[c] += f[c];
  const rows = [...phases, ['total', total] as [string, Figures]];
  const width = Math.max(...rows.map(([name]) => name.length), 5);
  const head = ['phase'.padEnd(width), ...columns.map(c => c.padStart(12))];
  const lines = [head.join(' '), '-'.repeat(head.join(' ').length)];
  for (const [name, f] of rows)
    lines.push(
      [
        name.padEnd(width),
        ...columns.map(c =>
          `${f[c]}${DEFECTS.includes(c) && f[c] > 0 ? ' !' : ''}`.padStart(12),
        ),
      ].join(' '),
    );
  return lines.join('\n');
}
