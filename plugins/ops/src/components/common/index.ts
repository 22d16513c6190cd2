export { LevelChip, formatScore } from './LevelChip';
export { SafeLink } from './SafeLink';
export { downloadBlob } from './download';
export { OpsMissingState } from './OpsMissingState';
export { describeError } from './describeError';
export {
  SloStateChip,
  SloSummaryChip,
  formatAge,
  describeLiveSlo,
} from './SloStateChip';
export { ErrorText, useErrorTextClass } from './ErrorText';
export { DecideWaiverDialog, RequestWaiverDialog } from './WaiverDialogs';
export { FormDialog } from './FormDialog';
export { ChartGridLines } from './ChartGridLines';
