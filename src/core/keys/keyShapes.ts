/**
 * Shapes of credentials Quorum may never have seen (a key echoed back by a provider, a gateway's token, a key
 * pasted into a prompt), as replace rules. Used only on what Quorum itself shows or logs (errors, log lines). Every pattern is linear: no nested or adjacent overlapping quantifiers.
 */

export const REDACTED = '[redacted]';

/** Characters that render as nothing and so can hide inside a key: zero-width space/joiners, word joiner, BOM, soft hyphen. */
export const INVISIBLE_CHARS = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

interface ShapeRule {
  readonly pattern: RegExp;
  /** Replacement (may use `$1` for a kept prefix such as a header name). */
  readonly replace: string;
}

const KEEP = `$1${REDACTED}`;

/**
 * Vendor key prefixes; a body must hold a digit or a capital, so words such as "task-management-system" survive while a key
 * glued to a word (`mykeysk-proj-…`) is still caught (no leading word boundary).
 */
const VENDOR_KEYS = /(?:sk-|gsk_|xai-|ghp_|github_pat_)(?=[A-Za-z0-9_-]{0,200}[0-9A-Z])[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}/g;

export const KEY_SHAPE_RULES: readonly ShapeRule[] = [
  // Authorization schemes, any case: `Bearer x`, `bearer x`, `Basic dXNlcjprZXk=`. A credential has a digit or a
  // symbol, so prose ("a basic question", "bearer authentication") survives.
  { pattern: /\b((?:bearer|basic)\s+)(?=[A-Za-z0-9._~+/-]{0,200}[0-9._~+/=-])[A-Za-z0-9._~+/-]{8,}=*/gi, replace: KEEP },
  // Key headers and JSON/query fields: `x-api-key: …`, `"api_key": "…"`, `?key=…`, `access_token=…`.
  {
    pattern: /((?:x-api-key|x-goog-api-key|api[-_]?key|access[-_]?token|auth[-_]?token|password|(?<=[?&])key)["']?\s*[:=]\s*["']?)[^\s"'&,;}]{4,}/gi,
    replace: KEEP,
  },
  // Passwords in URLs: `https://user:pass@host`.
  { pattern: /(\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s:@/]{0,200}:)[^\s@/]{1,200}@/gi, replace: `$1${REDACTED}@` },
  { pattern: VENDOR_KEYS, replace: REDACTED },
  // Masked echoes (`sk-proj-****abcd`, `AIza…••••1234`): a few visible characters either side of a mask.
  { pattern: /[A-Za-z0-9_-]{2,16}[*•]{4,}[A-Za-z0-9_-]{2,8}/g, replace: REDACTED },
];

/** Tokens that may be an encoded secret (base64, base64url, percent-encoding), decoded to check what they hold. */
export const ENCODED_TOKEN = /[A-Za-z0-9+/_%-]{16,}={0,2}/g;

/** The decoded forms of an encoded-looking token: percent-decoded and base64-decoded text. */
export function decodings(token: string): string[] {
  const out: string[] = [];
  if (token.includes('%')) {
    try {
      out.push(decodeURIComponent(token));
    } catch {
      // Not valid percent-encoding: nothing to check.
    }
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) {
    const decoded = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
    // Only text-like results can hold a key; random binary is ignored.
    if (/^[\x20-\x7E]+$/.test(decoded)) out.push(decoded);
  }
  return out;
}

/** True when `text` holds a vendor-shaped key. */
export function hasKeyShape(text: string): boolean {
  VENDOR_KEYS.lastIndex = 0;
  const found = VENDOR_KEYS.test(text);
  VENDOR_KEYS.lastIndex = 0;
  return found;
}
