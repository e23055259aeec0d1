/**
 * Short answers to yes/no and numeric questions, as a panel of real models gives them: mostly agreeing,
 * with one deterministic dissenter, so a demo vote shows a real majority (2 of 3) rather than a three-way
 * split, and a judge or a confidence vote has something to decide.
 *
 * Which model dissents: the question picks one vendor family (OpenAI, Anthropic or Gemini) by a hash of
 * its text; that family's models give the wrong answer. The default vote asks one model per provider, so
 * it has exactly one dissenter; another question may pick another family.
 */

const FAMILIES = [/^(?:gpt|o\d|chatgpt)/iu, /^claude/iu, /^gemini/iu];

/** Models the demo treats as small: less sure of themselves, so a cascade escalates past them. */
const SMALL_MODEL = /nano|mini|haiku|flash|lite|luna|small|llama|qwen|phi|gemma/iu;

/** A stable 32-bit FNV-1a hash. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Whether `model` gives the wrong answer to `question`. */
export function dissents(model: string, question: string): boolean {
  const family = FAMILIES[hashText(questionKey(question)) % FAMILIES.length];
  return family?.test(model) ?? false;
}

/** The answer most models give, and the one the dissenter gives. */
export function shortAnswers(question: string): { readonly right: string; readonly wrong: string } {
  return arithmetic(question) ?? comparison(question) ?? yesNo(question) ?? counted(question);
}

/** The short answer `model` gives to `question`. */
export function shortAnswerFor(model: string, question: string): string {
  const { right, wrong } = shortAnswers(question);
  return dissents(model, question) ? wrong : right;
}

/** How sure `model` says it is (0..1): small models below the cascade's default 0.7, larger ones above it. */
export function confidenceFor(model: string, question: string): number {
  const spread = (hashText(`${model}|${questionKey(question)}`) % 8) / 100; // 0.00 … 0.07
  const base = SMALL_MODEL.test(model) ? 0.55 : 0.86;
  return Math.round((base + spread - (dissents(model, question) ? 0.1 : 0)) * 100) / 100;
}

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, x: (a, b) => a * b, '×': (a, b) => a * b, '/': (a, b) => a / b,
};

function arithmetic(question: string): { right: string; wrong: string } | undefined {
  const m = /(-?\d+(?:\.\d+)?)\s*([-+*/×x])\s*(-?\d+(?:\.\d+)?)/u.exec(question);
  const op = m === null ? undefined : OPS[m[2] ?? ''];
  if (m === null || op === undefined) return undefined;
  const value = op(Number(m[1]), Number(m[3]));
  if (!Number.isFinite(value)) return undefined;
  const right = formatNumber(value);
  return { right, wrong: formatNumber(value + (Number.isInteger(value) ? 10 : 0.1)) };
}

function comparison(question: string): { right: string; wrong: string } | undefined {
  const which = /\b(larger|bigger|greater|higher|more|smaller|lower|less)\b/iu.exec(question)?.[1]?.toLowerCase();
  const numbers = [...question.matchAll(/-?\d+(?:\.\d+)?/gu)].map((m) => m[0]);
  if (which === undefined || numbers.length < 2) return undefined;
  const sorted = [...numbers].sort((a, b) => Number(a) - Number(b));
  const wantsSmaller = ['smaller', 'lower', 'less'].includes(which);
  const right = wantsSmaller ? sorted[0]! : sorted.at(-1)!;
  // The classic slip (9.11 > 9.9): the other number.
  const wrong = numbers.find((n) => n !== right) ?? right;
  return { right, wrong };
}

function yesNo(question: string): { right: string; wrong: string } | undefined {
  if (!/\byes or no\b|^\s*(?:is|are|does|do|can|could|should|would|will|was|were|has|have|did)\b/iu.test(question)) return undefined;
  const prime = /\b(\d+)\b[^?]*\bprime\b|\bprime\b[^?]*?\b(\d+)\b/iu.exec(question);
  const n = prime === null ? undefined : Number(prime[1] ?? prime[2]);
  const parity = /\b(\d+)\b[^?]*\b(even|odd)\b/iu.exec(question);
  let yes: boolean;
  if (n !== undefined) yes = isPrime(n);
  else if (parity !== null) yes = (Number(parity[1]) % 2 === 0) === (parity[2]?.toLowerCase() === 'even');
  else yes = hashText(questionKey(question)) % 4 !== 0;
  return yes ? { right: 'Yes.', wrong: 'No.' } : { right: 'No.', wrong: 'Yes.' };
}

function counted(question: string): { right: string; wrong: string } {
  const value = 2 + (hashText(questionKey(question)) % 98);
  return { right: String(value), wrong: String(value + 1) };
}

function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}
