import { decodings, ENCODED_TOKEN, hasKeyShape, INVISIBLE_CHARS, KEY_SHAPE_RULES, REDACTED } from './keyShapes';

/** Characters a transport or a copy may put inside a key: line breaks, spaces, zero-width characters. */
const GAP = '[\\s\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]*';

function escapeChar(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** Matches `secret` with any run of whitespace or invisible characters between its characters (a wrapped log line). */
function spreadPattern(secret: string): RegExp {
  return new RegExp([...secret].map(escapeChar).join(GAP), 'g');
}

/**
 * Replaces known secrets (the API keys Quorum holds) and key-shaped tokens in text before it reaches a log, a
 * webview or an error message. A known key is found in every form a provider or a transport may echo it: as is,
 * split across lines or with zero-width characters inside, percent-encoded, base64 (e.g. inside `Basic` auth), or
 * masked. The shapes (`keyShapes.ts`) catch keys Quorum never saw. One instance serves the whole extension.
 */
export class SecretRedactor {
  private readonly known = new Map<string, RegExp>();

  /** Remembers a secret for redaction; values shorter than 8 characters are ignored as too ambiguous. */
  add(secret: string | undefined): void {
    const trimmed = secret?.trim();
    if (trimmed !== undefined && trimmed.length >= 8 && !this.known.has(trimmed)) this.known.set(trimmed, spreadPattern(trimmed));
  }

  delete(secret: string | undefined): void {
    if (secret !== undefined) this.known.delete(secret.trim());
  }

  redact(text: string): string {
    let out = text;
    for (const pattern of this.known.values()) out = out.replace(pattern, REDACTED);
    out = out.replace(INVISIBLE_CHARS, '');
    out = out.replace(ENCODED_TOKEN, (token) => (decodings(token).some((decoded) => this.holdsSecret(decoded)) ? REDACTED : token));
    for (const rule of KEY_SHAPE_RULES) out = out.replace(rule.pattern, rule.replace);
    return this.redactMaskedEchoes(out);
  }

  private holdsSecret(decoded: string): boolean {
    if (hasKeyShape(decoded)) return true;
    for (const secret of this.known.keys()) if (decoded.includes(secret)) return true;
    return false;
  }

  /** A known key shown with its middle masked (`sk-pr…wxyz`, `AIza****1234`): same first and last four characters. */
  private redactMaskedEchoes(text: string): string {
    let out = text;
    for (const secret of this.known.keys()) {
      if (secret.length < 16) continue;
      const head = [...secret.slice(0, 4)].map(escapeChar).join('');
      const tail = [...secret.slice(-4)].map(escapeChar).join('');
      out = out.replace(new RegExp(`${head}[^\\s]{0,40}?(?:\\*|•|…|\\.\\.\\.)[^\\s]{0,40}?${tail}`, 'g'), REDACTED);
    }
    return out;
  }
}
