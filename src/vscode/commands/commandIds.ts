/**
 * Every command Quorum contributes, by name (DESIGN §5: `quorum.<verb><Noun>`). Code registers, runs and
 * links commands only through these, so a renamed or removed command is a type error rather than a dead
 * button; a unit test keeps this list equal to package.json's `contributes.commands`.
 */
export const commandIds = {
  askBestModel: 'quorum.askBestModel',
  askAgainWith: 'quorum.askAgainWith',
  explainLastRoute: 'quorum.explainLastRoute',
  stopAnswer: 'quorum.stopAnswer',
  setApiKey: 'quorum.setApiKey',
  removeApiKey: 'quorum.removeApiKey',
  showProviders: 'quorum.showProviders',
  refreshProviders: 'quorum.refreshProviders',
  showLog: 'quorum.showLog',
  openPanel: 'quorum.openPanel',
  compareModels: 'quorum.compareModels',
  ensembleVote: 'quorum.ensembleVote',
  showSpend: 'quorum.showSpend',
  resetWorkspaceSpend: 'quorum.resetWorkspaceSpend',
  exportUsage: 'quorum.exportUsage',
  showDataSent: 'quorum.showDataSent',
  exportDataSent: 'quorum.exportDataSent',
  runCodeAction: 'quorum.runCodeAction',
  acceptProposal: 'quorum.acceptProposal',
  discardProposal: 'quorum.discardProposal',
  resetRoutingFeedback: 'quorum.resetRoutingFeedback',
  askAboutImage: 'quorum.askAboutImage',
  newConversation: 'quorum.newConversation',
  showBatchJobs: 'quorum.showBatchJobs',
  runEvals: 'quorum.runEvals',
  undoEvalRoutingChange: 'quorum.undoEvalRoutingChange',
  openEvalResults: 'quorum.openEvalResults',
} as const;

/** A command id Quorum contributes. */
export type CommandId = (typeof commandIds)[keyof typeof commandIds];
