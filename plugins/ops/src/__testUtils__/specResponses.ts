// The fake backend's answers are checked with the same validator as the real router's.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- ops-backend's spec check, shared with its tests
export { specViolation } from '../../../ops-backend/src/__testUtils__/specViolation';
