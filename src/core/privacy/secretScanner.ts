/**
 * Finds credentials in text before it leaves the machine: private key blocks, cloud keys (AWS, GCP, Azure),
 * tokens with a known vendor prefix, and `.env`-style assignments whose name says "secret". Pure and
 * linear-time: every pattern is anchored on a literal prefix or a bounded character class, so no input can
 * make a scan backtrack for long. No library: the JavaScript ones that fit (secretlint and friends) pull in a
 * rule engine and dozens of packages for what is, here, a table of patterns.
 */

/** What kind of credential a finding is; the marker and the user's message name it. */
export type SecretKind =
  | 'private key'
  | 'AWS access key'
  | 'GCP API key'
  | 'Azure storage key'
  | 'API token'
  | 'secret assignment';

export interface SecretFinding {
  readonly kind: SecretKind;
  /** Offset of the secret in the scanned text, in UTF-16 code units; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  /** One-based line of `start`. */
  readonly line: number;
  /** For tokens: the vendor the prefix belongs to (e.g. "GitHub"); for assignments: the variable name. */
  readonly detail?: string;
}

interface Detector {
  readonly kind: SecretKind;
  /** Global regex; group `secret` (when present) is the part to redact, else the whole match. */
  readonly pattern: RegExp;
  readonly detail?: (match: RegExpExecArray) => string | undefined;
  /** Extra check on a match; `false` drops it (placeholders, code). */
  readonly accept?: (match: RegExpExecArray) => boolean;
}

/** Known token prefixes and their vendor. Longer prefixes first where one extends another (`sk-ant-` before `sk-`). */
const TOKEN_PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}/, 'Anthropic'],
  // A digit is required: real keys are random, while a slug such as `sk-learn` plus words is prose.
  [/sk-(?:proj-|svcacct-|admin-)?(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}/, 'OpenAI'],
  [/gh[pousr]_[A-Za-z0-9]{36,}/, 'GitHub'],
  [/github_pat_[A-Za-z0-9_]{22,}/, 'GitHub'],
  [/glpat-[A-Za-z0-9_-]{20,}/, 'GitLab'],
  [/xox[abposr]-[A-Za-z0-9-]{10,}/, 'Slack'],
  [/gsk_[A-Za-z0-9]{20,}/, 'Groq'],
  [/xai-[A-Za-z0-9]{20,}/, 'xAI'],
  [/(?:sk|rk)_live_[A-Za-z0-9]{20,}/, 'Stripe'],
  [/npm_[A-Za-z0-9]{36}/, 'npm'],
  [/hf_[A-Za-z0-9]{30,}/, 'Hugging Face'],
];

const TOKEN_PATTERN = new RegExp(`(?<![A-Za-z0-9_-])(?:${TOKEN_PREFIXES.map(([p]) => p.source).join('|')})(?![A-Za-z0-9_-])`, 'g');

/** Names that say the value is a credential. */
const SECRET_NAME = /(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret|conn(?:ection)?[_-]?string)/i;
/** Values that are obviously not a real secret: empty-ish, placeholders, references to another variable. */
const PLACEHOLDER = /^(?:<.*>|\$\{?.*|%.*%|x{4,}|\*{3,}|\.{3,}|changeme|change_me|your[_-].*|example.*|dummy.*|null|none|true|false|undefined|process\.env.*|os\.environ.*)$/i;

const DETECTORS: readonly Detector[] = [
  {
    kind: 'private key',
    // An unterminated block (a truncated attachment) is redacted to the end of the text.
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/g,
  },
  { kind: 'AWS access key', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { kind: 'GCP API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: 'Azure storage key', pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{80,90}={0,2})/g },
  {
    kind: 'API token',
    pattern: TOKEN_PATTERN,
    detail: (match) => TOKEN_PREFIXES.find(([prefix]) => new RegExp(`^(?:${prefix.source})$`).test(match[0]))?.[1],
  },
  {
    kind: 'secret assignment',
    // `NAME=value`, `NAME: value`, `"name": "value"`, `export NAME="value"`; the value alone is redacted.
    pattern: /(?<![A-Za-z0-9_])(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]*(?<op>[=:])[ \t]*(?<quote>["']?)(?<secret>[^\s"'`,;(){}[\]]{6,200})\k<quote>/g,
    detail: (match) => match.groups?.['name'],
    accept: acceptAssignment,
  },
];

/**
 * Every credential in `text`, in order of position; overlapping findings keep the earlier (then longer) one,
 * so a token inside an assignment is reported once, as the token.
 */
export function scanSecrets(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const detector of DETECTORS) {
    detector.pattern.lastIndex = 0;
    for (let match = detector.pattern.exec(text); match !== null; match = detector.pattern.exec(text)) {
      if (match[0].length === 0) {
        detector.pattern.lastIndex += 1;
        continue;
      }
      if (detector.accept !== undefined && !detector.accept(match)) continue;
      const secret = match.groups?.['secret'];
      const start = secret === undefined ? match.index : match.index + match[0].lastIndexOf(secret);
      const end = secret === undefined ? match.index + match[0].length : start + secret.length;
      const detail = detector.detail?.(match);
      found.push({ kind: detector.kind, start, end, line: lineOf(text, start), ...(detail !== undefined ? { detail } : {}) });
    }
  }
  return dropOverlaps(found);
}

/** The marker a redacted secret is replaced with, e.g. `[REDACTED private key]`. */
export function secretMarker(kind: SecretKind): string {
  return `[REDACTED ${kind}]`;
}

/** `text` with every finding replaced by its marker. */
export function redactSecrets(text: string, findings: readonly SecretFinding[]): string {
  let out = '';
  let at = 0;
  for (const finding of findings) {
    out += text.slice(at, finding.start) + secretMarker(finding.kind);
    at = finding.end;
  }
  return out + text.slice(at);
}

/** "GitHub API token", "secret assignment DB_PASSWORD", "private key". */
export function describeFinding(finding: SecretFinding): string {
  if (finding.detail === undefined) return finding.kind;
  return finding.kind === 'API token' ? `${finding.detail} API token` : `${finding.kind} ${finding.detail}`;
}

function acceptAssignment(match: RegExpExecArray): boolean {
  const name = match.groups?.['name'] ?? '';
  const value = match.groups?.['secret'] ?? '';
  if (!SECRET_NAME.test(name) || PLACEHOLDER.test(value)) return false;
  // `.env` style (NAME=value, upper snake case): any non-placeholder value counts.
  const envStyle = match.groups?.['op'] === '=' && /^[A-Z][A-Z0-9_]*$/.test(name);
  if (envStyle) return true;
  // Code (`token: string`, `password = getPassword`) is common: only a value that looks random counts.
  return (/[0-9]/.test(value) && /[A-Za-z]/.test(value) && value.length >= 8) || (value.length >= 20 && /[A-Z]/.test(value) && /[a-z]/.test(value));
}

function dropOverlaps(findings: SecretFinding[]): SecretFinding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretFinding[] = [];
  for (const finding of findings) {
    const last = kept.at(-1);
    if (last !== undefined && finding.start < last.end) continue;
    kept.push(finding);
  }
  return kept;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
