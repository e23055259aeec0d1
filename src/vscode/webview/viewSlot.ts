/**
 * The one open instance of a view: every Quorum webview is a single panel, shown again rather than
 * opened twice, and replaced when VS Code restores one after a reload. No `vscode` here.
 */
export class ViewSlot<T extends { dispose(): void }> {
  private current: T | undefined;

  get open(): T | undefined {
    return this.current;
  }

  /** Makes `next` the open instance and closes the one before it. */
  fill(next: T): T {
    const before = this.current;
    this.current = next;
    if (before !== next) before?.dispose();
    return next;
  }

  /** `instance` has closed: the slot empties if it still holds it (a newer instance stays). */
  release(instance: T): void {
    if (this.current === instance) this.current = undefined;
  }

  /** Closes the open instance, if any. */
  close(): void {
    const open = this.current;
    this.current = undefined;
    open?.dispose();
  }
}
