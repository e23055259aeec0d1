import type { TaskType } from './taskProfile';

/**
 * The cue tables of the heuristic classifier. Each cue is a phrase pattern over the user's own words
 * (code fences removed, lower-cased), a weight and the short evidence a user sees. Weight 3 = a phrase
 * that names the task ("classify … as", "write a function", "prove that"); 2 = a strong hint; 1 = a weak
 * hint that only decides when nothing else does. Patterns are written without nested quantifiers, so
 * each runs in linear time over the bounded instruction window.
 *
 * Every match of a pattern starts with one of its `triggers` (a lower-case word prefix, or a digit): the
 * scanner (triggerScanner.ts) finds trigger positions in one pass and tries a pattern only there, instead
 * of running forty patterns over the whole text. A unit test checks the two agree on every fixture.
 */
/** A phrase pattern and the word prefixes (or single digits) that every match of it starts with. */
export interface TriggeredPattern {
  readonly pattern: RegExp;
  readonly triggers: readonly string[];
}

export interface Cue extends TriggeredPattern {
  readonly type: CueType;
  readonly weight: 1 | 2 | 3;
  readonly evidence: string;
  /** Only counts at full weight when the prompt contains code or talks about code; else weight 1. */
  readonly needsCode?: boolean;
}

/** The task types decided by words; multimodal and longDocument are decided by attachments and size. */
export type CueType = Exclude<TaskType, 'multimodal' | 'longDocument' | 'chat'>;

/**
 * The triggers of a pattern whose matches start with a number. Digit runs are too common in pasted data
 * to try patterns at each one, so the scanner runs such a pattern once over the text instead; a pattern
 * is either all-digits or all-words (split one that is both into two entries).
 */
const DIGITS: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const LANGS = String.raw`(?:python|typescript|javascript|java|go|golang|rust|c\+\+|c#|ruby|php|kotlin|swift|bash|shell|sql|scala|haskell|elixir)`;
const CODE_NOUNS = String.raw`(?:function|method|class|script|program|component|module|query|regex|regular expression|endpoint|api|cli|one-liner|unit tests?|tests|test suite|hook|dockerfile|makefile|service|library|parser|struct|interface|decorator|middleware|migration script|lambda|snippet|algorithm)`;

export const CUES: readonly Cue[] = [
  // Code review / fix / debug — before generation in the tie-break order: "fix" beats "write" when equal.
  { type: 'codeReview', pattern: /\b(?:fix|debug|troubleshoot)\b/, triggers: ['fix', 'debug', 'troubleshoot'], weight: 3, evidence: 'asks to fix or debug', needsCode: true },
  { type: 'codeReview', pattern: /\breview\b/, triggers: ['review'], weight: 3, evidence: 'asks for a review', needsCode: true },
  { type: 'codeReview', pattern: /\b(?:explain|what does)\b[^.?!\n]{0,30}\b(?:this|the following|these)\s+(?:\w+\s+)?(?:code|function|regex|snippet|query|script|method|class|line|lines|program|hook)\b/, triggers: ['explain', 'what does'], weight: 3, evidence: 'asks to explain code' },
  { type: 'codeReview', pattern: /\bexplain what this\b|\bwhat does this \w+ do\b/, triggers: ['explain what this', 'what does this'], weight: 3, evidence: 'asks what code does', needsCode: true },
  { type: 'codeReview', pattern: /\bwhy (?:does|do|is|isn't|doesn't|won't|am i getting|do i get)\b/, triggers: ['why '], weight: 2, evidence: 'asks why code misbehaves', needsCode: true },
  { type: 'codeReview', pattern: /\b(?:bug|exception|crash(?:es)?|throws?|stack ?trace|traceback|(?:doesn'?t|won'?t|does not) compile|borrow checker|race condition|deadlock|memory leaks?|infinite loop|segfault|undefined is not)\b/, triggers: ['bug', 'exception', 'crash', 'throw', 'stack', 'traceback', 'doesn', 'won', 'does not', 'borrow checker', 'race condition', 'deadlock', 'memory leak', 'infinite loop', 'segfault', 'undefined is not'], weight: 2, evidence: 'mentions a defect', needsCode: true },

  // Code generation.
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\b(?:write|create|implement|generate|build|code|make|give me|add)\b(?:\s+(?:me|us))?(?:\s+(?:a|an|the|some|small|simple|quick))?(?:\s+[\w+#-]+){0,3}?\s+${CODE_NOUNS}\b`), triggers: ['write', 'create', 'implement', 'generate', 'build', 'code', 'make', 'give me', 'add'], weight: 3, evidence: 'asks to write code' },
  { type: 'codeGeneration', pattern: /\b(?:implement|refactor|scaffold)\b/, triggers: ['implement', 'refactor', 'scaffold'], weight: 3, evidence: 'asks to implement or refactor' },
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\b(?:convert|port|translate|rewrite|migrate)\b[^.?!\n]{0,40}\b(?:to|into|in)\s+${LANGS}\b`), triggers: ['convert', 'port', 'translate', 'rewrite', 'migrate'], weight: 3, evidence: 'asks to convert code' },
  { type: 'codeGeneration', pattern: /\badd (?:types|type (?:hints|annotations)|jsdoc|docstrings|doc comments|comments|error handling|logging|unit tests|tests)\b/, triggers: ['add '], weight: 3, evidence: 'asks to add to code' },
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\bin ${LANGS}\b`), triggers: ['in '], weight: 1, evidence: 'names a language' },

  // Classification.
  { type: 'classification', pattern: /\b(?:classify|categori[sz]e|categori[sz]ation)\b/, triggers: ['classify', 'categori'], weight: 3, evidence: 'asks to classify' },
  { type: 'classification', pattern: /\bclassifier\b|\bassign (?:exactly )?one (?:of|label)\b/, triggers: ['classifier', 'assign '], weight: 3, evidence: 'asks to assign a label' },
  { type: 'classification', pattern: /\bsentiment\b/, triggers: ['sentiment'], weight: 3, evidence: 'asks for sentiment' },
  { type: 'classification', pattern: /\b(?:label|tag)\s+(?:this|each|the|these|every)\b/, triggers: ['label', 'tag'], weight: 3, evidence: 'asks for a label' },
  { type: 'classification', pattern: /\bis (?:this|it|the following)(?: \w+)? (?:spam|toxic|phishing|positive|negative|sarcastic|offensive)\b/, triggers: ['is '], weight: 3, evidence: 'asks a yes/no category' },
  { type: 'classification', pattern: /\bwhich (?:category|class|label|bucket|department)\b/, triggers: ['which '], weight: 3, evidence: 'asks which category' },
  { type: 'classification', pattern: /\bas (?:[\w-]+, )+[\w-]+,? or [\w-]+\b/, triggers: ['as '], weight: 2, evidence: 'lists the labels' },
  { type: 'classification', pattern: /\bis this an? \w+ or an? \w+\b/, triggers: ['is this a'], weight: 2, evidence: 'asks which of two' },

  // Extraction.
  // "extract … from" / "extract all …": bare "extract" also means splitting code ("what to extract first").
  { type: 'extraction', pattern: /\b(?:extract|pull out)\b(?:[^.?!\n]{0,80}\bfrom\b|\s+(?:all|every|each|the following))/, triggers: ['extract', 'pull out'], weight: 3, evidence: 'asks to extract' },
  { type: 'extraction', pattern: /\b(?:extract|pull out)\b/, triggers: ['extract', 'pull out'], weight: 1, evidence: 'mentions extracting' },
  { type: 'extraction', pattern: /\b(?:find|list|get|identify|give me)\s+(?:all|every|each)(?: of)?(?: the)?(?:\s+[\w-]+){1,3}?\s+(?:in|from|mentioned|found)\b/, triggers: ['find', 'list', 'get', 'identify', 'give me'], weight: 3, evidence: 'asks for every mention' },
  { type: 'extraction', pattern: /\b(?:all|every)\b[^.?!\n]{0,40}\b(?:entries|mentions|occurrences|names|dates|emails?|addresses|phone numbers|urls|links|amounts)\b/, triggers: ['all', 'every'], weight: 2, evidence: 'asks for all items of a kind' },
  { type: 'extraction', pattern: /\bparse\b/, triggers: ['parse'], weight: 2, evidence: 'asks to parse' },
  { type: 'extraction', pattern: /\b(?:keys|fields)\b[^.?!\n]{0,80}\bfrom\b/, triggers: ['keys', 'fields'], weight: 2, evidence: 'names fields to fill' },

  // Summarisation.
  { type: 'summarisation', pattern: /\bsumm(?:ary|ari[sz]e|ari[sz]ing|ari[sz]ation)\b|\btl;?dr\b/, triggers: ['summ', 'tl'], weight: 3, evidence: 'asks for a summary' },
  { type: 'summarisation', pattern: /\b(?:key|main) (?:points|takeaways|decisions|findings|ideas)\b|\bcondense\b|\brecap\b|\bsynopsis\b/, triggers: ['key ', 'main ', 'condense', 'recap', 'synopsis'], weight: 3, evidence: 'asks for the key points' },
  { type: 'summarisation', pattern: /\b(?:write|draft|give me) an? (?:abstract|executive summary|release notes)\b|\binto release notes\b/, triggers: ['write', 'draft', 'give me', 'into release notes'], weight: 3, evidence: 'asks for an abstract' },

  // Reasoning and maths.
  { type: 'reasoning', pattern: /\b(?:prove|proof|derive|theorem|lemma|closed form|induction)\b/, triggers: ['prove', 'proof', 'derive', 'theorem', 'lemma', 'closed form', 'induction'], weight: 3, evidence: 'asks for a proof' },
  { type: 'reasoning', pattern: /\bsolve\b|\bcan we conclude\b|\bdeduce\b|\blogic puzzle\b|\briddle\b|\bsyllogism\b|\bvalid arrangements?\b/, triggers: ['solve', 'can we conclude', 'deduce', 'logic puzzle', 'riddle', 'syllogism', 'valid arrangement'], weight: 3, evidence: 'asks to solve' },
  { type: 'reasoning', pattern: /\bhow many (?:ways|combinations|permutations)\b|\bprobability\b|\bexpected value\b/, triggers: ['how many ', 'probability', 'expected value'], weight: 3, evidence: 'maths question' },
  { type: 'reasoning', pattern: /(?<!\d)\d+(?:\.\d+)?\s*%\s*of\b/, triggers: DIGITS, weight: 3, evidence: 'maths question' },
  { type: 'reasoning', pattern: /\bstep[- ]by[- ]step\b|\bshow (?:every|each|your) (?:step|work)\b/, triggers: ['step', 'show '], weight: 2, evidence: 'asks for step-by-step reasoning' },
  { type: 'reasoning', pattern: /\b(?:catch up|how long will|how far|how fast|calculate|compute)\b/, triggers: ['catch up', 'how long will', 'how far', 'how fast', 'calculate', 'compute'], weight: 2, evidence: 'calculation' },
  { type: 'reasoning', pattern: /\d\s*[x×*/+^]\s*\d|\b\d+x\b/, triggers: DIGITS, weight: 2, evidence: 'calculation' },
  { type: 'reasoning', pattern: /\bhow many\b/, triggers: ['how many'], weight: 1, evidence: 'asks how many' },

  // Creative writing.
  { type: 'creativeWriting', pattern: /\b(?:write|compose|draft|create|come up with|give me|pen)\b[^.?!\n]{0,40}\b(?:poem|haiku|limerick|sonnet|story|stories|tale|song|lyrics|toast|speech|novel|chapter|screenplay|taglines?|slogans?|jokes?|fable|verse|rap|ballad|eulogy|vows|monologue)\b/, triggers: ['write', 'compose', 'draft', 'create', 'come up with', 'give me', 'pen'], weight: 3, evidence: 'asks for creative writing' },
  { type: 'creativeWriting', pattern: /\b(?:poem|haiku|limerick|sonnet|short story|bedtime story|fan fiction)\b/, triggers: ['poem', 'haiku', 'limerick', 'sonnet', 'short story', 'bedtime story', 'fan fiction'], weight: 2, evidence: 'names a creative form' },
];

/** Tie-break order when two types score the same and start at the same place (documented in classify.ts). */
export const CUE_PRECEDENCE: readonly CueType[] = [
  'codeReview', 'codeGeneration', 'classification', 'extraction', 'summarisation', 'reasoning', 'creativeWriting',
];

/** Asks that make a task harder: each distinct one is a step. */
export const STEP_VERBS = /\b(?:explain|compare|justify|propose|rank|identify|describe|analy[sz]e|evaluate|suggest|quantify|note|draft|group|highlight|discuss|outline|design|include|show|list|walk me through|recommend|estimate|generali[sz]e|derive|introduce|end on|assign|normali[sz]e|handle|flag)\b/g;
export const SEQUENCE_MARKERS = /\b(?:then|finally|after that|next|first|second|third)\b/g;
/** Constraints on the answer; each one narrows what counts as correct. */
export const CONSTRAINT_MARKERS = /\b(?:must|should|without|do not|don't|never|always|at least|at most|no more than|exactly|ensure|make sure|avoid|only if|keep|under \d+|around [\d,]+ words|\d[\d,]* words|no external|one of|take [\w ]{1,20} into account|if [\w ]{1,30} (?:fits|is missing|missing)|null if|about \d+ (?:minutes|words|pages|lines)|markdown table|tone|funny|heartfelt|formal|wry|strict|iambic|pentameter|rhyme scheme|syllables|first person|present tense)\b/g;
/** Topics that are hard whatever their length. */
export const HARD_TOPICS = /\bo\([^)]{1,12}\)|\b(?:race condition|deadlock|concurren\w*|distributed|thread[- ]safe|trade-?offs?|architecture|migration|security|vulnerab\w*|performance problems|memory leaks?|leak(?:s|ing)? memory|consistency|rollback|generali[sz]e|closed form|no others|severity|cliffhanger|red herring|sarcasm|accessib\w*|screen readers?|borrow checker|lifetimes?|edge cases)\b/g;
/** Data items listed one per line ("1. …", "- …"); five or more count as many items. */
export const LIST_LINE = /^\s*(?:\d{1,3}[.)]|[-*•])\s+\S/gm;

/**
 * Yes/no facts read from the same single pass over the asking words as the cues (see `TriggeredPattern`).
 * JSON is not among them: its asks start with words as common as "a" and "to", so classify.ts checks for
 * the literal "json" first instead.
 */
export const MARKERS = {
  /** Words that tell a prompt is about code even when none is pasted ("a bug in my code"). */
  codeTalk: {
    pattern: /\b(?:code|function|compile[sr]?|regex|script|program|class|method|variable|stack ?trace|repo|pull request|diff|api)\b/,
    triggers: ['code', 'function', 'compile', 'regex', 'script', 'program', 'class', 'method', 'variable', 'stack', 'repo', 'pull request', 'diff', 'api'],
  },
  /** The answer is a label, not prose. */
  labelAsk: {
    pattern: /\b(?:one word|single word|yes or no|only the (?:label|category|class)|just the (?:label|category))\b/,
    triggers: ['one word', 'single word', 'yes or no', 'only the ', 'just the '],
  },
  /** Phrases that keep a task small. */
  simple: {
    pattern: /\b(?:one word|single word|yes or no|one sentence|in a sentence|briefly|quick(?:ly)?|one-liner|just the|only the (?:label|answer|number|category))\b/,
    triggers: ['one word', 'single word', 'yes or no', 'one sentence', 'in a sentence', 'briefly', 'quick', 'one-liner', 'just the', 'only the '],
  },
  /** Many items to handle, e.g. "each of the 12 comments", "8 job postings". */
  manyItems: {
    pattern: /\b(?:each of the|all) (?:\d{1,3}|five|six|seven|eight|nine|ten|twelve|twenty|thirty)\b/,
    triggers: ['each of the', 'all'],
  },
  /** The same, counted: "8 job postings". */
  itemCount: {
    pattern: /\b(?:\d{1,3}) (?:comments|postings|emails|tickets|documents|files|reviews|items|records)\b/,
    triggers: DIGITS,
  },
  /** Formal logic, which small models get wrong more often than arithmetic. */
  logic: {
    pattern: /\b(?:can we conclude|syllogism|deduce|logic puzzle|valid arrangements?|it follows that)\b/,
    triggers: ['can we conclude', 'syllogism', 'deduce', 'logic puzzle', 'valid arrangement', 'it follows that'],
  },
  /** Demands to show the reasoning, not just the answer. */
  showWork: {
    pattern: /\bstep[- ]by[- ]step\b|\bshow (?:every|each|your|all) (?:steps?|work|working)\b|\bjustify\b/,
    triggers: ['step', 'show ', 'justify'],
  },
  proof: { pattern: /\b(?:prove|proof|derive)\b/, triggers: ['prove', 'proof', 'derive'] },
  /** Long-document asks that need analysis across the document rather than a lookup. */
  analytic: {
    pattern: /\b(?:compare|inconsisten\w*|conflict\w*|contradict\w*|across|all sections|analy[sz]e|risks?|trends?|themes?|every section|throughout)\b/,
    triggers: ['compare', 'inconsisten', 'conflict', 'contradict', 'across', 'all sections', 'analy', 'risk', 'trend', 'theme', 'every section', 'throughout'],
  },
} as const satisfies Record<string, TriggeredPattern>;

export type Marker = keyof typeof MARKERS;
