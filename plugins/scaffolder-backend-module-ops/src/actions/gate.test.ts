import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the real ops backend the action asks
import {
  evaluated,
  startOpsTestBackend,
} from '../../../ops-backend/src/__testUtils__/opsTestBackend';
import { actionContext } from '../__testUtils__/context';
import { readYaml } from '@opskit/plugin-ops-common';
import { createOpsGateAction, GATE_ID } from './gate';
import { examples } from './gate.examples';

jest.setTimeout(60_000);

describe('ops:gate against the real ops backend', () => {
  let opsApiUrl: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const backend = await startOpsTestBackend();
    await evaluated(backend.server);
    opsApiUrl = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }/api/ops`;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  function gate(input: Record<string, unknown>) {
    const action = createOpsGateAction({
      discovery: {
        getBaseUrl: async () => opsApiUrl,
        getExternalBaseUrl: async () => opsApiUrl,
      },
      auth: mockServices.auth(),
    });
    const { ctx, outputs } = actionContext(
      mkdtempSync(join(tmpdir(), 'opskit-gate-')),
      { failOnBlock: true, ...input },
    );
    return {
      outputs,
      run: () =>
        action.handler(ctx as any).then(
          () => undefined,
          (error: Error) => `${error.name}: ${error.message}`,
        ),
    };
  }

  it('passes as the template user, with the levels as outputs', async () => {
    const { run, outputs } = gate({
      entityRef: 'payments-api',
      minLevel: 'bronze',
    });
    expect(await run()).toBeUndefined();
    expect(outputs).toEqual({
      passed: true,
      levels: { deployment: 'bronze', monitoring: 'gold' },
      blocking: [],
    });
  });

  it('fails the step naming the blocking checks, or only reports them', async () => {
    const blocked = gate({ entityRef: 'payments-api', minLevel: 'silver' });
    expect(await blocked.run()).toMatch(
      /^NotAllowedError: component:default\/payments-api does not reach silver: Deployment checklist signed off \(not signed off for version 2\.4\.0/,
    );
    expect(blocked.outputs.passed).toBe(false);
    expect(blocked.outputs.blocking).toEqual([
      expect.objectContaining({
        scorecard: 'deployment',
        checkId: 'checklist-signed-off',
      }),
    ]);
    const reported = gate({
      entityRef: 'payments-api',
      minLevel: 'silver',
      failOnBlock: false,
    });
    expect(await reported.run()).toBeUndefined();
    expect(reported.outputs.passed).toBe(false);
  });

  it('refuses a bad ref and an unknown entity as input errors', async () => {
    expect(
      await gate({ entityRef: 'component:', minLevel: 'gold' }).run(),
    ).toMatch(/^InputError: entityRef: /);
    expect(
      await gate({
        entityRef: 'component:default/nope',
        minLevel: 'gold',
      }).run(),
    ).toMatch(/^InputError: ops:gate cannot tell: .* answered 404/);
  });

  it('runs its documented examples: the first blocks payments-api below silver, the second finds its monitoring gold', async () => {
    const outcomes = [];
    for (const example of examples) {
      const [step] = (readYaml(example.example, 'example').value as any).steps;
      expect(step.action).toBe(GATE_ID);
      const input = {
        ...step.input,
        entityRef: String(step.input.entityRef).replace(
          '${{ parameters.component }}',
          'component:default/payments-api',
        ),
      };
      const { run, outputs } = gate(input);
      outcomes.push([(await run())?.split(':')[0], outputs.passed]);
    }
    expect(outcomes).toEqual([
      ['NotAllowedError', false],
      [undefined, true],
    ]);
  });
});
