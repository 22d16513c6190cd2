import { Content, Header, Page } from '@backstage/core-components';
import { OpsComplianceContent } from './OpsComplianceContent';

/** The compliance page with its own header, for the legacy frontend system. */
export function OpsCompliancePage(props: { title?: string }) {
  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'Ops compliance'}
        subtitle="Operational readiness of every service in the catalog"
      />
      <Content>
        <OpsComplianceContent />
      </Content>
    </Page>
  );
}
