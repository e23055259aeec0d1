/** SecretStorage key under which a provider's API key lives (DESIGN.md §5: `quorum.apiKey.<provider>`). */
export function apiKeySecretName(providerId: string): string {
  return `quorum.apiKey.${providerId}`;
}

/** The provider id a secret name belongs to, or undefined for other secrets. */
export function providerIdOfSecret(secretName: string): string | undefined {
  const prefix = 'quorum.apiKey.';
  return secretName.startsWith(prefix) ? secretName.slice(prefix.length) : undefined;
}

/** Why a pasted key cannot be right, or undefined when it looks usable. */
export function validateApiKeyInput(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'Enter the API key, or press Escape to cancel.';
  if (/\s/.test(trimmed)) return 'An API key has no spaces or line breaks: check what was pasted.';
  if (trimmed.length < 8) return 'That is too short to be an API key.';
  return undefined;
}
