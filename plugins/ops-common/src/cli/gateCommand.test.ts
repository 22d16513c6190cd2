import { exampleIo } from '../__testUtils__/cliIo';
import { gateResult } from '../scoring/gate';
import type { ScorecardResult } from '../scoring/types';
import { runCli, type CliIo } from './runCli';

async function gate(args: string[], extra: Partial<CliIo> = {}) {
  const { io, printed } = exampleIo(extra);
  const code = await runCli(['gate', ...args], io);
  return { code, ...printed };
}

const PAYMENTS = 'payments-api/catalog-info.yaml';

describe('gateResult', () => {
  const card = (
    scorecard: string,
    level: ScorecardResult['level'],
    results: Partial<ScorecardResult['results'][number]>[],
  ) =>
    ({
      scorecard,
      title: scorecard,
      level,
      results: results.map(r => ({
        checkId: 'c',
        title: 'C',
        level: 'bronze',
        weight: 1,
        status: 'pass',
        message: '',
        howToFix: '',
        ...r,
      })),
    } as ScorecardResult);

  it('blocks on failing checks at or below the level, not above it', () => {
    const cards = [
      card('deployment', 'bronze', [
        { checkId: 'a', level: 'silver', status: 'fail' },
        { checkId: 'b', level: 'gold', status: 'fail' },
        { checkId: 'c', level: 'bronze', status: 'warn' },
      ]),
      card('monitoring', 'gold', []),
    ];
    const silver = gateResult(cards, { minLevel: 'silver' });
    expect(silver.passed).toBe(false);
    expect(silver.scorecards.map(c => [c.scorecard, c.passed])).toEqual([
      ['deployment', false],
      ['monitoring', true],
    ]);
    expect(silver.scorecards[0].blocking.map(b => b.checkId)).toEqual(['a']);
    expect(gateResult(cards, { minLevel: 'bronze' }).passed).toBe(true);
    expect(
      gateResult(cards, { minLevel: 'gold', scorecards: ['monitoring'] })
        .passed,
    ).toBe(true);
  });

  it('fails on a scorecard the entity does not have', () => {
    const result = gateResult([card('monitoring', 'gold', [])], {
      minLevel: 'bronze',
      scorecards: ['security'],
    });
    expect(result).toMatchObject({
      passed: false,
      unknownScorecards: ['security'],
    });
  });
});

describe('opskit gate on local files', () => {
  it('exits 0 when the level is reached', async () => {
    const result = await gate(['--min-level', 'bronze', PAYMENTS]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'component:default/payments-api: ✔ reaches bronze',
        '  ✔ Deployment checklist: level bronze',
        '  ✔ Monitoring compliance: level gold',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 naming each blocking check and how to fix it', async () => {
    const result = await gate(['--min-level=silver', PAYMENTS]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  ✖ Deployment checklist: level bronze, needs silver\n      ✖ Deployment checklist signed off (silver): not signed off for version 2.4.0',
    );
    expect(result.stdout).toContain('        fix: Sign off the open items');
    // Held only to the monitoring scorecard, the same entity passes.
    expect(
      (
        await gate([
          '--min-level',
          'silver',
          '--scorecard',
          'monitoring',
          PAYMENTS,
        ])
      ).code,
    ).toBe(0);
  });

  it('prints JSON for machines, and picks one entity with --entity', async () => {
    const result = await gate([
      '--min-level',
      'bronze',
      '--format',
      'json',
      '--entity',
      'legacy-billing',
      PAYMENTS,
      'legacy-billing/catalog-info.yaml',
    ]);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ passed: false, minLevel: 'bronze' });
    expect(
      body.entities.map((e: { entityRef: string }) => e.entityRef),
    ).toEqual(['component:default/legacy-billing']);
    expect(body.entities[0].scorecards[0].blocking[0]).toEqual({
      checkId: expect.any(String),
      title: expect.any(String),
      level: 'bronze',
      message: expect.any(String),
      howToFix: expect.any(String),
    });
  });

  it('exits 2 when it cannot decide', async () => {
    for (const [args, message] of [
      [[PAYMENTS], '--min-level is required'],
      [
        ['--min-level', 'platinum', PAYMENTS],
        'must be one of bronze, silver, gold',
      ],
      [
        ['--min-level', 'gold', '--format', 'xml', PAYMENTS],
        '--format must be human or json',
      ],
      [
        ['--min-level', 'gold'],
        'give --entity <ref> --url <backend>, or the files',
      ],
      [['--min-level', 'gold', '--url', 'http://x'], '--url needs --entity'],
      [
        ['--min-level', 'gold', '--url', 'file:///etc', '--entity', 'a'],
        '--url must be an http(s) URL',
      ],
      [
        ['--min-level', 'gold', '--colour', 'red', PAYMENTS],
        'unknown option --colour',
      ],
      [['--min-level', 'gold', 'nope/catalog-info.yaml'], 'cannot read file'],
      [
        [
          '--min-level',
          'gold',
          '--entity',
          'component:default/other',
          PAYMENTS,
        ],
        'no component:default/other in',
      ],
      [
        ['--min-level', 'gold', '--entity', 'component:', PAYMENTS],
        '--entity:',
      ],
    ] as const) {
      const result = await gate([...args]);
      expect([args, result.code, result.stdout]).toEqual([args, 2, '']);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('opskit gate --url', () => {
  const served = (status: number, body: unknown) => {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
    return { calls, fetchImpl };
  };

  it('names the status and the API error when the backend refuses', async () => {
    const { fetchImpl, calls } = served(401, {
      error: { name: 'AuthenticationError', message: 'Missing credentials' },
    });
    const result = await gate(
      [
        '--min-level',
        'bronze',
        '--entity',
        'payments-api',
        '--url',
        'https://b.example.com/',
      ],
      { fetch: fetchImpl, env: () => undefined },
    );
    expect(result.code).toBe(2);
    expect(calls[0].url).toBe(
      'https://b.example.com/api/ops/entities/component/default/payments-api',
    );
    expect(result.stderr).toBe(
      'opskit gate: https://b.example.com/api/ops/entities/component/default/payments-api answered 401: Missing credentials (set OPSKIT_TOKEN to a backend token)\n',
    );
  });

  it('says so when the backend cannot be reached', async () => {
    const result = await gate(
      [
        '--min-level',
        'bronze',
        '--entity',
        'payments-api',
        '--url',
        'http://127.0.0.1:9',
      ],
      {
        fetch: (async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:9');
        }) as unknown as typeof fetch,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'cannot reach http://127.0.0.1:9/api/ops/entities/component/default/payments-api: connect ECONNREFUSED',
    );
  });
});
