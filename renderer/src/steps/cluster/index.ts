// Wizard step 10, Cluster: the component and the store the wizard creates once.
export { ClusterStep, type ClusterStepProps } from './ClusterStep';
export { createClusterStore, type ClusterApi, type ClusterState, type ClusterStore } from './cluster-store';
