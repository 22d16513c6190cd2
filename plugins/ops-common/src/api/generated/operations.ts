// Generated from plugins/ops-backend/src/schema/openapi.yaml by
// `yarn workspace @opskit/plugin-ops-backend schema:generate`; do not edit.

/** Each operation's method and path template, by operationId. */
export const OPS_API_OPERATIONS = {
  Health: { method: 'GET', path: '/health' },
  GetChecks: { method: 'GET', path: '/checks' },
  GetEntityOps: { method: 'GET', path: '/entities/{kind}/{namespace}/{name}' },
  GetEntityHistory: {
    method: 'GET',
    path: '/entities/{kind}/{namespace}/{name}/history',
  },
  GetEntityBudgetHistory: {
    method: 'GET',
    path: '/entities/{kind}/{namespace}/{name}/budgets/history',
  },
  ListSignOffs: {
    method: 'GET',
    path: '/entities/{kind}/{namespace}/{name}/signoffs',
  },
  CreateSignOff: {
    method: 'POST',
    path: '/entities/{kind}/{namespace}/{name}/signoffs',
  },
  ListWaivers: {
    method: 'GET',
    path: '/entities/{kind}/{namespace}/{name}/waivers',
  },
  CreateWaiver: {
    method: 'POST',
    path: '/entities/{kind}/{namespace}/{name}/waivers',
  },
  ListWaiverRequests: { method: 'GET', path: '/waivers' },
  DecideWaiver: { method: 'POST', path: '/waivers/{id}/decision' },
  RevokeWaiver: { method: 'DELETE', path: '/waivers/{id}' },
  ListCampaigns: { method: 'GET', path: '/campaigns' },
  CreateCampaign: { method: 'POST', path: '/campaigns' },
  GetCampaign: { method: 'GET', path: '/campaigns/{id}' },
  UpdateCampaign: { method: 'PUT', path: '/campaigns/{id}' },
  ListEntityCampaigns: {
    method: 'GET',
    path: '/entities/{kind}/{namespace}/{name}/campaigns',
  },
  ListCompliance: { method: 'GET', path: '/compliance' },
  GetComplianceSummary: { method: 'GET', path: '/compliance/summary' },
  GetRollup: { method: 'GET', path: '/rollups/{kind}/{namespace}/{name}' },
  ExportCompliance: { method: 'GET', path: '/compliance/export' },
  GetComplianceTrend: { method: 'GET', path: '/compliance/trend' },
  RefreshCompliance: { method: 'POST', path: '/refresh' },
} as const;
