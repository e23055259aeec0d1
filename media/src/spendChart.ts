/**
 * The spend view's "Spend per day" bar chart: inline SVG built node by node (no markup strings, no
 * library), coloured by classes in main.css from the theme's variables. The figures come computed from
 * the host (`SpendSnapshot.daily`); this only lays them out. Screen readers get a summary on the image
 * and a visually hidden table of every day.
 */
import { formatCount, formatUsd } from '../../src/shared/format';
import { chartScale, dailySummary, dayText, rowCostText, shortDay } from '../../src/shared/spendFormat';
import type { SpendDay } from '../../src/shared/spendProtocol';
import { el, svgEl } from './dom';

// Pixels. The plot's width follows the panel: its x coordinates are percentages, so the text keeps its size.
const HEIGHT = 200;
/** The value labels' column, left of the plot. */
const AXIS_WIDTH = 64;
const TOP = 14; // room for an unknown-cost marker above the tallest bar
const BOTTOM = 22; // day labels
const BASELINE = HEIGHT - BOTTOM;
const PLOT_HEIGHT = BASELINE - TOP;
/** A bar's share of its day's slot. */
const BAR_FILL = 0.7;
/** A day with any known cost stays visible however small it is beside the dearest day. */
const MIN_BAR = 1.5;
const MARKER_RADIUS = 3.5;
/** Day labels every this many days, counted back from today. */
const LABEL_EVERY = 7;

/** The chart's section: heading, then the chart, its legend and table, or a line saying there is nothing to draw. */
export function dailyChart(days: readonly SpendDay[]): HTMLElement {
  const heading = el('h2', { attrs: { id: 'spend-daily-heading' }, text: `Spend per day — last ${formatCount(days.length)} days` });
  const section = (children: (Node | null)[]) =>
    el('section', { className: 'spend-daily', attrs: { id: 'spend-daily', 'aria-labelledby': 'spend-daily-heading' } }, [heading, ...children]);
  if (days.every((day) => day.calls === 0 && day.costUsd === 0)) {
    return section([el('p', { className: 'muted', attrs: { id: 'spend-daily-empty' }, text: `No calls in the last ${formatCount(days.length)} days.` })]);
  }
  const anyUnknown = days.some((day) => day.unpricedCalls > 0);
  return section([chart(days), legend(anyUnknown), table(days)]);
}

const percent = (value: number) => `${Math.round(value * 100) / 100}%`;

/** Two SVGs side by side: the value labels (fixed width) and the plot (the rest), one image to assistive technology. */
function chart(days: readonly SpendDay[]): HTMLElement {
  const scale = chartScale(Math.max(0, ...days.map((day) => day.costUsd)));
  const yOf = (usd: number) => BASELINE - (usd / scale.top) * PLOT_HEIGHT;
  const slot = 100 / days.length;

  const values: SVGElement[] = [];
  const grid: SVGElement[] = [];
  for (let k = 0; k <= scale.lines; k++) {
    const usd = k === scale.lines ? scale.top : k * scale.step;
    const y = Math.round(yOf(usd)) + 0.5; // on a pixel row: crisp 1px lines
    grid.push(svgEl('line', { class: k === 0 ? 'spend-chart-axis' : 'spend-chart-grid', x1: '0', x2: '100%', y1: y, y2: y }));
    values.push(svgEl('text', { class: 'spend-chart-value', x: AXIS_WIDTH - 6, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [], formatUsd(usd)));
  }

  const bars = days.map((day, i) => {
    const center = slot * (i + 0.5);
    const height = day.costUsd > 0 ? Math.max(MIN_BAR, BASELINE - yOf(day.costUsd)) : 0;
    const top = BASELINE - height;
    return svgEl('g', { class: 'spend-chart-day', 'data-day': day.day }, [
      // The title is the hover tooltip; the hit area gives empty days one too.
      svgEl('title', {}, [], dayText(day)),
      svgEl('rect', { class: 'spend-chart-hit', x: percent(slot * i), y: TOP, width: percent(slot), height: PLOT_HEIGHT }),
      height === 0 ? null : svgEl('rect', { class: 'spend-chart-bar', x: percent(center - (slot * BAR_FILL) / 2), y: top, width: percent(slot * BAR_FILL), height }),
      day.unpricedCalls === 0 ? null : svgEl('circle', { class: 'spend-chart-unknown', cx: percent(center), cy: top - MARKER_RADIUS - 2, r: MARKER_RADIUS }),
    ]);
  });

  // Today's label and every seventh day before it.
  const labels: SVGElement[] = [];
  for (let i = days.length - 1; i >= 0; i -= LABEL_EVERY) {
    const day = days[i] as SpendDay;
    labels.push(svgEl('text', { class: 'spend-chart-label', x: percent(slot * (i + 0.5)), y: HEIGHT - 6, 'text-anchor': 'middle' }, [], shortDay(day.day)));
  }

  return el('div', { className: 'spend-chart', attrs: { id: 'spend-daily-chart', role: 'img', 'aria-label': dailySummary(days) } }, [
    svgEl('svg', { class: 'spend-chart-values', width: AXIS_WIDTH, height: HEIGHT }, values),
    svgEl('svg', { class: 'spend-chart-plot', height: HEIGHT }, [
      svgEl('g', { class: 'spend-chart-grid-lines' }, grid),
      svgEl('g', { class: 'spend-chart-bars' }, bars),
      svgEl('g', {}, labels),
    ]),
  ]);
}

function legend(anyUnknown: boolean): HTMLElement {
  const swatch = (shape: SVGElement) => svgEl('svg', { class: 'spend-legend-swatch', viewBox: '0 0 12 12', width: 12, height: 12, 'aria-hidden': 'true' }, [shape]);
  return el('ul', { className: 'spend-chart-legend', attrs: { id: 'spend-daily-legend' } }, [
    el('li', {}, [swatch(svgEl('rect', { class: 'spend-chart-bar', x: 1, y: 1, width: 10, height: 10 })), document.createTextNode('Known cost')]),
    anyUnknown
      ? el('li', {}, [swatch(svgEl('circle', { class: 'spend-chart-unknown', cx: 6, cy: 6, r: MARKER_RADIUS })), document.createTextNode('Calls of unknown cost (not counted in the bar)')])
      : null,
  ]);
}

/** Every day as text, for screen readers (the image itself carries only the summary). */
function table(days: readonly SpendDay[]): HTMLElement {
  const rows = days.map((day) => el('tr', { attrs: { 'data-day': day.day } }, [
    el('th', { attrs: { scope: 'row' } }, [el('time', { attrs: { datetime: day.day }, text: shortDay(day.day) })]),
    el('td', { className: 'num', text: rowCostText(day) }),
    el('td', { className: 'num', text: formatCount(day.calls) }),
  ]));
  return el('table', { className: 'visually-hidden', attrs: { id: 'spend-daily-table' } }, [
    el('caption', { text: `Spend per day — last ${formatCount(days.length)} days` }),
    el('thead', {}, [el('tr', {}, [
      el('th', { attrs: { scope: 'col' }, text: 'Day' }),
      el('th', { className: 'num', attrs: { scope: 'col' }, text: 'Cost' }),
      el('th', { className: 'num', attrs: { scope: 'col' }, text: 'Calls' }),
    ])]),
    el('tbody', {}, rows),
  ]);
}
