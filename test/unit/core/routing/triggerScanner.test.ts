import assert from 'node:assert/strict';
import { CUES, MARKERS } from '../../../../src/core/routing/classifyRules';
import type { TriggeredPattern } from '../../../../src/core/routing/classifyRules';
import { detectCode } from '../../../../src/core/routing/codeDetection';
import { compileTriggerScanner } from '../../../../src/core/routing/triggerScanner';
import { CLASSIFY_FIXTURES } from './classifyFixtures';

/** The reference: every cue's own pattern run over the whole text, leftmost match. */
function reference(cues: readonly TriggeredPattern[], text: string): string[] {
  const out: string[] = [];
  cues.forEach((cue, i) => {
    const match = new RegExp(cue.pattern.source, cue.pattern.flags.replace('g', '')).exec(text);
    if (match !== null) out.push(`${i}@${match.index}`);
  });
  return out.sort();
}

function scanned(cues: readonly TriggeredPattern[], text: string): string[] {
  return compileTriggerScanner(cues)(text).map((m) => `${cues.indexOf(m.item)}@${m.index}`).sort();
}

const EDGE_TEXTS: readonly string[] = [
  '',
  'what does this function do? it does not compile',
  'fix: 12,000 x 3 = ? then 3.5*2 and v1.2^4; grow 10x by 2027; 45% of users',
  'classifiers and classify; categorisation; is this a cat or a dog?',
  'as red, green, or blue — assign exactly one label; label these; tag each',
  'why doesn\'t my code work? undefined is not a function; stack trace below; memory leaks',
  'write me a small python script; convert this to rust; add type hints; in go',
  'summarise the key points; tl;dr; give me an executive summary; into release notes',
  'prove by induction; solve the riddle; how many ways; expected value; step-by-step',
  'compose a haiku about a short story; pen a limerick',
  'extract all emails from the text; pull out every date; find all the names in the list; parse it',
  'each of the 12 comments; 8 job postings; 1234 comments; justify it; show all working; it follows that',
  'one word, yes or no, only the label; just the category; answer briefly; a quick one-liner',
  'compare trends across all sections; inconsistencies; contradicts; analyse the themes throughout',
  'my code has a regex in a class method; see the pull request diff and the api repo',
];

const TABLE: readonly TriggeredPattern[] = [...CUES, ...Object.values(MARKERS)];

describe('triggerScanner', () => {
  const corpus = [
    ...CLASSIFY_FIXTURES.map((f) => {
      const last = f.request.messages[f.request.messages.length - 1];
      const text = typeof last?.content === 'string' ? last.content : (last?.content ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('\n');
      return { name: f.name, text: detectCode(text).prose.toLowerCase() };
    }),
    ...EDGE_TEXTS.map((text, i) => ({ name: `edge ${i}`, text })),
  ];

  for (const { name, text } of corpus) {
    it(`finds the same leftmost matches as the plain patterns: ${name}`, () => {
      assert.deepEqual(scanned(TABLE, text), reference(TABLE, text));
    });
  }

  it('fails loudly when a trigger list misses where a pattern can match', () => {
    // "review" is not among the triggers, so the scanner cannot see this cue: the reference can.
    const broken: TriggeredPattern[] = [{ pattern: /\breview\b/, triggers: ['fix'] }];
    assert.notDeepEqual(scanned(broken, 'please review this'), reference(broken, 'please review this'));
  });

  it('refuses a pattern whose triggers mix digits and words', () => {
    assert.throws(() => compileTriggerScanner([{ pattern: /\d+%|\bpercent\b/, triggers: ['1', 'percent'] }]), /mixes digit and word triggers/);
  });

  it('every pattern has at least one trigger', () => {
    for (const item of TABLE) assert.ok(item.triggers.length > 0, item.pattern.source);
  });

  it('returns the matched text, for evidence', () => {
    const [match] = compileTriggerScanner([MARKERS.analytic])('what are the main risks here');
    assert.deepEqual(match && { index: match.index, text: match.text }, { index: 18, text: 'risks' });
  });
});
