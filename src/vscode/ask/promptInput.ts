import * as vscode from 'vscode';
import { readPromptHistory, rememberPrompt } from '../../core/ask/promptHistory';
import { pickImages } from './imageInput';

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

/** What the user asked, and the images they attached with the title-bar button. */
export interface PromptChoice {
  readonly prompt: string;
  readonly images: readonly vscode.Uri[];
}

const ATTACH_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('file-media'), tooltip: 'Attach Images…' };

/**
 * The prompt input: type a new prompt (Enter asks it) or pick a past one. The typed text is always the
 * first row, so Enter asks exactly what was typed even when it resembles a past prompt. The title-bar button
 * attaches images (sent as image parts; routing then needs a vision model).
 */
export async function promptInput(history: readonly string[], context: string | undefined, initialImages: readonly vscode.Uri[] = []): Promise<PromptChoice | undefined> {
  const pick = vscode.window.createQuickPick<PromptItem>();
  const images = [...initialImages];
  const retitle = (): void => {
    const names = images.map((uri) => uri.path.split('/').pop() ?? uri.path);
    pick.title = names.length === 0 ? 'Quorum: Ask Best Model' : `Quorum: Ask Best Model — with ${names.join(', ')}`;
  };
  retitle();
  pick.buttons = [ATTACH_BUTTON];
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
    return await new Promise<PromptChoice | undefined>((resolve) => {
      let picking = false;
      listeners.push(
        pick.onDidChangeValue(refresh),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0]?.prompt ?? pick.value.trim();
          if (chosen !== '') resolve({ prompt: chosen, images });
        }),
        pick.onDidTriggerButton(async () => {
          // The open dialog hides the quick pick; it is shown again with what was typed once the dialog closes.
          picking = true;
          images.push(...await pickImages());
          picking = false;
          retitle();
          pick.show();
        }),
        pick.onDidHide(() => { if (!picking) resolve(undefined); }),
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
