import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import { CampaignsTab } from './campaigns/CampaignsTab';
import { ComplianceOverview } from './ComplianceOverview';

const TABS = [
  { id: 'entities', label: 'Entities' },
  { id: 'campaigns', label: 'Campaigns' },
] as const;

/**
 * The compliance page for SRE leads: the catalog's readiness (filtered and
 * sorted on the server) and the campaigns that drive it. The tab is in the
 * URL (`?tab=campaigns`), as the links in notifications expect.
 */
export function OpsComplianceContent() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'campaigns' ? 'campaigns' : 'entities';
  return (
    <>
      <Box mb={2}>
        <Tabs
          value={tab}
          onChange={(_e, next) =>
            setParams(next === 'entities' ? {} : { tab: next })
          }
          indicatorColor="primary"
          textColor="primary"
          aria-label="Compliance views"
        >
          {TABS.map(t => (
            <Tab
              key={t.id}
              value={t.id}
              label={t.label}
              id={`ops-tab-${t.id}`}
              aria-controls={`ops-tabpanel-${t.id}`}
            />
          ))}
        </Tabs>
      </Box>
      <div
        role="tabpanel"
        id={`ops-tabpanel-${tab}`}
        aria-labelledby={`ops-tab-${tab}`}
      >
        {tab === 'campaigns' ? <CampaignsTab /> : <ComplianceOverview />}
      </div>
    </>
  );
}
