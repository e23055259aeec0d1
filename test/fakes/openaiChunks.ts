import type { Fault, Scenario } from './scenario';
import type { FakeUsage } from './script';
import { tokenize } from './script';
import type { StreamPlan } from './streamWriter';
import { sseFrame } from './wire';
import { applyCompatibleWire, type ChatChunks } from './openaiWireFeatures';

/** `openai` is OpenAI proper; `openaiCompatible` behaves like Ollama / vLLM behind `/v1`. */
export type OpenAIDialect = 'openai' | 'openaiCompatible';

/** What the chunk builders need to know about one chat request. */
export interface OpenAIAnswer {
  readonly dialect: OpenAIDialect;
  readonly model: string;
  readonly text: string;
  readonly usage: FakeUsage;
  readonly includeUsage: boolean;
  readonly scenario?: Scenario;
  readonly headers: Record<string, string>;
}

type FinishReason = 'stop' | 'length' | 'content_filter';

/** OpenAI-style ids of a fixed length, so frame sizes (and byte-offset faults) are stable from run to run. */
function completionId(): string {
  return `chatcmpl-${Math.random().toString(36).slice(2).padEnd(12, '0').slice(0, 12)}`;
}

/**
 * OpenAI's `CompletionUsage`: cached tokens are a breakdown *within* `prompt_tokens`, reasoning tokens *within*
 * `completion_tokens`. Compatible servers (Ollama) report only the three totals unless a breakdown exists.
 */
export function usageObject(dialect: OpenAIDialect, usage: FakeUsage): Record<string, unknown> {
  const completion = usage.output + usage.reasoning;
  const totals = { prompt_tokens: usage.input, completion_tokens: completion, total_tokens: usage.input + completion };
  if (dialect === 'openaiCompatible' && usage.cached === 0 && usage.reasoning === 0) return totals;
  return {
    ...totals,
    prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0,
    },
  };
}

/** The text actually sent and how the answer ends; a content filter cuts the answer short. */
export function answerOutcome(text: string, fault: Fault | undefined): { tokens: string[]; finish: FinishReason } {
  const tokens = tokenize(text);
  if (fault?.kind === 'content-filter') return { tokens: tokens.slice(0, Math.ceil(tokens.length / 2)), finish: 'content_filter' };
  return { tokens, finish: 'stop' };
}

/** Renders a streamed chat completion as SSE frames, compat quirks included; the writer applies the faults. */
export function chatStreamPlan(answer: OpenAIAnswer): StreamPlan {
  const { dialect, scenario } = answer;
  const fault = scenario?.fault;
  const quirk = fault?.kind === 'compat-quirk' ? fault.quirk : undefined;
  const crlf = scenario?.crlf === true;
  const frame = (data: unknown): string => sseFrame(typeof data === 'string' ? data : JSON.stringify(data), { crlf });
  const nl = crlf ? '\r\n' : '\n';
  const keepAlive = `: keep-alive${nl}${nl}`;
  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  // Per the spec, with include_usage every other chunk carries `usage: null`; Ollama omits the field.
  const usageNull = dialect === 'openai' && answer.includeUsage ? { usage: null } : {};
  const base = (choices: unknown): Record<string, unknown> => ({
    id, object: 'chat.completion.chunk', created, model: answer.model,
    ...(dialect === 'openai' ? { service_tier: 'default', system_fingerprint: 'fp_f0fake0001' } : { system_fingerprint: 'fp_ollama' }),
    choices,
  });
  const choice = (delta: Record<string, unknown>, finish: FinishReason | null): unknown[] =>
    [{ index: 0, delta, logprobs: null, finish_reason: finish }];

  const { tokens, finish } = answerOutcome(answer.text, fault);
  const chunks: ChatChunks = {
    preamble: [{ ...base(choice({ role: 'assistant', content: '', refusal: null }, null)), ...usageNull }],
    content: tokens.map((token) => ({ ...base(choice({ content: token }, null)), ...usageNull })),
  };
  if (quirk !== 'no-finish-reason') chunks.finish = { ...base(choice({}, finish)), ...usageNull };
  if (answer.includeUsage && quirk !== 'no-usage') {
    const last = base([]);
    if (quirk === 'choices-null') last.choices = null;
    if (quirk === 'no-choices') delete last.choices;
    chunks.usage = { ...last, usage: usageObject(dialect, answer.usage) };
  }
  const wired = dialect === 'openaiCompatible' ? applyCompatibleWire(chunks, scenario?.wire ?? [], answer.usage) : chunks;

  const preamble = wired.preamble.map(frame);
  const content = wired.content.map((chunk) => (quirk === 'keepalive-comments' ? keepAlive + frame(chunk) : frame(chunk)));
  const epilogue = [wired.finish, wired.usage].filter((c) => c !== undefined).map(frame);
  if (quirk !== 'no-done') epilogue.push(frame('[DONE]'));

  return {
    preamble,
    content,
    epilogue,
    errorFrame: frame({
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error', param: null, code: 'server_error',
      },
    }),
    keepAliveFrame: keepAlive,
    headers: answer.headers,
  };
}

/** A non-streamed `chat.completion` object. */
export function chatCompletionBody(answer: OpenAIAnswer): Record<string, unknown> {
  const { tokens, finish } = answerOutcome(answer.text, answer.scenario?.fault);
  return {
    id: completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: answer.model,
    choices: [{
      index: 0,
      message: { role: 'assistant', content: tokens.join(''), refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: finish,
    }],
    usage: usageObject(answer.dialect, answer.usage),
    ...(answer.dialect === 'openai' ? { service_tier: 'default', system_fingerprint: 'fp_f0fake0001' } : {}),
  };
}
