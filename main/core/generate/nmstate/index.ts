// NMState builders shared by the installer inputs (install time) and the GitOps tree (day 2).
export { installNetworkState } from './install-state';
export { day2NetworkState, localnetMappings, localnetName } from './day2-state';
export { checkNmState, type NmStateContext, type NmStateIssue } from './check';
export { machineNetworkIssues, GUARD_ID } from './machine-network-guard';
export { machineLink, OVN_EXTERNAL_BRIDGE, type MachineLink } from './machine-link';
export type { NmState, NmInterface, NmRoute, NmBridgeMapping } from './types';
