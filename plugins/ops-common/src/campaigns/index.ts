export {
  checkCampaignInput,
  deadlineEnd,
  type Campaign,
  type CampaignInput,
  type CampaignInputIssue,
  type CampaignScope,
  type CampaignTarget,
  type CampaignVocabulary,
} from './campaignInput';
export {
  CampaignTally,
  campaignEntityState,
  campaignFilter,
  idealDone,
  inCampaignScope,
  type CampaignCounts,
  type CampaignEntity,
  type CampaignOwnerProgress,
  type CheckScorecards,
} from './campaignProgress';
export type {
  CampaignDetail,
  CampaignList,
  CampaignPoint,
  CampaignState,
  CampaignSummary,
  EntityCampaign,
  EntityCampaignList,
} from './campaignResponses';
