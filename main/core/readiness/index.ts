// Readiness checklist of a site (issue 11 §2): pure judgement of facts the caller gathers.
export {
  READINESS_ITEMS,
  READINESS_TITLES,
  isHardwareFinding,
  readiness,
  type BundleFact,
  type ExportFact,
  type Readiness,
  type ReadinessFacts,
  type ReadinessItem,
  type ReadinessItemId,
  type ReadinessState,
} from './readiness';
export { STATE_WORDS, readinessLines } from './format';
