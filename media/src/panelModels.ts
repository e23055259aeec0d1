import type { PanelModel } from '../../src/shared/panelProtocol';
import { el } from './dom';

/**
 * A checkbox per configured model, at most `max` checked: checking one more is undone and says why (a
 * status message, not an alert box). Selection order is kept (it is the column order of a run).
 */
export class ModelChooser {
  readonly element: HTMLFieldSetElement;
  private readonly list: HTMLElement;
  private readonly message: HTMLElement;
  private models: readonly PanelModel[] | undefined;
  private selected: string[] = [];

  constructor(private readonly idPrefix: string, legend: string, private readonly max: number, private readonly onChange: (selected: readonly string[]) => void) {
    this.list = el('div', { className: 'model-list' });
    this.message = el('p', { className: 'form-message', attrs: { id: `${idPrefix}-models-message`, role: 'status' } });
    this.element = el('fieldset', { className: 'model-chooser', attrs: { id: `${idPrefix}-models` } }, [
      el('legend', { text: legend }),
      this.list,
      this.message,
    ]);
    this.list.addEventListener('change', (event) => this.changed(event.target));
  }

  value(): readonly string[] {
    return this.selected;
  }

  /** Shows `models` with `selected` checked (refs not in the list are dropped). */
  set(models: readonly PanelModel[], selected: readonly string[]): void {
    const known = new Set(models.map((m) => m.ref));
    const next = selected.filter((ref) => known.has(ref)).slice(0, this.max);
    if (sameModels(models, this.models)) {
      if (next.join('\n') !== this.selected.join('\n')) {
        this.selected = next;
        for (const box of this.boxes()) box.checked = next.includes(box.value);
      }
      return;
    }
    this.models = models;
    this.selected = next;
    const focused = document.activeElement instanceof HTMLInputElement && this.list.contains(document.activeElement) ? document.activeElement.value : undefined;
    this.list.replaceChildren(...(models.length === 0
      ? [el('p', { className: 'muted', text: 'No models yet: set an API key or add an endpoint (Quorum: Set API Key).' })]
      : models.map((model, index) => this.option(model, index))));
    if (focused !== undefined) this.boxes().find((box) => box.value === focused)?.focus();
  }

  private option(model: PanelModel, index: number): HTMLElement {
    const id = `${this.idPrefix}-model-${index}`;
    const box = el('input', { attrs: { type: 'checkbox', id, value: model.ref } });
    box.checked = this.selected.includes(model.ref);
    return el('div', { className: 'model-option' }, [
      box,
      el('label', { attrs: { for: id, title: model.ref } }, [
        document.createTextNode(model.label),
        el('span', { className: 'muted', text: ` ${model.provider}` }),
        model.priced ? null : el('span', { className: 'badge unpriced', text: 'price unknown' }),
      ]),
    ]);
  }

  private changed(target: EventTarget | null): void {
    if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return;
    if (target.checked && this.selected.length >= this.max) {
      target.checked = false;
      this.message.textContent = `At most ${this.max} models: uncheck one first.`;
      return;
    }
    this.message.textContent = '';
    this.selected = target.checked ? [...this.selected, target.value] : this.selected.filter((ref) => ref !== target.value);
    this.onChange(this.selected);
  }

  private boxes(): HTMLInputElement[] {
    return [...this.list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  }
}

function sameModels(a: readonly PanelModel[], b: readonly PanelModel[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((m, i) => {
    const o = b[i];
    return o !== undefined && o.ref === m.ref && o.label === m.label && o.provider === m.provider && o.priced === m.priced;
  });
}
