import type * as vscode from 'vscode';
import type { SecretRedactor } from '../core/keys/secretRedactor';
import type { Logger } from '../core/ports';

/**
 * The "Quorum" LogOutputChannel as the core's Logger. Every line passes through the redactor first, so a
 * key can never reach the log even when an error or a provider echoes it. `tap` lets integration tests
 * see exactly what was written.
 */
export function createChannelLogger(
  channel: vscode.LogOutputChannel,
  redactor: SecretRedactor,
  tap?: (level: string, line: string) => void,
): Logger {
  const clean = (message: string | Error, args: unknown[]): string => {
    const head = message instanceof Error ? `${message.name}: ${message.message}` : message;
    const tail = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a)));
    return redactor.redact([head, ...tail].join(' '));
  };
  const write = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string | Error, ...args: unknown[]): void => {
    const line = clean(message, args);
    tap?.(level, line);
    channel[level](line);
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
