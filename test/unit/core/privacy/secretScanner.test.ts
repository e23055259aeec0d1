import assert from 'node:assert/strict';
import { describeFinding, redactSecrets, scanSecrets, secretMarker, type SecretKind } from '../../../../src/core/privacy/secretScanner';

// Fakes built at run time, so this file holds no string a scanner of the repository would flag.
const repeat = (text: string, times: number) => text.repeat(times);
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA7fakefakefake', 'c2VjcmV0c2VjcmV0', '-----END RSA PRIVATE KEY-----'].join('\n');
const AWS = `AKIA${repeat('Q', 12)}7EXA`;
const GCP = `AIza${repeat('Sy', 17)}Z`;
const AZURE = `DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${repeat('aB3+', 21)}ab==;EndpointSuffix=core.windows.net`;
const TOKENS: readonly (readonly [string, string])[] = [
  [`sk-ant-api03-${repeat('x1Y2', 10)}`, 'Anthropic'],
  [`sk-proj-${repeat('Ab9_', 8)}`, 'OpenAI'],
  [`sk-${repeat('q7R', 12)}`, 'OpenAI'],
  [`ghp_${repeat('a1B2', 9)}`, 'GitHub'],
  [`gho_${repeat('c3D4', 9)}`, 'GitHub'],
  [`xoxb-1234567890-${repeat('zZ', 8)}`, 'Slack'],
  [`gsk_${repeat('Gq8', 10)}`, 'Groq'],
  [`xai-${repeat('Xa1', 10)}`, 'xAI'],
  [`hf_${repeat('h9F', 11)}`, 'Hugging Face'],
];

interface Case {
  readonly name: string;
  readonly text: string;
  /** The kinds found, in order; empty for a false-positive probe. */
  readonly kinds: readonly SecretKind[];
}

const CASES: readonly Case[] = [
  { name: 'a PEM private key block', text: `key:\n${PEM}\nend`, kinds: ['private key'] },
  { name: 'an OpenSSH private key cut off before its END line', text: `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk`, kinds: ['private key'] },
  { name: 'a private key inside a GCP service-account JSON', text: `{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}`, kinds: ['private key'] },
  { name: 'a public key is not a secret', text: '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----', kinds: [] },
  { name: 'an AWS access key id', text: `aws configure set ${AWS}`, kinds: ['AWS access key'] },
  { name: 'an AWS-like word inside a longer id', text: `ID_${AWS}XYZ`, kinds: [] },
  { name: 'a GCP API key', text: `const url = "https://x.googleapis.com/?key=${GCP}";`, kinds: ['GCP API key'] },
  { name: 'an Azure storage connection string', text: AZURE, kinds: ['Azure storage key'] },
  { name: 'an .env password assignment', text: 'DB_HOST=localhost\nDB_PASSWORD=hunter22\n', kinds: ['secret assignment'] },
  { name: 'an exported quoted secret', text: 'export CLIENT_SECRET="s3cr3t-value"', kinds: ['secret assignment'] },
  { name: 'a JSON secret with a random-looking value', text: '{ "apiKey": "a8f9b7c6d5e4" }', kinds: ['secret assignment'] },
  { name: 'a key in an .env line is reported once, as the token', text: `OPENAI_API_KEY=${TOKENS[1]?.[0] ?? ''}`, kinds: ['API token'] },
  { name: 'a typed field is code, not a secret', text: 'interface A { token: string; password: PasswordType }', kinds: [] },
  { name: 'a call is code, not a secret', text: 'const password = readPassword(); API_KEY=process.env.API_KEY', kinds: [] },
  { name: 'a placeholder is not a secret', text: 'API_KEY=<your-key-here>\nSECRET=changeme\nTOKEN=${TOKEN}', kinds: [] },
  { name: 'a name that is not about secrets', text: 'DATABASE_URL=postgres://localhost/db\nLOG_LEVEL=verbose', kinds: [] },
  { name: 'prose mentioning tokens', text: 'The sk- prefix marks an OpenAI key; ghp_ marks GitHub tokens; desk-lamp-holder.', kinds: [] },
  { name: 'a long slug that starts like an OpenAI key', text: 'see sk-learn-model-selection-pipeline docs', kinds: [] },
  { name: 'a task id that merely starts like a key', text: 'task-1234567890abcdefghij', kinds: [] },
  ...TOKENS.map(([token, vendor]) => ({ name: `a ${vendor} token (${token.slice(0, 4)}…)`, text: `use ${token} here`, kinds: ['API token'] as const })),
];

describe('secretScanner', () => {
  for (const c of CASES) {
    it(`${c.kinds.length === 0 ? 'ignores' : 'finds'} ${c.name}`, () => {
      assert.deepEqual(scanSecrets(c.text).map((f) => f.kind), c.kinds);
    });
  }

  it('names the vendor of a token and the variable of an assignment', () => {
    for (const [token, vendor] of TOKENS) assert.equal(describeFinding(scanSecrets(token)[0]!), `${vendor} API token`, token);
    assert.equal(describeFinding(scanSecrets('DB_PASSWORD=hunter22')[0]!), 'secret assignment DB_PASSWORD');
  });

  it('reports the line of each finding', () => {
    const findings = scanSecrets(`first\nsecond ${AWS}\nthird\n${PEM}`);
    assert.deepEqual(findings.map((f) => f.line), [2, 4]);
  });

  it('redacts every finding with its marker and keeps the rest of the text', () => {
    const text = `DB_PASSWORD=hunter22\nkey ${GCP} and\n${PEM}\nbye`;
    const redacted = redactSecrets(text, scanSecrets(text));
    assert.equal(redacted, `DB_PASSWORD=${secretMarker('secret assignment')}\nkey ${secretMarker('GCP API key')} and\n${secretMarker('private key')}\nbye`);
    assert.deepEqual(scanSecrets(redacted), []);
  });

  it('keeps the Azure account name and redacts only the key', () => {
    const redacted = redactSecrets(AZURE, scanSecrets(AZURE));
    assert.ok(redacted.includes('AccountName=demo;AccountKey=[REDACTED Azure storage key];EndpointSuffix'), redacted);
  });

  it('scans a large adversarial input in linear time', () => {
    const started = Date.now();
    scanSecrets(`${repeat('a_secret_token', 20_000)}=${repeat('x', 50_000)} ${repeat('-----BEGIN PRIVATE KEY-----', 2_000)}`);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });
});
