// Sitekit's linter for Agent-based Installer inputs (install-config.yaml + agent-config.yaml).
export { lintInstallerInputs, LINT_RULES, type LintInputs } from './lint';
export { isUnusable, LINT_RULE_IDS, UNUSABLE_IDS, type LintFinding } from './finding';
