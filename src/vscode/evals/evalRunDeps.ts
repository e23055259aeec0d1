import type { EvalRunChoiceDeps } from '../../app/evals/evalRunChoice';
import { systemClock } from '../../core/ports';
import type { ExtensionServices } from '../extensionServices';
import type { RequestParts } from '../requestParts';
import type { BatchJobsHost } from './batchJobsHost';
import { readSuiteFile } from './evalsPorts';

/**
 * What `runSuiteChoosingBatch` needs in the window: the request path, the catalog, the workspace's files (a case's
 * `files` and `images`, relative to the first folder), `quorum.evals.batch` and the window's batch queue.
 */
export function evalRunDeps(
  services: Pick<ExtensionServices, 'catalog' | 'settings'>, request: Pick<RequestParts, 'requests'>, batchJobs: BatchJobsHost,
): EvalRunChoiceDeps {
  return {
    requests: request.requests,
    catalog: services.catalog,
    read: readSuiteFile,
    batchSetting: () => services.settings().evals.batch,
    batchQueue: () => batchJobs.queue,
    clock: systemClock,
  };
}
