import type { ChatMessage, ContentPart } from '../types';
import { describeFinding, redactSecrets, scanSecrets } from './secretScanner';

/** A credential found in a request's messages: what it is and where, in words a user can follow. */
export interface MessageFinding {
  /** e.g. "GitHub API token", "secret assignment DB_PASSWORD". */
  readonly what: string;
  /** e.g. "user message 2, line 14" (the line within that message's text). */
  readonly where: string;
}

export interface ScreenedMessages {
  /** The messages with every credential replaced by its marker; the same array when nothing was found. */
  readonly redacted: readonly ChatMessage[];
  readonly findings: readonly MessageFinding[];
}

/**
 * Scans the text of every message (images cannot be scanned and are left as they are) for credentials
 * (`secretScanner.ts`) and returns the findings with the redacted messages, so the caller can block, redact
 * or warn as `quorum.privacy.secrets` says.
 */
export function screenMessages(messages: readonly ChatMessage[]): ScreenedMessages {
  const findings: MessageFinding[] = [];
  let changed = false;
  const redacted = messages.map((message, index): ChatMessage => {
    const label = `${message.role} message ${index + 1}`;
    const screenText = (text: string, part?: number): string => {
      const found = scanSecrets(text);
      if (found.length === 0) return text;
      changed = true;
      for (const finding of found) findings.push({ what: describeFinding(finding), where: `${label}${part === undefined ? '' : `, part ${part}`}, line ${finding.line}` });
      return redactSecrets(text, found);
    };
    if (typeof message.content === 'string') return { ...message, content: screenText(message.content) };
    const parts = message.content.map((part, i): ContentPart => (part.type === 'text' ? { ...part, text: screenText(part.text, i + 1) } : part));
    return { ...message, content: parts };
  });
  return { redacted: changed ? redacted : messages, findings };
}
