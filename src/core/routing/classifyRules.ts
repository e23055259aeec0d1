import type { TaskType } from './taskProfile';

/**
 * The cue tables of the heuristic classifier. Each cue is a phrase pattern over the user's own words
 * (code fences removed, lower-cased), a weight and the short evidence a user sees. Weight 3 = a phrase
 * that names the task ("classify … as", "write a function", "prove that"); 2 = a strong hint; 1 = a weak
 * hint that only decides when nothing else does. Patterns are written without nested quantifiers, so
 * each runs in linear time over the bounded instruction window.
 */
export interface Cue {
  readonly type: CueType;
  readonly pattern: RegExp;
  readonly weight: 1 | 2 | 3;
  readonly evidence: string;
  /** Only counts at full weight when the prompt contains code or talks about code; else weight 1. */
  readonly needsCode?: boolean;
}

/** The task types decided by words; multimodal and longDocument are decided by attachments and size. */
export type CueType = Exclude<TaskType, 'multimodal' | 'longDocument' | 'chat'>;

const LANGS = String.raw`(?:python|typescript|javascript|java|go|golang|rust|c\+\+|c#|ruby|php|kotlin|swift|bash|shell|sql|scala|haskell|elixir)`;
const CODE_NOUNS = String.raw`(?:function|method|class|script|program|component|module|query|regex|regular expression|endpoint|api|cli|one-liner|unit tests?|tests|test suite|hook|dockerfile|makefile|service|library|parser|struct|interface|decorator|middleware|migration script|lambda|snippet|algorithm)`;

export const CUES: readonly Cue[] = [
  // Code review / fix / debug — before generation in the tie-break order: "fix" beats "write" when equal.
  { type: 'codeReview', pattern: /\b(?:fix|debug|troubleshoot)\b/, weight: 3, evidence: 'asks to fix or debug', needsCode: true },
  { type: 'codeReview', pattern: /\breview\b/, weight: 3, evidence: 'asks for a review', needsCode: true },
  { type: 'codeReview', pattern: /\b(?:explain|what does)\b[^.?!\n]{0,30}\b(?:this|the following|these)\s+(?:\w+\s+)?(?:code|function|regex|snippet|query|script|method|class|line|lines|program|hook)\b/, weight: 3, evidence: 'asks to explain code' },
  { type: 'codeReview', pattern: /\bexplain what this\b|\bwhat does this \w+ do\b/, weight: 3, evidence: 'asks what code does', needsCode: true },
  { type: 'codeReview', pattern: /\bwhy (?:does|do|is|isn't|doesn't|won't|am i getting|do i get)\b/, weight: 2, evidence: 'asks why code misbehaves', needsCode: true },
  { type: 'codeReview', pattern: /\b(?:bug|exception|crash(?:es)?|throws?|stack ?trace|traceback|(?:doesn'?t|won'?t|does not) compile|borrow checker|race condition|deadlock|memory leaks?|infinite loop|segfault|undefined is not)\b/, weight: 2, evidence: 'mentions a defect', needsCode: true },

  // Code generation.
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\b(?:write|create|implement|generate|build|code|make|give me|add)\b(?:\s+(?:me|us))?(?:\s+(?:a|an|the|some|small|simple|quick))?(?:\s+[\w+#-]+){0,3}?\s+${CODE_NOUNS}\b`), weight: 3, evidence: 'asks to write code' },
  { type: 'codeGeneration', pattern: /\b(?:implement|refactor|scaffold)\b/, weight: 3, evidence: 'asks to implement or refactor' },
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\b(?:convert|port|translate|rewrite|migrate)\b[^.?!\n]{0,40}\b(?:to|into|in)\s+${LANGS}\b`), weight: 3, evidence: 'asks to convert code' },
  { type: 'codeGeneration', pattern: /\badd (?:types|type (?:hints|annotations)|jsdoc|docstrings|doc comments|comments|error handling|logging|unit tests|tests)\b/, weight: 3, evidence: 'asks to add to code' },
  { type: 'codeGeneration', pattern: new RegExp(String.raw`\bin ${LANGS}\b`), weight: 1, evidence: 'names a language' },

  // Classification.
  { type: 'classification', pattern: /\b(?:classify|categori[sz]e|categori[sz]ation)\b/, weight: 3, evidence: 'asks to classify' },
  { type: 'classification', pattern: /\bclassifier\b|\bassign (?:exactly )?one (?:of|label)\b/, weight: 3, evidence: 'asks to assign a label' },
  { type: 'classification', pattern: /\bsentiment\b/, weight: 3, evidence: 'asks for sentiment' },
  { type: 'classification', pattern: /\b(?:label|tag)\s+(?:this|each|the|these|every)\b/, weight: 3, evidence: 'asks for a label' },
  { type: 'classification', pattern: /\bis (?:this|it|the following)(?: \w+)? (?:spam|toxic|phishing|positive|negative|sarcastic|offensive)\b/, weight: 3, evidence: 'asks a yes/no category' },
  { type: 'classification', pattern: /\bwhich (?:category|class|label|bucket|department)\b/, weight: 3, evidence: 'asks which category' },
  { type: 'classification', pattern: /\bas (?:[\w-]+, )+[\w-]+,? or [\w-]+\b/, weight: 2, evidence: 'lists the labels' },
  { type: 'classification', pattern: /\bis this an? \w+ or an? \w+\b/, weight: 2, evidence: 'asks which of two' },

  // Extraction.
  // "extract … from" / "extract all …": bare "extract" also means splitting code ("what to extract first").
  { type: 'extraction', pattern: /\b(?:extract|pull out)\b(?:[^.?!\n]{0,80}\bfrom\b|\s+(?:all|every|each|the following))/, weight: 3, evidence: 'asks to extract' },
  { type: 'extraction', pattern: /\b(?:extract|pull out)\b/, weight: 1, evidence: 'mentions extracting' },
  { type: 'extraction', pattern: /\b(?:find|list|get|identify|give me)\s+(?:all|every|each)(?: of)?(?: the)?(?:\s+[\w-]+){1,3}?\s+(?:in|from|mentioned|found)\b/, weight: 3, evidence: 'asks for every mention' },
  { type: 'extraction', pattern: /\b(?:all|every)\b[^.?!\n]{0,40}\b(?:entries|mentions|occurrences|names|dates|emails?|addresses|phone numbers|urls|links|amounts)\b/, weight: 2, evidence: 'asks for all items of a kind' },
  { type: 'extraction', pattern: /\bparse\b/, weight: 2, evidence: 'asks to parse' },
  { type: 'extraction', pattern: /\b(?:keys|fields)\b[^.?!\n]{0,80}\bfrom\b/, weight: 2, evidence: 'names fields to fill' },

  // Summarisation.
  { type: 'summarisation', pattern: /\bsumm(?:ary|ari[sz]e|ari[sz]ing|ari[sz]ation)\b|\btl;?dr\b/, weight: 3, evidence: 'asks for a summary' },
  { type: 'summarisation', pattern: /\b(?:key|main) (?:points|takeaways|decisions|findings|ideas)\b|\bcondense\b|\brecap\b|\bsynopsis\b/, weight: 3, evidence: 'asks for the key points' },
  { type: 'summarisation', pattern: /\b(?:write|draft|give me) an? (?:abstract|executive summary|release notes)\b|\binto release notes\b/, weight: 3, evidence: 'asks for an abstract' },

  // Reasoning and maths.
  { type: 'reasoning', pattern: /\b(?:prove|proof|derive|theorem|lemma|closed form|induction)\b/, weight: 3, evidence: 'asks for a proof' },
  { type: 'reasoning', pattern: /\bsolve\b|\bcan we conclude\b|\bdeduce\b|\blogic puzzle\b|\briddle\b|\bsyllogism\b|\bvalid arrangements?\b/, weight: 3, evidence: 'asks to solve' },
  { type: 'reasoning', pattern: /\d+(?:\.\d+)?\s*%\s*of\b|\bhow many (?:ways|combinations|permutations)\b|\bprobability\b|\bexpected value\b/, weight: 3, evidence: 'maths question' },
  { type: 'reasoning', pattern: /\bstep[- ]by[- ]step\b|\bshow (?:every|each|your) (?:step|work)\b/, weight: 2, evidence: 'asks for step-by-step reasoning' },
  { type: 'reasoning', pattern: /\b(?:catch up|how long will|how far|how fast|calculate|compute)\b|\d\s*[x×*/+^]\s*\d|\b\d+x\b/, weight: 2, evidence: 'calculation' },
  { type: 'reasoning', pattern: /\bhow many\b/, weight: 1, evidence: 'asks how many' },

  // Creative writing.
  { type: 'creativeWriting', pattern: /\b(?:write|compose|draft|create|come up with|give me|pen)\b[^.?!\n]{0,40}\b(?:poem|haiku|limerick|sonnet|story|stories|tale|song|lyrics|toast|speech|novel|chapter|screenplay|taglines?|slogans?|jokes?|fable|verse|rap|ballad|eulogy|vows|monologue)\b/, weight: 3, evidence: 'asks for creative writing' },
  { type: 'creativeWriting', pattern: /\b(?:poem|haiku|limerick|sonnet|short story|bedtime story|fan fiction)\b/, weight: 2, evidence: 'names a creative form' },
];

/** Words that tell a prompt is about code even when none is pasted ("a bug in my code"). */
export const CODE_TALK = /\b(?:code|function|compile[sr]?|regex|script|program|class|method|variable|stack ?trace|repo|pull request|diff|api)\b/;

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
/** Phrases that keep a task small. */
export const SIMPLE_MARKERS = /\b(?:one word|single word|yes or no|one sentence|in a sentence|briefly|quick(?:ly)?|one-liner|just the|only the (?:label|answer|number|category))\b/;
/** Many items to handle, e.g. "each of the 12 comments", "8 job postings". */
export const MANY_ITEMS = /\b(?:each of the|all) (?:\d{1,3}|five|six|seven|eight|nine|ten|twelve|twenty|thirty)\b|\b(?:\d{1,3}) (?:comments|postings|emails|tickets|documents|files|reviews|items|records)\b/;
/** Formal logic, which small models get wrong more often than arithmetic. */
export const LOGIC_MARKERS = /\b(?:can we conclude|syllogism|deduce|logic puzzle|valid arrangements?|it follows that)\b/;
/** Demands to show the reasoning, not just the answer. */
export const SHOW_WORK = /\bstep[- ]by[- ]step\b|\bshow (?:every|each|your|all) (?:steps?|work|working)\b|\bjustify\b/;
export const PROOF_ASKS = /\b(?:prove|proof|derive)\b/;
/** Data items listed one per line ("1. …", "- …"); five or more count as many items. */
export const LIST_LINE = /^\s*(?:\d{1,3}[.)]|[-*•])\s+\S/gm;
/** Long-document asks that need analysis across the document rather than a lookup. */
export const ANALYTIC_ASKS = /\b(?:compare|inconsisten\w*|conflict\w*|contradict\w*|across|all sections|analy[sz]e|risks?|trends?|themes?|every section|throughout)\b/;
