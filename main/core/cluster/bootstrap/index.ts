// The GitOps bootstrap: plan the stages from the bundle, apply them, follow every wave.
export { runBootstrap, initialStages, type BootstrapOptions } from './run';
export { planBootstrap, bundleGitopsFiles, BootstrapPlanError, type BootstrapPlan, type PlannedApplication, type PlannedObject, type PlannedWave } from './plan';
export { applyObject, applyObjects, summarizeApplied, FROM_SECRET_STORE } from './apply';
