/**
 * What every host⇄webview protocol shares: validation of incoming data and the exhaustiveness guard of
 * message switches (DESIGN.md §4). No `vscode`, no DOM here.
 */
import * as z from 'zod/mini';

/**
 * The handshake every view shares: it has painted its saved state and listens, so the host answers with a
 * full snapshot. Each view's message union includes it.
 */
export const webviewReadySchema = z.object({ type: z.literal('webview/ready') });
export type WebviewReady = z.infer<typeof webviewReadySchema>;

/**
 * A parser for incoming data: the validated value, or `undefined` — and so no action — for anything that
 * does not match the schema. Every message that crosses the host⇄webview boundary goes through one.
 */
export function validator<T>(schema: z.ZodMiniType<T>): (raw: unknown) => T | undefined {
  return (raw) => {
    const result = schema.safeParse(raw);
    return result.success ? result.data : undefined;
  };
}

/** Exhaustiveness guard for `switch` over message unions. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
