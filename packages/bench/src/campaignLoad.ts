import type { Knex } from 'knex';

/**
 * The campaigns benchmark phase: `count` active campaigns of varied scopes
 * and targets over the stored evaluation, with `history` evaluations of
 * burn-up points each (the older ones written straight into
 * ops_campaign_points: running 30 full evaluations of 100k entities would
 * take the benchmark a quarter of an hour and measure the evaluation again,
 * not the campaign pages, which read the latest evaluation's rows and every
 * point). Returns the URLs to load: the list and each campaign's page.
 */
export async function createCampaigns(options: {
  api: (path: string, init?: RequestInit) => Promise<Response>;
  base: string;
  knex: Knex;
  count: number;
  history: number;
  size: number;
}): Promise<{ urls: string[]; ids: string[] }> {
  const { api, base, knex, count, history, size } = options;
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const stride = Math.max(1, Math.floor(size / 100));
  const scopes = [
    {},
    { tier: ['tier-1'] },
    { tier: ['tier-1', 'tier-2'] },
    { owner: Array.from({ length: 10 }, (_, i) => `group:default/team-${i}`) },
    { owner: ['group:default/team-7'] },
    { kind: ['component'], tier: ['tier-3'] },
    { lifecycle: ['production'] },
    {
      entities: Array.from(
        { length: 100 },
        (_, i) => `component:default/payments-api-${i * 4 * stride}`,
      ),
    },
    { type: ['service'] },
    { tier: ['tier-4'], owner: ['group:default/team-3'] },
  ];
  const targets = [
    { scorecard: 'deployment', level: 'silver' },
    { scorecard: 'monitoring', level: 'gold' },
    { checks: ['slo-indicators', 'runbook-published'] },
    { checks: ['recovery-tested'] },
  ];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api('/api/ops/campaigns', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: `Benchmark campaign ${i}`,
        owner: 'group:default/sre',
        target: targets[i % targets.length],
        scope: scopes[i % scopes.length],
        startsOn: day(-history),
        deadline: day(30),
        state: 'active',
      }),
    });
    if (res.status !== 201)
      throw new Error(`creating a campaign: ${res.status} ${await res.text()}`);
    ids.push((await res.json()).id);
  }
  // One point per past day and campaign, as the tracker writes them after each evaluation.
  const rows = ids.flatMap(id =>
    Array.from({ length: history }, (_, d) => {
      const done = Math.round((size * d) / (history * 4));
      return {
        campaign_id: id,
        evaluation_id: -1 - d,
        evaluated_at: new Date(Date.now() - (history - d) * 86_400_000),
        in_scope: size,
        done,
        waived: 0,
        not_done: size - done,
      };
    }),
  );
  await knex.batchInsert('ops_campaign_points', rows, 200);
  return {
    ids,
    urls: [
      `${base}/campaigns`,
      ...ids.map(id => `${base}/campaigns/${id}?limit=100`),
    ],
  };
}
