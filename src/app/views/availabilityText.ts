import type { Unavailable, UnavailableReason, UnavailableTarget } from '../../core/resilience/availability';
import type { AvailabilityNote } from '../../shared/providersProtocol';

// How the availability read model is shown to people: the Providers view rows and the meter tooltip say the
// same words for the same verdict.

const STATE: Readonly<Record<UnavailableReason, string>> = {
  suspended: 'suspended',
  failingChecks: 'failing health checks',
  breakerOpen: 'cooling down',
  probeBusy: 'testing recovery',
};

/** "cooling down until 14:05 — 3 failures in a row (last: timeout)", "suspended until 14:35 — API key rejected". */
export function unavailableText(availability: Unavailable, now: number): string {
  const until = availability.until === undefined ? '' : ` until ${clockTime(availability.until, now)}`;
  return `${STATE[availability.reason]}${until} — ${availability.detail}`;
}

/** Local wall-clock time: "14:05" today, "2025-01-02 14:05" on another day. */
export function clockTime(ms: number, now: number): string {
  const at = new Date(ms);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return sameDay(at, new Date(now)) ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

/** "openai/gpt-x", or "openai (all models)" for a provider-wide verdict. */
export function targetName(target: Pick<UnavailableTarget, 'provider' | 'model'>): string {
  return target.model === undefined ? `${target.provider} (all models)` : `${target.provider}/${target.model}`;
}

/** The notes of one provider's row in the Providers view (empty: everything of it is available). */
export function availabilityNotes(providerId: string, targets: readonly UnavailableTarget[], now: number): AvailabilityNote[] {
  return targets.filter((target) => target.provider === providerId).map((target) => ({
    ...(target.model === undefined ? {} : { model: target.model }),
    reason: target.availability.reason,
    text: unavailableText(target.availability, now),
    ...(target.availability.until === undefined ? {} : { until: target.availability.until }),
  }));
}

/** The meter tooltip's availability lines: "All models available." or one line per unavailable target. */
export function availabilityLines(targets: readonly UnavailableTarget[], now: number): string[] {
  if (targets.length === 0) return ['All models available.'];
  return ['Not available now:', ...targets.map((target) => `${targetName(target)}: ${unavailableText(target.availability, now)}`)];
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
