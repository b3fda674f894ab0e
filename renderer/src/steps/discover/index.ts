// Wizard step 3, Discover: the component and the store the wizard creates once.
export { DiscoverStep, type DiscoverStepProps } from './DiscoverStep';
export { createDiscoverStore, type DiscoverApi, type DiscoverState, type DiscoverStore } from './discover-store';
