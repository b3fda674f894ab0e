// NMState builders shared by the installer inputs (install time) and the GitOps tree (day 2).
export { installNetworkState } from './install-state';
export { day2NetworkState } from './day2-state';
export { checkNmState, type NmStateContext, type NmStateIssue } from './check';
export type { NmState, NmInterface, NmRoute } from './types';
