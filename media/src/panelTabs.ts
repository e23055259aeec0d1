import { PANEL_VIEWS, type PanelView } from '../../src/shared/panelProtocol';
import { el } from './dom';

const LABELS: Record<PanelView, string> = { compare: 'Compare', vote: 'Vote', evals: 'Evals', spend: 'Spend' };

/**
 * The WAI-ARIA tabs pattern with automatic activation: one tab stop (the selected tab), Left/Right move
 * and select (wrapping), Home/End go to the first/last; each tab controls its panel, the others are hidden.
 */
export class PanelTabs {
  readonly element: HTMLElement;
  readonly panels: Readonly<Record<PanelView, HTMLElement>>;
  private readonly tabs: Readonly<Record<PanelView, HTMLButtonElement>>;
  private current: PanelView = 'compare';

  /** `onSelect` runs when the user picks a tab (not when `select` is called). */
  constructor(private readonly onSelect: (view: PanelView) => void) {
    const tabs = {} as Record<PanelView, HTMLButtonElement>;
    const panels = {} as Record<PanelView, HTMLElement>;
    for (const view of PANEL_VIEWS) {
      const tab = el('button', {
        className: 'panel-tab',
        text: LABELS[view],
        attrs: { type: 'button', role: 'tab', id: `tab-${view}`, 'aria-controls': `panel-${view}`, 'data-view': view },
      });
      tab.addEventListener('click', () => this.pick(view, false));
      tabs[view] = tab;
      panels[view] = el('section', { className: 'panel-view', attrs: { role: 'tabpanel', id: `panel-${view}`, 'aria-labelledby': `tab-${view}` } });
    }
    this.tabs = tabs;
    this.panels = panels;
    this.element = el('div', { className: 'panel-tabs', attrs: { role: 'tablist', 'aria-label': 'Quorum panel' } }, PANEL_VIEWS.map((v) => tabs[v]));
    this.element.addEventListener('keydown', (event) => this.keydown(event));
    this.select('compare');
  }

  get view(): PanelView {
    return this.current;
  }

  /** Shows `view` (from a snapshot or the user); moves focus to its tab when `focus`. */
  select(view: PanelView, focus = false): void {
    this.current = view;
    for (const v of PANEL_VIEWS) {
      const selected = v === view;
      this.tabs[v].setAttribute('aria-selected', String(selected));
      this.tabs[v].tabIndex = selected ? 0 : -1;
      this.panels[v].hidden = !selected;
    }
    if (focus) this.tabs[view].focus();
  }

  private pick(view: PanelView, focus: boolean): void {
    const changed = view !== this.current;
    this.select(view, focus);
    if (changed) this.onSelect(view);
  }

  private keydown(event: KeyboardEvent): void {
    const index = PANEL_VIEWS.indexOf(this.current);
    const last = PANEL_VIEWS.length - 1;
    const moves: Record<string, number> = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.pick(PANEL_VIEWS[target] ?? this.current, true);
  }
}
