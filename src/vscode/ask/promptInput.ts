import * as vscode from 'vscode';
import { readPromptHistory, rememberPrompt } from '../../core/ask/promptHistory';
import { PromptPick, type PromptRow } from '../../core/ask/promptPick';
import { pickImages } from './imageInput';

const HISTORY_KEY = 'quorum.ask.history';

type PromptItem = vscode.QuickPickItem & PromptRow;

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
 * The prompt input: type or paste a prompt (Enter asks exactly that text), or move to a past one with the
 * arrow keys. Enter on an empty input does nothing, and a past prompt is sent only when the user moved to it
 * (core/ask/promptPick.ts tells that apart from the quick pick's own activation of its first row). The
 * title-bar button attaches images (sent as image parts; routing then needs a vision model).
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
  const state = new PromptPick(history);
  const refresh = (): void => {
    pick.items = state.rowsFor(pick.value).map(itemFor);
  };
  refresh();
  const listeners: vscode.Disposable[] = [];
  try {
    return await new Promise<PromptChoice | undefined>((resolve) => {
      let picking = false;
      listeners.push(
        pick.onDidChangeValue(refresh),
        pick.onDidChangeActive((active) => state.activeChanged(active[0])),
        pick.onDidAccept(() => {
          const decision = state.accept(pick.value, pick.activeItems[0]);
          if (decision.kind === 'send') resolve({ prompt: decision.prompt, images });
          else if (decision.kind === 'tooLong') {
            void vscode.window.showErrorMessage(`Quorum: the prompt is ${decision.length.toLocaleString('en-US')} characters; Ask takes up to ${decision.max.toLocaleString('en-US')}. Nothing was sent. Shorten it, or put the text in a file and ask about that file.`);
          }
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

/** A row as the quick pick shows it; the row object itself is kept, so the state can tell rows apart. */
function itemFor(row: PromptRow): PromptItem {
  switch (row.role) {
    case 'hint':
      return Object.assign(row, { label: 'Type a prompt and press Enter', description: '↓ for a recent one', alwaysShow: true });
    case 'typed':
      return Object.assign(row, { label: oneLine(row.prompt), description: row.prompt.length > 200 ? `Ask (${row.prompt.length.toLocaleString('en-US')} characters)` : 'Ask', alwaysShow: true });
    case 'history':
      return Object.assign(row, { label: oneLine(row.prompt), description: 'recent' });
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
