import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../../src/core/types';
import {
  buildActionRequest, fenceTagFor, promptTargetFor, type ActionInput, type PromptTarget,
} from '../../../../src/core/editor/actionPrompts';
import { CODE_ACTION_IDS, type CodeActionId } from '../../../../src/core/editor/codeActionKinds';

const INPUT: ActionInput = {
  code: 'function add(a: number, b: string) {\n  return a + b;\n}',
  languageId: 'typescript',
  fileName: 'src/math.ts',
  surrounding: { before: "import { x } from './x';\n", after: '\nexport { add };' },
  diagnostics: [{ message: "Type 'string' is not assignable to type 'number'.", line: 2, severity: 'error', source: 'ts', code: 2322 }],
  instruction: 'use an arrow function.',
};

function text(message: ChatMessage | undefined): string {
  assert.ok(message !== undefined);
  assert.equal(typeof message.content, 'string');
  return message.content as string;
}

interface Shape {
  readonly target: PromptTarget;
  readonly messages: number;
  readonly xml: boolean;
}

const SHAPES: readonly Shape[] = [
  { target: { provider: 'anthropic', systemRole: true }, messages: 2, xml: true },
  { target: { provider: 'openai', systemRole: true }, messages: 2, xml: false },
  { target: { provider: 'gemini', systemRole: true }, messages: 2, xml: false },
  { target: { provider: 'compat:ollama', systemRole: false }, messages: 1, xml: false },
  { target: { provider: 'anthropic', systemRole: false }, messages: 1, xml: true },
];

// What each action's instructions must say, whatever the shape.
const ACTION_PHRASES: Readonly<Record<CodeActionId, readonly string[]>> = {
  explain: ['Explain the selected TypeScript code', 'Do not rewrite the code'],
  fix: ['the whole corrected selection', 'exactly one fenced code block tagged `ts`', 'diagnostics first'],
  refactor: ['the whole refactored selection', 'Keep its behaviour'],
  tests: ['one complete test file', 'test framework'],
  docs: ['Do not change any code', 'JSDoc'],
  compareFixes: ['the whole corrected selection'],
};

describe('buildActionRequest', () => {
  for (const action of CODE_ACTION_IDS) {
    for (const shape of SHAPES) {
      it(`${action} for ${shape.target.provider} (system role: ${String(shape.target.systemRole)})`, () => {
        const request = buildActionRequest(action, INPUT, shape.target);
        assert.equal(request.messages.length, shape.messages);
        assert.equal(request.expectsCode, action !== 'explain');
        const last = request.messages[request.messages.length - 1];
        assert.equal(last?.role, 'user');
        const user = text(last);
        const instructions = shape.messages === 2 ? text(request.messages[0]) : user;
        if (shape.messages === 2) assert.equal(request.messages[0]?.role, 'system');
        for (const phrase of ACTION_PHRASES[action]) assert.ok(instructions.includes(phrase), `missing "${phrase}"`);
        if (shape.messages === 1) assert.ok(user.startsWith(shape.xml ? '<instructions>\n' : '## Instructions\n'));

        if (shape.xml) {
          assert.ok(user.includes(`<code language="typescript">\n${INPUT.code}\n</code>`));
          assert.ok(user.includes('<diagnostics note="line numbers are relative to <code>, its first line is 1">'));
          assert.ok(user.includes("<context_before>\nimport { x } from './x';\n</context_before>"));
          assert.ok(user.includes('<file path="src/math.ts" language="typescript"/>'));
          assert.ok(!user.includes('## '));
        } else {
          assert.ok(user.includes(`## Selected code\n\`\`\`ts\n${INPUT.code}\n\`\`\``));
          assert.ok(user.includes('## Diagnostics (line numbers relative to the selection'));
          assert.ok(user.includes('## Code before the selection (context only, do not return it)'));
          assert.ok(!user.includes('<code'));
        }
        assert.ok(user.includes("line 2, error, ts(2322): Type 'string' is not assignable to type 'number'."));
      });
    }
  }

  it('closes the refactor request with the user\'s instruction (one full stop)', () => {
    const user = text(buildActionRequest('refactor', INPUT, { provider: 'openai', systemRole: true }).messages[1]);
    assert.ok(user.endsWith('Refactor the selected code: use an arrow function.'));
    const xml = text(buildActionRequest('refactor', INPUT, { provider: 'anthropic', systemRole: true }).messages[1]);
    assert.ok(xml.endsWith('Refactor the code in <code>: use an arrow function.'));
  });

  it('asks for a fix of the diagnostics when there are some, of bugs otherwise', () => {
    const target: PromptTarget = { provider: 'openai', systemRole: true };
    assert.ok(text(buildActionRequest('fix', INPUT, target).messages[1]).endsWith('so the diagnostics above go away.'));
    const plain = text(buildActionRequest('fix', { code: 'x', languageId: 'python' }, target).messages[1]);
    assert.equal(plain, '## Selected code\n```python\nx\n```\n\nFix the bugs in the selected code.');
  });

  it('uses a longer fence when the code contains one, and fences XML sections holding their closing tag', () => {
    const md = { code: 'const s = `\n```\n`;', languageId: 'javascript' };
    assert.ok(text(buildActionRequest('fix', md, { provider: 'openai', systemRole: true }).messages[1]).includes('````js\n'));
    const html = { code: '<p><code>x</code></p>', languageId: 'html' };
    const user = text(buildActionRequest('explain', html, { provider: 'anthropic', systemRole: true }).messages[1]);
    assert.ok(user.includes('<code language="html">\n```html\n<p><code>x</code></p>\n```\n</code>'));
  });

  it('places diagnostics outside the selection as "next to the selection" and keeps multi-line messages one item', () => {
    const input: ActionInput = {
      code: 'a\nb', languageId: 'typescript',
      diagnostics: [{ message: 'first\nsecond', line: 7, severity: 'warning', source: 'eslint' }],
    };
    const user = text(buildActionRequest('fix', input, { provider: 'openai', systemRole: true }).messages[1]);
    assert.ok(user.includes('- next to the selection, warning, eslint: first\n  second'));
  });

  it('sizes the output budget from the selection and the action', () => {
    const target: PromptTarget = { provider: 'openai', systemRole: true };
    const small = { code: 'x', languageId: 'typescript' };
    const big = { code: 'x'.repeat(30_000), languageId: 'typescript' };
    assert.equal(buildActionRequest('fix', small, target).maxOutputTokens, 1_024);
    assert.equal(buildActionRequest('explain', small, target).maxOutputTokens, 768);
    assert.equal(buildActionRequest('tests', small, target).maxOutputTokens, 2_048);
    assert.equal(buildActionRequest('fix', big, target).maxOutputTokens, 15_512);
    assert.equal(buildActionRequest('tests', big, target).maxOutputTokens, 8_192);
    assert.equal(buildActionRequest('explain', big, target).maxOutputTokens, 2_048);
  });
});

describe('promptTargetFor', () => {
  const rows: readonly [string, string, boolean][] = [
    ['anthropic', 'claude-sonnet-4-5', true],
    ['openai', 'gpt-5-mini', true],
    ['openai', 'o1-mini', false],
    ['openai', 'o1-preview-2024-09-12', false],
    ['openai', 'o1', true],
    ['gemini', 'gemini-2.5-flash', true],
    ['compat:ollama', 'llama3.1', true],
    ['vscodeLm', 'copilot-gpt-4o', false],
  ];
  for (const [provider, model, systemRole] of rows) {
    it(`${provider}/${model} → system role ${String(systemRole)}`, () => {
      assert.deepEqual(promptTargetFor({ provider, model }), { provider, systemRole });
    });
  }
});

describe('fenceTagFor', () => {
  it('uses the short tags models write, and the id itself otherwise', () => {
    assert.equal(fenceTagFor('typescript'), 'ts');
    assert.equal(fenceTagFor('shellscript'), 'bash');
    assert.equal(fenceTagFor('rust'), 'rust');
  });
});
