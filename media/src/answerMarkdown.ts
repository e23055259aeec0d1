import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlightCode } from './codeHighlight';

// Model output is untrusted: markdown-it never passes raw HTML through, and DOMPurify removes anything
// dangerous the markdown could still produce (e.g. javascript: links) before it reaches the DOM.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, highlight: highlightCode });

/**
 * Replaces `target`'s content with `text` rendered as sanitised markdown. The only HTML insertion in
 * the webviews, and it only ever receives DOMPurify's output.
 */
export function renderMarkdownInto(target: HTMLElement, text: string): void {
  const html = DOMPurify.sanitize(markdown.render(text), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] });
  target.innerHTML = html;
}
