export {
  backupFactName,
  backupQueries,
  observeBackup,
  type BackupFreshness,
  type BackupQuery,
} from './backupFreshness';
