// Wizard step 10, Cluster: the component, its store, and the slot the wizard keeps it in.
export { ClusterStep, ClusterStepInSlot, type ClusterStepProps } from './ClusterStep';
export { createClusterSlot, type ClusterMark, type ClusterSlot } from './cluster-slot';
export { createClusterStore, type ClusterApi, type ClusterState, type ClusterStore } from './cluster-store';
