import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ScorecardsSection } from './ScorecardsSection';

describe('ScorecardsSection', () => {
  it('labels an announced check with the date it counts from, not as N/A', async () => {
    await renderInTestApp(
      <ScorecardsSection
        scorecards={[
          {
            scorecard: 'deployment',
            title: 'Deployment checklist',
            score: 100,
            level: 'gold',
            counts: {
              pass: 1,
              fail: 0,
              warn: 0,
              waived: 0,
              'not-applicable': 2,
            },
            results: [
              {
                checkId: 'rollback-plan',
                title: 'Rollback plan documented',
                level: 'bronze',
                weight: 2,
                status: 'not-applicable',
                countsFrom: '2027-01-01',
                message:
                  'counts from 2027-01-01; today it would be fail: no rollback steps',
                howToFix: 'Add deployment.rollback.steps.',
              },
              {
                checkId: 'recovery-tested',
                title: 'Recovery procedure tested',
                level: 'gold',
                weight: 2,
                status: 'not-applicable',
                message: 'does not apply to this entity',
                howToFix: '',
              },
            ],
          },
        ]}
      />,
    );
    expect(
      screen.getByText('Counts from 2027-01-01', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/today it would be fail: no rollback steps/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('N/A', { selector: 'strong' })).toHaveLength(1);
  });
});
