import { descriptorProfile } from '../__testUtils__/descriptorProfile';
import { burnRateAlertsCheck } from './burnRateAlertsCheck';

const evaluate = (descriptor: string) =>
  burnRateAlertsCheck.evaluate({
    profile: descriptorProfile(descriptor),
    facts: {},
    now: 0,
  } as any);

const ENVIRONMENTS = `environments:
  - {name: production, url: https://x.example.com}
  - {name: staging, url: https://x.staging.example.com}
`;

describe('burn-rate alerts defined', () => {
  it('passes when every production SLO with an SLI pages in its generated rules', () => {
    expect(
      evaluate(`${ENVIRONMENTS}slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", sli: {good: g, total: t}}
  - {name: Fast, indicator: latency, unit: percent, objective: ">=99%", sli: {histogram: http_duration_seconds, threshold: 300ms}}
  - {name: Staging only, indicator: availability, unit: percent, objective: ">=99%", sli: {good: g, total: t}, environment: staging}
  - {name: p95, indicator: latency, unit: ms, objective: "<300ms", query: q}
`),
    ).toEqual({
      status: 'pass',
      message: 'page burn-rate alerts for Success and Fast in production',
    });
  });

  it('fails when the rules cannot be written, and does not apply without production SLOs', () => {
    expect(
      evaluate(`${ENVIRONMENTS}slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", sli: {good: 'g{x="$nope"}', total: t}}
`),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^the rules cannot be generated: SLO "Success": .*nope/,
      ),
    });
    expect(
      evaluate(`${ENVIRONMENTS}slos:
  - {name: Staging, indicator: availability, unit: percent, objective: ">=99%", sli: {good: g, total: t}, environment: staging}
  - {name: p95, indicator: latency, unit: ms, objective: "<300ms", query: q}
`),
    ).toEqual({
      status: 'not-applicable',
      message: 'no SLO with an sli applies to production',
    });
  });
});
