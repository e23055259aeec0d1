/**
 * Replaces known secrets (the API keys Quorum holds) and key-shaped tokens in text before it reaches a
 * log, a webview or an error message. Known values are exact; the patterns catch keys Quorum never saw
 * (e.g. one echoed back by a provider or pasted into a prompt).
 */
export class SecretRedactor {
  private readonly known = new Set<string>();

  /** Remembers a secret for redaction; values shorter than 8 characters are ignored as too ambiguous. */
  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 8) this.known.add(secret);
  }

  delete(secret: string | undefined): void {
    if (secret !== undefined) this.known.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.known) out = out.split(secret).join('[redacted]');
    return out.replace(KEY_SHAPES, '[redacted]');
  }
}

/** OpenAI `sk-…`/`sk-proj-…`, Anthropic `sk-ant-…`, Google `AIza…`, and Bearer tokens. */
const KEY_SHAPES = /\b(?:sk-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,})|(?<=Bearer\s)[A-Za-z0-9._~+/-]{16,}=*/g;
