/** Longest provider-supplied text shown to a user (an error message, a reason), in characters. */
export const MAX_PROVIDER_TEXT_CHARS = 600;

const LINK = /\b(?:https?|ftp|wss?):\/\/[^\s"'<>()[\]{}]{1,2000}/gi;

/**
 * Makes text that came from a provider (or an endpoint pretending to be one) fit to show: keys redacted, links
 * to origins the user did not configure removed (an endpoint must not plant its own link in Quorum's UI), and
 * bounded to `maxChars`, visibly.
 */
export function cleanProviderText(
  text: string,
  redact: (text: string) => string,
  configuredOrigins: readonly string[],
  maxChars = MAX_PROVIDER_TEXT_CHARS,
): string {
  const unlinked = redact(text).replace(LINK, (link) => (configuredOrigins.includes(originOf(link)) ? link : '[link removed]'));
  return unlinked.length <= maxChars ? unlinked : `${unlinked.slice(0, maxChars - 1)}…`;
}

function originOf(link: string): string {
  try {
    return new URL(link).origin;
  } catch {
    return '';
  }
}
