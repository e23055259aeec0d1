import { renderMarkdownInto } from './answerMarkdown';
import { addCodeBlockActions, endsInsideFence, type CodeBlockHandler } from './codeBlockActions';

// Lenient about indentation (fences inside list items): a miss only splits a block until the final render.
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;
const LANGUAGE = /^language-([\w#+.-]{1,24})$/;

/**
 * Renders a growing markdown answer without re-rendering all of it on every frame. Text up to the last
 * blank line outside a code fence is settled: each settled run is rendered once into a block of its own,
 * and only the tail after it is rendered again as text arrives. Splitting at blank lines can render a few
 * constructs differently from the whole text (a reference link defined further down, a loose list), so
 * `renderFinal` renders the whole answer once when it has settled. Every render goes through
 * `renderMarkdownInto` (markdown-it without HTML, then DOMPurify). With `onCodeAction`, every code block
 * whose fence has closed gets Copy / Insert / Apply buttons; one still streaming gets them once it closes.
 */
export class StreamingMarkdown {
  private readonly settled: HTMLElement;
  private readonly tail: HTMLElement;
  /** Characters of the text rendered into `settled`. */
  private settledUpTo = 0;
  /** Where the next unscanned line starts; lines before it (from `settledUpTo`) are scanned. */
  private scannedUpTo = 0;
  /** The open fence's marker (```` ``` ```` or `~~~`, at its length) while inside one. */
  private fence: string | undefined;
  /** End of the last blank line outside a fence, past `settledUpTo`. */
  private boundary = 0;
  private seen = '';
  private final = false;

  constructor(private readonly root: HTMLElement, private readonly onCodeAction?: CodeBlockHandler) {
    this.settled = document.createElement('div');
    this.settled.className = 'md-settled';
    this.tail = document.createElement('div');
    this.tail.className = 'md-tail';
    root.replaceChildren(this.settled, this.tail);
  }

  /** Renders `text`, which may still grow; `text` must extend what was rendered last, or everything is redone. */
  renderStreaming(text: string): void {
    // A cheap check that `text` extends the last one (a replaced answer is rendered afresh).
    const probe = Math.max(0, this.seen.length - 32);
    if (this.final || text.length < this.seen.length || !text.startsWith(this.seen.slice(probe), probe)) this.reset();
    this.seen = text;
    this.scan(text);
    if (this.boundary > this.settledUpTo) {
      const block = document.createElement('div');
      block.className = 'md-block';
      renderMarkdownInto(block, text.slice(this.settledUpTo, this.boundary));
      labelCodeBlocks(block);
      addCodeBlockActions(block, this.onCodeAction);
      this.settled.append(block);
      this.settledUpTo = this.boundary;
    }
    renderMarkdownInto(this.tail, text.slice(this.settledUpTo));
    labelCodeBlocks(this.tail);
    // The tail's last block is still growing while its fence is open, or when the unfinished last line opens one.
    addCodeBlockActions(this.tail, this.onCodeAction, this.fence !== undefined || FENCE.test(text.slice(this.scannedUpTo)));
  }

  /** Renders the whole text at once, as it will stay. */
  renderFinal(text: string): void {
    this.reset();
    this.final = true;
    this.seen = text;
    renderAnswer(this.root, text, this.onCodeAction);
  }

  private reset(): void {
    this.settledUpTo = 0;
    this.scannedUpTo = 0;
    this.boundary = 0;
    this.fence = undefined;
    this.seen = '';
    this.final = false;
    this.settled.replaceChildren();
    this.tail.replaceChildren();
    this.root.replaceChildren(this.settled, this.tail);
  }

  /** Scans the complete lines added since the last call for fences and blank lines. */
  private scan(text: string): void {
    for (;;) {
      const end = text.indexOf('\n', this.scannedUpTo);
      if (end < 0) return;
      const line = text.slice(this.scannedUpTo, end);
      this.scannedUpTo = end + 1;
      const marker = FENCE.exec(line)?.[1];
      if (this.fence === undefined) {
        if (marker !== undefined) this.fence = marker;
        else if (BLANK.test(line)) this.boundary = this.scannedUpTo;
      } else if (marker !== undefined && marker[0] === this.fence[0] && marker.length >= this.fence.length && BLANK.test(line.slice(line.indexOf(marker) + marker.length))) {
        this.fence = undefined;
      }
    }
  }
}

/**
 * Renders an answer (a vote member's, a judge's rationale, the Answer view's) as sanitised markdown with
 * labelled code blocks, and with `onCodeAction` their Copy / Insert / Apply buttons. `streaming`: the text may
 * still grow, so a code block whose fence is still open at its end gets no buttons yet.
 */
export function renderAnswer(target: HTMLElement, text: string, onCodeAction?: CodeBlockHandler, streaming = false): void {
  renderMarkdownInto(target, text);
  labelCodeBlocks(target);
  addCodeBlockActions(target, onCodeAction, streaming && endsInsideFence(text));
}

/**
 * No syntax highlighter ships with the panel: code blocks are styled with the theme's code colours, and a
 * fenced block's language (markdown-it's `language-x` class) is shown as a small label via `data-lang`.
 */
function labelCodeBlocks(root: HTMLElement): void {
  for (const code of root.querySelectorAll('pre > code[class]')) {
    const language = LANGUAGE.exec(code.className)?.[1];
    if (language !== undefined) code.parentElement?.setAttribute('data-lang', language);
  }
}
