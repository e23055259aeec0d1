import * as vscode from 'vscode';
import { readPromptHistory, rememberPrompt } from '../../core/ask/promptHistory';
import { decidePrompt } from '../../core/ask/promptEntry';
import { pickImages } from './imageInput';

const HISTORY_KEY = 'quorum.ask.history';

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
const RECENT_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('history'), tooltip: 'Recent Prompts…' };

/**
 * The prompt input: type or paste a prompt; Enter asks exactly that text (core/ask/promptEntry.ts). Enter on
 * an empty input sends nothing and says so. Past prompts are one button away (Recent Prompts): the one chosen
 * is put into the input, never sent by itself. The other title-bar button attaches images (sent as image
 * parts; routing then needs a vision model).
 */
export async function promptInput(history: readonly string[], context: string | undefined, initialImages: readonly vscode.Uri[] = []): Promise<PromptChoice | undefined> {
  const input = vscode.window.createInputBox();
  const images = [...initialImages];
  const retitle = (): void => {
    const names = images.map((uri) => uri.path.split('/').pop() ?? uri.path);
    input.title = names.length === 0 ? 'Quorum: Ask Best Model' : `Quorum: Ask Best Model — with ${names.join(', ')}`;
  };
  retitle();
  input.buttons = history.length > 0 ? [RECENT_BUTTON, ATTACH_BUTTON] : [ATTACH_BUTTON];
  input.placeholder = context === undefined
    ? 'Ask anything — Quorum picks the cheapest model that can do it well'
    : `Ask about ${context} — Quorum picks the cheapest model that can do it well`;
  input.prompt = history.length > 0 ? 'Enter asks exactly this text. Past prompts: Recent Prompts (the clock button).' : 'Enter asks exactly this text.';
  input.ignoreFocusOut = true;
  const listeners: vscode.Disposable[] = [];
  try {
    return await new Promise<PromptChoice | undefined>((resolve) => {
      let away = false;
      /** Another picker or dialog hides the input; it comes back with what was typed once that closes. */
      const stepAway = async (work: () => Promise<void>): Promise<void> => {
        away = true;
        await work();
        away = false;
        retitle();
        input.show();
      };
      listeners.push(
        input.onDidChangeValue(() => { input.validationMessage = undefined; }),
        input.onDidAccept(() => {
          const decision = decidePrompt(input.value);
          if (decision.kind === 'send') resolve({ prompt: decision.prompt, images });
          else input.validationMessage = { message: decision.message, severity: decision.kind === 'empty' ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Error };
        }),
        input.onDidTriggerButton((button) => stepAway(async () => {
          if (button === ATTACH_BUTTON) images.push(...await pickImages());
          else {
            const chosen = await pickRecent(history);
            if (chosen !== undefined) input.value = chosen;
          }
        })),
        input.onDidHide(() => { if (!away) resolve(undefined); }),
      );
      input.show();
    });
  } finally {
    for (const listener of listeners) listener.dispose();
    input.dispose();
  }
}

/** Past prompts to choose from; the chosen one goes back into the input (undefined when none was chosen). */
async function pickRecent(history: readonly string[]): Promise<string | undefined> {
  const items = history.map((prompt) => ({ label: oneLine(prompt), prompt }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Quorum: Recent Prompts', placeHolder: 'Choose a prompt to put it back in the input (nothing is sent yet)', ignoreFocusOut: true,
  });
  return chosen?.prompt;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
