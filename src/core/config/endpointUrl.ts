/** Query parameters that carry a credential; a base URL may not hold one (the key belongs in secret storage). */
const CREDENTIAL_PARAMS = /^(?:api[-_]?key|key|token|access[-_]?token|auth|authorization|password|secret|sig|signature)$/i;

/**
 * Why `text` may not be a base URL because it carries a credential (`user:key@host`, `?api_key=…`), or `undefined`.
 * Such a URL would put the key in logs, in Show Providers and in every error, and fail with a misleading message.
 */
export function urlCredentialProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const fix = "remove it and run 'Quorum: Set API Key' to store the key in secret storage instead";
  if (url.username !== '' || url.password !== '') return `must not contain a user name or password (user:key@host): ${fix}`;
  for (const name of url.searchParams.keys()) {
    if (CREDENTIAL_PARAMS.test(name)) return `must not contain a credential in its query (?${name}=…): ${fix}`;
  }
  return undefined;
}

/** The URL with any user, password and credential-like query value hidden: the only form ever shown. */
export function safeUrlText(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    for (const name of [...url.searchParams.keys()]) if (CREDENTIAL_PARAMS.test(name)) url.searchParams.set(name, 'redacted');
    return url.toString().replace(/\/$/, '');
  } catch {
    return text.replace(/\/\/[^/@\s]*@/, '//');
  }
}

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

/**
 * True when the URL's host is this machine or a private network, read from the URL itself (no DNS): loopback,
 * `localhost`, 10/8, 172.16/12, 192.168/16, 169.254/16, IPv6 loopback, unique-local (fc00::/7) and link-local (fe80::/10).
 */
export function isPrivateNetworkUrl(text: string): boolean {
  let host: string;
  try {
    host = new URL(text).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = ipv4(host);
  if (v4 !== undefined) {
    const [a = -1, b = -1] = v4;
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (!host.startsWith('[')) return false;
  const v6 = host.slice(1, -1);
  return v6 === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
}
