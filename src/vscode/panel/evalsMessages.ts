import type { EvalsSession } from '../../app/evals/evalsSession';
import type { EvalsViewMessage } from '../../shared/evalsProtocol';
import { assertNever } from '../../shared/ipc';

/** The Evals tab's buttons, handed to the workspace's eval session (its state comes back as `evals/state`). */
export async function evalsMessage(session: EvalsSession, message: EvalsViewMessage): Promise<void> {
  switch (message.type) {
    case 'evals/refresh':
      return session.refresh();
    case 'evals/estimate':
      return session.estimate(message.suites, message.models);
    case 'evals/run':
      // Not awaited: the tab's Cancel must reach the session while the run is under way.
      return void session.run(message.suites, message.models, 'you');
    case 'evals/cancel':
      return session.cancel();
    case 'evals/route':
      return void (await session.route(message.suite, message.model));
    case 'evals/undo':
      return session.undo(message.change);
    case 'evals/cancelJob':
      return session.cancelJob(message.job);
    case 'evals/removeJob':
      return session.removeJob(message.job);
    default:
      assertNever(message);
  }
}
