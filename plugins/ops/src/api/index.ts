export { opsApiRef } from './OpsApi';
export type {
  OpsApi,
  ComplianceListRequest,
  SignOffRequest,
  WaiverRequest,
  ExportFormat,
} from './OpsApi';
export { OpsClient } from './OpsClient';
