// Export of a site bundle to the sites repository (issue 6): commit locally, push when asked.
export { exportSite, type ExportOptions, type ExportResult, type GitAuthor, type SiteInventories } from './export-site';
export { siteInventories } from './inventory';
export { reportFile, type ReportFileInput } from './report-file';
export { pendingPush, pushSite, type PushOptions, type PushProgress, type PushResult, type RemoteCommit } from './push';
export {
  DEFAULT_GIT_USER,
  ExportError,
  SSH_REFUSED,
  checkRemoteUrl,
  isSshRemote,
  openRepository,
  remoteUrl,
  type GitCredentials,
  type OpenOptions,
  type OpenedRepository,
} from './repository';
export { REPO_KINDS, resolveRepoTarget, type RepoTarget } from './target';
export { completeAuthor } from './author';
export { formatSecretFinding, scanFiles, scanText, type SecretFinding, type SecretKind } from './secret-scan';
export { commitMessage, type CommitMessageInput, type ProbedNode } from './commit-message';
export { changedFiles, type ChangedFile } from './tree';
