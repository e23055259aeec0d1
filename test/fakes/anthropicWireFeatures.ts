import type { WireFeature } from './scenario';

/** Renders one named Anthropic event (the plan's own frame function, padding and CRLF included). */
export type AnthropicFrame = (event: string, payload: unknown) => string;

const TOOL_ID = 'srvtoolu_01FakeWebSearch0000000000';
const REDACTED = 'EqkECkYIBxgCKkA8AZ4noDfV5VcOJe/fakeRedactedThinkingPayload0000000000==';

/**
 * Content blocks a real stream sends before the answer's text block, from `start` on: a `redacted_thinking`
 * block, and the web-search server tool's `server_tool_use` + `web_search_tool_result` pair. Returns the
 * frames and how many blocks they take, so the text block's index follows them.
 */
export function leadBlocks(wire: ReadonlySet<WireFeature>, frame: AnthropicFrame, start: number): { frames: string[]; count: number } {
  const frames: string[] = [];
  let index = start;
  const block = (contentBlock: unknown, deltas: readonly unknown[] = []): void => {
    frames.push(frame('content_block_start', { type: 'content_block_start', index, content_block: contentBlock }));
    for (const delta of deltas) frames.push(frame('content_block_delta', { type: 'content_block_delta', index, delta }));
    frames.push(frame('content_block_stop', { type: 'content_block_stop', index }));
    index += 1;
  };
  if (wire.has('redacted-thinking')) block({ type: 'redacted_thinking', data: REDACTED });
  if (wire.has('citations')) {
    block({ type: 'server_tool_use', id: TOOL_ID, name: 'web_search', input: {} }, [
      { type: 'input_json_delta', partial_json: '' },
      { type: 'input_json_delta', partial_json: '{"query": "quorum fake news"}' },
    ]);
    block({
      type: 'web_search_tool_result', tool_use_id: TOOL_ID,
      content: [{ type: 'web_search_result', title: 'Fake news page', url: 'https://example.com/news', encrypted_content: 'RW5jcnlwdGVk', page_age: null }],
    });
  }
  return { frames, count: index - start };
}

/** A `citations_delta` for the text block at `index`: metadata about the answer, not answer text. */
export function citationFrame(frame: AnthropicFrame, index: number): string {
  return frame('content_block_delta', {
    type: 'content_block_delta', index,
    delta: {
      type: 'citations_delta',
      citation: { type: 'web_search_result_location', cited_text: 'A sentence from the page.', url: 'https://example.com/news', title: 'Fake news page', encrypted_index: 'RW5j' },
    },
  });
}

/** The `data:` payload as sent: some real streams pad the JSON with trailing spaces. */
export function dataText(payload: unknown, wire: ReadonlySet<WireFeature>): string {
  return wire.has('data-padding') ? `${JSON.stringify(payload)}       ` : JSON.stringify(payload);
}

/** `message_start`'s input count when the final one (in `message_delta`) is to differ from it. */
export function startInputTokens(inputTokens: number, wire: ReadonlySet<WireFeature>): number {
  return wire.has('final-input-tokens') ? Math.max(1, inputTokens - 18) : inputTokens;
}
