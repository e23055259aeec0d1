/**
 * What happens to a host message for a webview (DESIGN.md §4): `post` it (and show it to the tap), only
 * show it to the tap (`tapOnly`: the view is hidden, and the snapshot it gets on becoming visible will
 * carry the change), or `drop` it (superseded, or the view is closed).
 */
export type Delivery = 'post' | 'tapOnly' | 'drop';

/**
 * The visibility rule of every Quorum webview, without `vscode`: a full snapshot when the view becomes
 * visible (and on `webview/ready`, which the host handles), deltas only while it is visible. Snapshots are
 * built asynchronously (they read the ledger, the model list, key states), so each one takes a ticket
 * and only the newest is delivered: an older snapshot finishing late never overwrites a newer one.
 */
export class ViewDelivery {
  private shown: boolean;
  private newestTicket = 0;
  private closed = false;

  constructor(visible: boolean) {
    this.shown = visible;
  }

  /** The view is on screen (and so listening) and not closed. */
  get visible(): boolean {
    return this.shown && !this.closed;
  }

  /** Records the panel's visibility; true when it has just become visible, which calls for a snapshot. */
  setVisible(visible: boolean): boolean {
    const appeared = visible && !this.shown;
    this.shown = visible;
    return appeared && !this.closed;
  }

  /** A snapshot is about to be built; pass its ticket to `snapshot` once it is. */
  beginSnapshot(): number {
    this.newestTicket += 1;
    return this.newestTicket;
  }

  /** The fate of the snapshot built for `ticket`. */
  snapshot(ticket: number): Delivery {
    if (ticket !== this.newestTicket) return 'drop';
    return this.delta();
  }

  /** The fate of a delta (a change to what the view already shows). */
  delta(): Delivery {
    if (this.closed) return 'drop';
    return this.shown ? 'post' : 'tapOnly';
  }

  /** The view closed: nothing is delivered any more. */
  close(): void {
    this.closed = true;
  }
}
