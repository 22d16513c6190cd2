export {
  OPENSLO_API_VERSION,
  OPENSLO_KINDS,
  OPENSLO_OPSKIT_ANNOTATIONS,
  type OpenSloKind,
} from './vocabulary';
export {
  readOpenSlo,
  isOpenSloText,
  type OpenSloDocument,
  type OpenSloRead,
} from './readOpenSlo';
export { validateOpenSlo } from './validateOpenSlo';
export { promQlQueryShape, type PromQlQueryShape } from './promqlQuery';
export { type ImportedSlo } from './mapOpenSlo';
export {
  importOpenSlo,
  type ImportOpenSloOptions,
  type OpenSloImport,
} from './importOpenSlo';
