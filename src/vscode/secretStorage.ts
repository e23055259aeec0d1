import type * as vscode from 'vscode';
import type { SecretStore } from '../core/ports';

/** VS Code SecretStorage (OS keychain on desktop) behind the core's SecretStore port. */
export function secretStoreFrom(storage: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => storage.get(key),
    store: async (key, value) => storage.store(key, value),
    delete: async (key) => storage.delete(key),
  };
}
