import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { opsPlugin } from '../plugin';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';
import { opsTestConfig } from '../__testUtils__/testConfig';
import { HTTPS_EVERYWHERE } from '../__testUtils__/customChecks';

jest.setTimeout(60_000);

describe('ops.checks.custom', () => {
  it('lists a custom check with the built-in ones and scores every entity with it', async () => {
    const { server } = await startOpsTestBackend({
      config: { checks: { custom: [HTTPS_EVERYWHERE] } },
    });
    await evaluated(server);
    const checks = await request(server).get('/api/ops/checks').set(janeAuth);
    expect(checks.status).toBe(200);
    expect(
      checks.body.checks.find(
        (c: { id: string }) => c.id === HTTPS_EVERYWHERE.id,
      ),
    ).toMatchObject({
      scorecard: 'deployment',
      title: HTTPS_EVERYWHERE.title,
      level: 'silver',
      weight: 2,
    });

    const failing = await request(server)
      .get('/api/ops/compliance?failingCheck=https-everywhere')
      .set(janeAuth);
    expect(
      failing.body.items.map((row: { entityRef: string }) => row.entityRef),
    ).toEqual(['component:default/legacy-billing']);

    const entity = await request(server)
      .get('/api/ops/entities/component/default/legacy-billing')
      .set(janeAuth);
    const result = entity.body.scorecards
      .flatMap((card: { results: object[] }) => card.results)
      .find((r: { checkId: string }) => r.checkId === HTTPS_EVERYWHERE.id);
    expect(result).toMatchObject({
      status: 'fail',
      howToFix: HTTPS_EVERYWHERE.howToFix,
    });
    // Its environments' URLs are not https (the invalid ones are dropped from the profile: found nothing).
    expect(result.message).toMatch(
      /^expected profile\.environments\[0\]\.url matches \/\^https:\/\/\/, found /,
    );
  });

  it('refuses to start on a broken custom check, naming the key', async () => {
    const started = startTestBackend({
      features: [
        opsPlugin,
        opsTestConfig({
          checks: {
            custom: [
              {
                ...HTTPS_EVERYWHERE,
                rule: { path: 'profile.x', matches: '(' },
              },
            ],
          },
        }),
      ],
    });
    const error = await started.then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(error).toContain('ops.checks.custom is invalid');
    expect(error).toContain(
      'ops.checks.custom[0].rule.matches: is not a regular expression',
    );
  });
});
