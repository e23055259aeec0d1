import type { CodeBlockAction, CodeBlockActionKind } from '../../src/shared/codeBlockProtocol';
import { button, el } from './dom';

/** What a view does with a code block's button: post the message to its host. */
export type CodeBlockHandler = (message: CodeBlockAction) => void;

const LANGUAGE = /^language-([\w#+.-]{1,24})$/;

const BUTTONS: readonly { readonly action: CodeBlockActionKind; readonly label: string; readonly verb: string }[] = [
  { action: 'copy', label: 'Copy', verb: 'Copy' },
  { action: 'insert', label: 'Insert', verb: 'Insert at the cursor:' },
  { action: 'apply', label: 'Apply', verb: 'Apply as a diff to review:' },
];

/**
 * Gives every closed code block under `root` a Copy / Insert / Apply toolbar (once). `lastOpen`: the last
 * block is still streaming (its fence has not closed), so it gets its buttons on a later render. The toolbar
 * sits in a wrapper beside the `pre`, so the code's text stays exactly what the model wrote; the buttons
 * read it when pressed. They show on hover and on keyboard focus (they are always in the tab order).
 */
export function addCodeBlockActions(root: HTMLElement, onAction: CodeBlockHandler | undefined, lastOpen = false): void {
  if (onAction === undefined) return;
  const blocks = [...root.querySelectorAll<HTMLPreElement>('pre')].filter((pre) => pre.querySelector(':scope > code') !== null);
  if (lastOpen) blocks.pop();
  blocks.forEach((pre, index) => {
    if (pre.parentElement?.classList.contains('code-block') === true) return;
    const code = pre.querySelector(':scope > code');
    const language = LANGUAGE.exec(code?.className ?? '')?.[1];
    const name = `code block ${index + 1}${language !== undefined ? ` (${language})` : ''}`;
    const toolbar = el('div', { className: 'code-actions', attrs: { role: 'toolbar', 'aria-label': `Actions for ${name}` } },
      BUTTONS.map(({ action, label, verb }) => button(label, () => onAction({
        type: 'codeBlock/action', action, code: code?.textContent ?? '', ...(language !== undefined ? { language } : {}),
      }), { class: 'secondary', 'data-code-action': action, 'aria-label': `${verb} ${name}`, title: `${label} this code` })));
    const wrapper = el('div', { className: 'code-block' });
    pre.replaceWith(wrapper);
    wrapper.append(toolbar, pre);
  });
}

// Lenient about indentation (fences inside list items), as the streaming renderer is.
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

/** True when `text` ends inside a fenced code block (or on the line that opens one): that block is still growing. */
export function endsInsideFence(text: string): boolean {
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker === undefined) continue;
    if (fence === undefined) fence = marker;
    else if (marker[0] === fence[0] && marker.length >= fence.length && BLANK.test(line.slice(line.indexOf(marker) + marker.length))) fence = undefined;
  }
  // A closing fence still being typed ("``") has not closed the block yet; an opening one on the last line has opened it.
  return fence !== undefined;
}
