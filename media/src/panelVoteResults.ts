import { formatUsd } from '../../src/shared/format';
import { clusterText, durationText, fractionText, STATUS_TEXT, voteCostText } from '../../src/shared/panelFormat';
import type { CascadeOutcome, VoteMember, VoteResult } from '../../src/shared/voteProtocol';
import type { CodeBlockHandler } from './codeBlockActions';
import { button, el } from './dom';
import { renderAnswer } from './streamingMarkdown';

/**
 * The Vote tab's outcome: the winner (or a cascade's chosen answer) with agreement or confidence, why, cost and
 * time, the judge's rationale, and one card per member (a cascade's members are its ladder steps).
 */

/** The winner of a vote, or a cascade's answer. */
export function resultSection(result: VoteResult, onCode?: CodeBlockHandler, onContinue?: () => void): HTMLElement {
  const section = resultBody(result, onCode);
  if (onContinue !== undefined && result.winner.trim() !== '') {
    section.append(button('Continue in conversation', onContinue, { id: 'vote-continue', class: 'secondary', title: 'Ask follow-ups about the winning answer in the Quorum view, with the model that gave it' }));
  }
  return section;
}

function resultBody(result: VoteResult, onCode?: CodeBlockHandler): HTMLElement {
  const cascade = result.cascade;
  if (cascade !== undefined) return cascadeSection(result, cascade, onCode);
  const judge = result.judge === undefined ? null : judgeSection(result.judge);
  return el('section', { className: 'vote-result', attrs: { id: 'vote-result', 'aria-labelledby': 'vote-result-heading' } }, [
    el('h3', { attrs: { id: 'vote-result-heading' }, text: 'Winner' }),
    winnerText(result.winner, onCode),
    el('dl', { className: 'vote-facts' }, [
      ...fact('Agreement', `${fractionText(result.agreement)} (${clusterText(result.winnerCluster)})`, 'vote-agreement'),
      ...fact('Why', result.why, 'vote-why'),
      ...fact('Total cost', voteCostText(result), 'vote-cost'),
      ...fact('Time', durationText(result.totalMs), 'vote-time'),
    ]),
    judge,
  ]);
}

/** A cascade has no clusters: it shows the chosen step's confidence against the threshold instead. */
function cascadeSection(result: VoteResult, cascade: CascadeOutcome, onCode: CodeBlockHandler | undefined): HTMLElement {
  const answered = cascade.step !== undefined;
  const heading = !answered ? 'No confident answer'
    : cascade.accepted ? 'Answer'
      : cascade.stopped ? 'Best answer so far (stopped)'
        : 'Best answer (below the threshold)';
  return el('section', { className: 'vote-result', attrs: { id: 'vote-result', 'aria-labelledby': 'vote-result-heading', 'data-cascade': cascade.accepted ? 'accepted' : 'not-accepted' } }, [
    el('h3', { attrs: { id: 'vote-result-heading' }, text: heading }),
    answered ? winnerText(result.winner, onCode) : null,
    el('dl', { className: 'vote-facts' }, [
      ...(answered ? fact('Confidence', `${fractionText(cascade.confidence)} (threshold ${fractionText(cascade.threshold)})`, 'vote-cascade-confidence') : []),
      ...fact('Why', result.why, 'vote-why'),
      ...fact('Total cost', voteCostText(result), 'vote-cost'),
      ...fact('Time', durationText(result.totalMs), 'vote-time'),
    ]),
  ]);
}

function winnerText(markdown: string, onCode: CodeBlockHandler | undefined): HTMLElement {
  const winner = el('div', { className: 'markdown-body vote-winner-text', attrs: { id: 'vote-winner' } });
  renderAnswer(winner, markdown, onCode);
  return winner;
}

function judgeSection(judge: NonNullable<VoteResult['judge']>): HTMLElement {
  const rationale = el('div', { className: 'markdown-body', attrs: { id: 'vote-judge-rationale' } });
  renderAnswer(rationale, judge.rationale);
  return el('div', { className: 'vote-judge', attrs: { id: 'vote-judge' } }, [
    el('h4', {}, [document.createTextNode('Judge: '), el('code', { text: judge.ref })]),
    rationale,
  ]);
}

/**
 * One member's card. `cascade`: the member is step `index` of a cascade's ladder (its tier shown instead of a
 * cluster; the chosen step marked instead of the winning cluster).
 */
export function memberCard(member: VoteMember, result: VoteResult | undefined, index: number, cascade: boolean, onCode?: CodeBlockHandler): HTMLElement {
  const chosen = cascade && result?.cascade?.step === index;
  const inWinner = cascade ? chosen : result !== undefined && member.cluster === result.winnerCluster;
  const badge = !inWinner ? null
    : el('span', { className: 'badge winner-badge', text: cascade ? (result?.cascade?.accepted === true ? 'Accepted' : 'Most confident') : 'Winning cluster' });
  const answer = el('div', { className: 'markdown-body vote-answer' });
  if (member.answer !== undefined) renderAnswer(answer, member.answer, onCode === undefined ? undefined : (m) => onCode({ ...m, source: member.label }), member.status === 'streaming');
  const step = `Step ${index + 1}${member.tier === undefined ? '' : ` · ${member.tier}`}`;
  return el('article', {
    className: `vote-member status-${member.status}${inWinner ? ' in-winner' : ''}`,
    attrs: {
      'data-ref': member.ref, 'data-status': member.status,
      'aria-label': `${cascade ? `${step}: ` : ''}${member.label}: ${STATUS_TEXT[member.status]}`,
    },
  }, [
    el('header', { className: 'column-title' }, [
      el('h4', { attrs: { title: member.ref }, text: member.label }),
      el('span', { className: `column-status status-${member.status}`, attrs: { 'data-role': 'status' }, text: STATUS_TEXT[member.status] }),
      badge,
    ]),
    el('dl', { className: 'column-facts' }, [
      ...(cascade ? fact('Step', step, undefined) : fact('Cluster', clusterText(member.cluster), undefined)),
      ...fact('Confidence', fractionText(member.confidence), undefined),
      ...fact('Cost', formatUsd(member.costUsd), undefined),
      ...fact('Time', durationText(member.totalMs), undefined),
    ]),
    member.error === undefined ? null : el('p', { className: 'column-error', attrs: { 'data-role': 'error' }, text: member.error }),
    member.answer === undefined ? null : answer,
    member.normalised === undefined ? null : el('details', { className: 'vote-normalised' }, [
      el('summary', { text: 'Compared as' }),
      el('pre', {}, [el('code', { text: member.normalised })]),
    ]),
  ]);
}

function fact(label: string, value: string, id: string | undefined): HTMLElement[] {
  return [el('dt', { text: label }), el('dd', { attrs: id === undefined ? {} : { id }, text: value })];
}
