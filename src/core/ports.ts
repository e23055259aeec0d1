/** Ports the pure core needs from its host; `src/vscode` implements them, tests use in-memory versions. */

/** Key storage (VS Code SecretStorage in the extension). */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The few file operations the ledger needs (`src/vscode/nodeFileStore.ts` implements them over `node:fs`).
 * Paths are absolute, platform paths. Missing files and folders are answered as values, not thrown.
 */
export interface FileStore {
  /**
   * Appends `data` (UTF-8) to `path`, creating the file, with ONE `write` on a descriptor opened `O_APPEND`,
   * so appends from several processes never interleave. Resolves once the OS accepted every byte (survives
   * a crash of this process, not of the machine); rejects on a short or failed write.
   */
  append(path: string, data: string): Promise<void>;
  /** Up to `maxBytes` bytes from byte `offset`; fewer at the end of the file, none when it is missing. */
  read(path: string, offset: number, maxBytes: number): Promise<Uint8Array>;
  /** Entry names (files and folders) in `dir`; `[]` when it is missing. */
  list(dir: string): Promise<string[]>;
  /** Moves a file or folder; `false` when `from` does not exist (someone else moved it first). */
  rename(from: string, to: string): Promise<boolean>;
  /** Creates `dir` and its parents; no-op when it exists. */
  mkdir(dir: string): Promise<void>;
  /** Size in bytes; `undefined` when the file is missing. */
  size(path: string): Promise<number | undefined>;
}

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
