/**
 * The path segments of a file a suite attaches (`files`, `images`), relative to the workspace folder, or why it
 * is refused: a suite comes from a repository, and must not send files from elsewhere on the machine (`..`,
 * absolute paths, drive letters, UNC paths). Pure.
 */
export function suitePathSegments(relative: string): { readonly segments: readonly string[] } | { readonly problem: string } {
  const normalised = relative.replace(/\\/gu, '/');
  const parts = normalised.split('/');
  if (normalised.startsWith('/') || /^[a-zA-Z]:/u.test(normalised) || parts.includes('..') || normalised.includes('\u0000')) {
    return { problem: `${relative}: a suite may only attach files inside the workspace folder` };
  }
  const segments = parts.filter((p) => p !== '' && p !== '.');
  return segments.length === 0 ? { problem: `${relative}: names no file` } : { segments };
}
