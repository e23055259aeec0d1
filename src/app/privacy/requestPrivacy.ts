import type { SecretsMode } from '../../core/config/privacySchema';
import { payloadSize, type DataSentDraft, type SecretNote } from '../../core/privacy/dataSent';
import { screenMessages, type MessageFinding } from '../../core/privacy/messageScreen';
import type { ChatMessage, ModelRef } from '../../core/types';

/**
 * The privacy steps of the request path, for every way in: before anything is admitted or sent, the messages
 * are screened for credentials (`quorum.privacy.secrets`: redact, block or warn); then every attempt that
 * leaves the machine — retries and failovers included — and every blocked request goes to the data-sent log.
 */
export interface PrivacyPorts {
  readonly secretsMode: () => SecretsMode;
  /** The data-sent log. */
  readonly record: (draft: DataSentDraft) => void;
  /** Where a provider's requests go, e.g. `https://api.openai.com`; `undefined` when unknown. */
  readonly originOf: (providerId: string) => string | undefined;
  /** `warn` mode: what was found; the request is sent as is. */
  readonly warn?: (message: string) => void;
}

/** The privacy steps of one request (an Ask, a whole Compare or Vote). */
export interface PrivacySession {
  /** The messages to send (redacted when the mode says so), or why the request may not be sent at all. */
  screen(messages: readonly ChatMessage[]): { readonly messages: readonly ChatMessage[] } | { readonly blocked: string };
  /** Called as one attempt is sent to `ref` (`retry` = retries of that model before it). */
  sent(ref: ModelRef, messages: readonly ChatMessage[], retry: number): void;
}

export interface RequestPrivacy {
  begin(feature: string, files?: readonly string[]): PrivacySession;
}

/** Findings named in one sentence are capped, so a file full of keys still gives a readable message. */
const LISTED = 5;

export function createRequestPrivacy(ports: PrivacyPorts): RequestPrivacy {
  return {
    begin(feature, files = []) {
      const notes: SecretNote[] = [];
      const seen = new Set<string>();
      const note = (findings: readonly MessageFinding[], action: SecretNote['action']): void => {
        for (const { what, where } of findings) {
          if (seen.has(`${what}@${where}`)) continue;
          seen.add(`${what}@${where}`);
          notes.push({ what, where, action });
        }
      };
      return {
        screen(messages) {
          const { redacted, findings } = screenMessages(messages);
          if (findings.length === 0) return { messages };
          const mode = ports.secretsMode();
          if (mode === 'block') {
            note(findings, 'blocked');
            ports.record({ feature, outcome: 'blocked', ...payloadSize(messages), files: [...files], secrets: [...notes] });
            return { blocked: blockedMessage(findings) };
          }
          note(findings, mode === 'redact' ? 'redacted' : 'warned');
          if (mode === 'warn') {
            ports.warn?.(`Quorum found ${listFindings(findings)} in this ${feature} request and is sending it as is (quorum.privacy.secrets is "warn").`);
            return { messages };
          }
          return { messages: redacted };
        },
        sent(ref, messages, retry) {
          const origin = ports.originOf(ref.provider);
          ports.record({
            feature, outcome: 'sent', provider: ref.provider, model: ref.model, ...(origin !== undefined ? { origin } : {}), retry,
            ...payloadSize(messages), files: [...files], secrets: [...notes],
          });
        },
      };
    },
  };
}

function blockedMessage(findings: readonly MessageFinding[]): string {
  return `Quorum did not send this request: it contains ${listFindings(findings)}. Remove the secret and try again, `
    + 'or set quorum.privacy.secrets to "redact" to send it with each secret replaced by a marker.';
}

/** "a private key (user message 1, line 3) and a GitHub API token (user message 1, line 9)". */
function listFindings(findings: readonly MessageFinding[]): string {
  const listed = findings.slice(0, LISTED).map((f) => `${/^[AEIOaeio]/.test(f.what) ? 'an' : 'a'} ${f.what} (${f.where})`);
  const more = findings.length - listed.length;
  if (more > 0) listed.push(`${more} more`);
  return listed.length === 1 ? (listed[0] ?? '') : `${listed.slice(0, -1).join(', ')} and ${listed.at(-1) ?? ''}`;
}
