import type { PanelModel } from '../../src/shared/panelProtocol';
import { el } from './dom';

/**
 * A checkbox per configured model, grouped by provider, with a filter above them; at most `max` checked:
 * checking one more is undone and says why (a status message, not an alert box). Selection order is kept
 * (it is the column order of a run). Filtering only hides options: a hidden model stays chosen.
 */
export class ModelChooser {
  readonly element: HTMLFieldSetElement;
  private readonly list: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly message: HTMLElement;
  private models: readonly PanelModel[] | undefined;
  private selected: string[] = [];

  constructor(private readonly idPrefix: string, legend: string, private readonly max: number, private readonly onChange: (selected: readonly string[]) => void) {
    this.list = el('div', { className: 'model-groups' });
    this.message = el('p', { className: 'form-message', attrs: { id: `${idPrefix}-models-message`, role: 'status' } });
    this.filter = el('input', {
      className: 'model-filter',
      attrs: { type: 'search', id: `${idPrefix}-models-filter`, placeholder: 'Filter models', 'aria-label': 'Filter models by name or provider', 'aria-controls': `${idPrefix}-models` },
    });
    this.element = el('fieldset', { className: 'model-chooser', attrs: { id: `${idPrefix}-models` } }, [
      el('legend', { text: legend }),
      this.filter,
      this.list,
      this.message,
    ]);
    this.list.addEventListener('change', (event) => this.changed(event.target));
    this.filter.addEventListener('input', () => this.applyFilter());
    this.filter.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.filter.value === '') return;
      event.stopPropagation();
      this.filter.value = '';
      this.applyFilter();
    });
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
      : this.groups(models)));
    this.filter.hidden = models.length === 0;
    this.applyFilter();
    if (focused !== undefined) this.boxes().find((box) => box.value === focused)?.focus();
  }

  /** One group per provider, in the order providers first appear; ids keep each model's index in `models`. */
  private groups(models: readonly PanelModel[]): HTMLElement[] {
    const byProvider = new Map<string, HTMLElement[]>();
    models.forEach((model, index) => {
      const options = byProvider.get(model.provider) ?? [];
      options.push(this.option(model, index));
      byProvider.set(model.provider, options);
    });
    return [...byProvider].map(([provider, options], n) => {
      const titleId = `${this.idPrefix}-models-group-${n}`;
      return el('div', { className: 'model-group', attrs: { role: 'group', 'aria-labelledby': titleId } }, [
        el('div', { className: 'model-group-title', attrs: { id: titleId }, text: provider }),
        el('div', { className: 'model-list' }, options),
      ]);
    });
  }

  /** Hides the options (and whole groups) the filter's words do not all match; says when none does. */
  private applyFilter(): void {
    const words = this.filter.value.toLowerCase().split(/\s+/u).filter((w) => w !== '');
    let shown = 0;
    for (const group of this.list.querySelectorAll<HTMLElement>('.model-group')) {
      let inGroup = 0;
      for (const option of group.querySelectorAll<HTMLElement>('.model-option')) {
        const match = words.every((w) => (option.dataset.search ?? '').includes(w));
        option.hidden = !match;
        if (match) inGroup++;
      }
      group.hidden = inGroup === 0;
      shown += inGroup;
    }
    if (words.length > 0 && shown === 0) this.message.textContent = `No model matches “${this.filter.value.trim()}”.`;
    else if (this.message.textContent?.startsWith('No model matches') === true) this.message.textContent = '';
  }

  private option(model: PanelModel, index: number): HTMLElement {
    const id = `${this.idPrefix}-model-${index}`;
    const box = el('input', { attrs: { type: 'checkbox', id, value: model.ref } });
    box.checked = this.selected.includes(model.ref);
    const search = `${model.label} ${model.ref} ${model.provider}`.toLowerCase();
    return el('div', { className: 'model-option', attrs: { 'data-search': search } }, [
      box,
      el('label', { attrs: { for: id, title: model.ref } }, [
        document.createTextNode(model.label),
        // The group names the provider; read out with the model, so a screen reader hears both.
        el('span', { className: 'visually-hidden', text: ` ${model.provider}` }),
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
