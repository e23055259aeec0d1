/**
 * Finding the JSON object in a model's reply. Models asked for "only JSON" still wrap it in a ```json fence
 * or add a sentence around it, and a re-ask costs a call, so these forms are accepted (in this order):
 * the whole reply; the first fenced block; the span from the first `{` to the last `}`.
 */

/** The parsed value, or why there is none (shown to the model when it is re-asked, and in the panel). */
export type JsonReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

export function parseJsonReply(reply: string): JsonReply {
  const text = reply.trim();
  if (text === '') return { ok: false, problem: 'the reply was empty' };
  for (const candidate of candidates(text)) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch {
      // Not this form; try the next.
    }
  }
  return { ok: false, problem: 'the reply was not a JSON object' };
}

function candidates(text: string): string[] {
  const out = [text];
  const fence = /```[^\n`]*\n([\s\S]*?)```/u.exec(text);
  if (fence?.[1] !== undefined) out.push(fence[1].trim());
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open !== -1 && close > open) out.push(text.slice(open, close + 1));
  return out;
}

/** A zod error as one short clause for a re-ask ("confidence: Too big: expected number to be <=1"). */
export function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): string {
  return issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  }).join('; ');
}
