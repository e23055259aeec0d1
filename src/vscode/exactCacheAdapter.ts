import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExactCachePorts } from '../app/exactCache';
import type { AttachmentHash } from '../core/cache/exactCacheKey';
import { ExactResponseCache, type ExactCacheStorage } from '../core/cache/exactResponseCache';
import type { QuorumSettings } from '../core/config/settingsSchema';
import type { Logger } from '../core/ports';

/** The workspace-state key of the cache; nothing else is stored under it. */
const STATE_KEY = 'quorum.exactResponseCache';

/**
 * The exact response cache of this workspace, persisted in its workspace storage (a `Memento`), and the watcher
 * that drops answers whose attached file changed on disk (saved, edited outside VS Code, deleted). Owned by the
 * extension context.
 */
export class ExactCacheAdapter implements vscode.Disposable {
  readonly cache: ExactResponseCache;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(memento: vscode.Memento, private readonly settings: () => QuorumSettings, private readonly logger: Logger) {
    const storage: ExactCacheStorage = {
      read: () => Promise.resolve(memento.get<unknown>(STATE_KEY)),
      write: async (value) => memento.update(STATE_KEY, value),
    };
    this.cache = new ExactResponseCache(storage, (message) => {
      logger.warn(message);
      void vscode.window.showWarningMessage(`Quorum: ${message}`);
    });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, false, false);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => void this.fileChanged(uri)),
      watcher.onDidDelete((uri) => void this.fileChanged(uri)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.fileChanged(document.uri)),
    );
  }

  /** The cache's ports on the request path; `mayAnswer` comes from eligibility (see requestParts). */
  ports(mayAnswer: ExactCachePorts['mayAnswer']): ExactCachePorts {
    return {
      cache: this.cache,
      enabled: (feature) => (this.settings().cache.exact as Readonly<Record<string, boolean | undefined>>)[feature] === true,
      attachmentHashes: (paths) => Promise.all(paths.map(async (path) => ({ path, sha256: await contentHash(path) ?? 'missing' }))),
      mayAnswer,
      onError: (message) => this.logger.warn(message),
    };
  }

  /** Drops the cached answers that attached this file with other content (test hooks wait on it). */
  async fileChanged(uri: vscode.Uri): Promise<number> {
    if (uri.scheme !== 'file' && uri.scheme !== 'untitled' && uri.scheme !== 'vscode-remote') return 0;
    const path = vscode.workspace.asRelativePath(uri, false);
    try {
      if (!(await this.cache.attachedPaths()).has(path)) return 0;
      const dropped = await this.cache.invalidate(path, await contentHash(path));
      if (dropped > 0) this.logger.info(`Exact response cache: ${dropped} answer(s) dropped, ${path} changed.`);
      return dropped;
    } catch (error) {
      this.logger.warn(`Exact response cache: could not check ${path} (${error instanceof Error ? error.message : String(error)}).`);
      return 0;
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * SHA-256 of an attached file's content as the request carried it: the open document's text (which may be unsaved),
 * else the file on disk; `undefined` when it is neither open nor readable.
 */
async function contentHash(path: string): Promise<AttachmentHash['sha256'] | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && vscode.workspace.asRelativePath(d.uri, false) === path);
  if (open !== undefined) return sha256(Buffer.from(open.getText(), 'utf8'));
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      return sha256(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, path)));
    } catch {
      // Not in this folder: try the next one.
    }
  }
  return undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
