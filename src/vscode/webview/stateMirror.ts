/** How a view fed from one state value is kept up to date. */
export interface MirrorRules<S, M> {
  /** The message that turns what the view shows (`undefined`: nothing we know of) into `next`. */
  readonly diff: (shown: S | undefined, next: S) => M;
  /** `next` must reach the view at once (e.g. a new answer began, or it settled); otherwise it may wait. */
  readonly urgent: (shown: S | undefined, next: S) => boolean;
}

/**
 * The host's copy of a view fed from one state value (the answer view), without `vscode`: the latest
 * state, what the view shows, and the message between them. Streaming updates coalesce: `set` says
 * whether to flush at once or let a scheduled flush carry them, so a fast stream costs one message per
 * flush interval rather than one per token. While the view is hidden nothing is taken, and `forget`
 * (on `webview/ready` or becoming visible) makes the next message a full one.
 */
export class StateMirror<S, M> {
  private latest: S | undefined;
  private shown: S | undefined;

  constructor(private readonly rules: MirrorRules<S, M>, restored?: S) {
    this.latest = restored;
  }

  /** The latest state: what the view shows, or will show once it is visible. */
  get current(): S | undefined {
    return this.latest;
  }

  /** Records a new state: `now` to flush at once, `later` to let the next scheduled flush send it. */
  set(next: S): 'now' | 'later' {
    this.latest = next;
    return this.rules.urgent(this.shown, next) ? 'now' : 'later';
  }

  /** The view lost what it showed (it reloaded, or was hidden): the next message is a full one. */
  forget(): void {
    this.shown = undefined;
  }

  /** The message bringing the view up to date, recorded as shown; `undefined` before there is any state. */
  take(): M | undefined {
    const next = this.latest;
    if (next === undefined) return undefined;
    const message = this.rules.diff(this.shown, next);
    this.shown = next;
    return message;
  }
}
