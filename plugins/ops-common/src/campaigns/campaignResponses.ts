import type { OpsApiSchemas } from '../api/types';

/**
 * What the campaign routes answer, as the spec defines them (the frontend,
 * the agent actions and the CLI share these names).
 */

/** @public */
export type CampaignSummary = OpsApiSchemas['CampaignSummary'];
/** @public */
export type CampaignList = OpsApiSchemas['CampaignList'];
/** @public */
export type CampaignPoint = OpsApiSchemas['CampaignPoint'];
/** @public */
export type CampaignDetail = OpsApiSchemas['CampaignDetail'];
/** @public */
export type CampaignState = OpsApiSchemas['CampaignState'];
/** @public */
export type EntityCampaign = OpsApiSchemas['EntityCampaign'];
/** @public */
export type EntityCampaignList = OpsApiSchemas['EntityCampaignList'];
