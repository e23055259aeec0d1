import assert from 'node:assert/strict';
import { suitePathSegments } from '../../../../src/core/evals/suitePath';

describe('suitePathSegments', () => {
  it('keeps a path inside the workspace folder', () => {
    assert.deepEqual(suitePathSegments('src/invoice.ts'), { segments: ['src', 'invoice.ts'] });
    assert.deepEqual(suitePathSegments('./docs\\a.png'), { segments: ['docs', 'a.png'] });
  });
  for (const path of ['../secrets.txt', 'src/../../etc/passwd', '/etc/passwd', 'C:\\Users\\me\\.ssh\\id_rsa', '\\\\server\\share\\x', '.', 'a\u0000b']) {
    it(`refuses ${JSON.stringify(path)}`, () => assert.ok('problem' in suitePathSegments(path)));
  }
});
