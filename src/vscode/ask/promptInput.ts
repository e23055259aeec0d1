import * as vscode from 'vscode';
import { readPromptHistory, rememberPrompt } from '../../core/ask/promptHistory';

const HISTORY_KEY = 'quorum.ask.history';

interface PromptItem extends vscode.QuickPickItem {
  readonly prompt: string;
}

/** Past prompts, newest first, kept per workspace. */
export class PromptHistory {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    return readPromptHistory(this.state.get(HISTORY_KEY));
  }

  async remember(prompt: string): Promise<void> {
    await this.state.update(HISTORY_KEY, rememberPrompt(this.list(), prompt));
  }
}

/**
 * The prompt input: type a new prompt (Enter asks it) or pick a past one. The typed text is always the
 * first row, so Enter asks exactly what was typed even when it resembles a past prompt.
 */
export async function promptInput(history: readonly string[], context: string | undefined): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<PromptItem>();
  pick.title = 'Quorum: Ask Best Model';
  pick.placeholder = context === undefined
    ? 'Ask anything — Quorum picks the cheapest model that can do it well'
    : `Ask about ${context} — Quorum picks the cheapest model that can do it well`;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = false;
  const pastItems: PromptItem[] = history.map((prompt) => ({ label: oneLine(prompt), description: 'recent', prompt }));
  const refresh = () => {
    const typed = pick.value.trim();
    pick.items = typed === ''
      ? pastItems
      : [{ label: oneLine(typed), description: 'Ask', prompt: typed, alwaysShow: true }, ...pastItems.filter((p) => p.prompt !== typed)];
  };
  refresh();
  const listeners: vscode.Disposable[] = [];
  try {
    return await new Promise<string | undefined>((resolve) => {
      listeners.push(
        pick.onDidChangeValue(refresh),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0]?.prompt ?? pick.value.trim();
          if (chosen !== '') resolve(chosen);
        }),
        pick.onDidHide(() => resolve(undefined)),
      );
      pick.show();
    });
  } finally {
    for (const listener of listeners) listener.dispose();
    pick.dispose();
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
