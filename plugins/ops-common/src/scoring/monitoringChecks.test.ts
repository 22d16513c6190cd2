import { descriptorProfile } from '../__testUtils__/descriptorProfile';
import { sloIndicatorsCheck } from './monitoringChecks';

const evaluate = (slos: string) =>
  sloIndicatorsCheck.evaluate({
    profile: descriptorProfile(`slos:\n${slos}`),
    policy: { requiredIndicators: ['availability'] },
    facts: {},
    now: 0,
  } as any);

describe('required SLOs with alerts', () => {
  it('counts an SLI as alerted (its burn-rate alerts), and a bare objective as not', () => {
    expect(
      evaluate(
        '  - {name: Up, indicator: availability, unit: percent, objective: ">=99.9%", sli: {good: g, total: t}}\n',
      ),
    ).toEqual({
      status: 'pass',
      message: 'availability each have an objective and an alert',
    });
    expect(
      evaluate(
        '  - {name: Up, indicator: availability, unit: percent, objective: ">=99.9%"}\n',
      ),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^no usable alert threshold for availability/,
      ),
    });
  });
});
