import assert from 'node:assert/strict';
import {
  contentSecurityPolicy, createNonce, renderWebviewPage, WEBVIEW_ASSET_DIR, webviewAssets, type WebviewKind,
} from '../../../../src/vscode/webview/webviewPage';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('webview page', () => {
  it('builds the CSP of DESIGN.md §4: nothing by default, the nonce for scripts, the webview origin for styles, images and fonts', () => {
    assert.equal(
      contentSecurityPolicy(SOURCE, 'abc123'),
      `default-src 'none'; script-src 'nonce-abc123'; style-src ${SOURCE}; img-src ${SOURCE} data:; font-src ${SOURCE}; connect-src 'none'`,
    );
  });

  it('draws a fresh 144-bit base64 nonce each time', () => {
    const nonces = Array.from({ length: 50 }, () => createNonce());
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
    assert.equal(new Set(nonces).size, nonces.length);
  });

  const kinds: readonly WebviewKind[] = ['providers', 'answer', 'panel', 'conversation'];
  for (const kind of kinds) {
    it(`keeps the ${kind} view's bundle and the stylesheet inside the built-assets folder`, () => {
      const { script, style } = webviewAssets(kind);
      assert.deepEqual(script, [...WEBVIEW_ASSET_DIR, `${kind}.js`]);
      assert.deepEqual(style.slice(0, WEBVIEW_ASSET_DIR.length), [...WEBVIEW_ASSET_DIR]);
    });
  }

  describe('the page shell', () => {
    const page = renderWebviewPage({
      view: 'answer', title: 'Quorum: <Answer> & "more"', cspSource: SOURCE, nonce: 'n0nce+/=',
      scriptUri: `${SOURCE}/dist/webview/answer.js?v=1&x=2`, styleUri: `${SOURCE}/dist/webview/webview.css`,
    });

    it('carries the policy with the page nonce', () => {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
      assert.equal(csp?.replace(/&#39;/g, "'"), contentSecurityPolicy(SOURCE, 'n0nce+/='));
    });

    it('loads exactly one script, the view bundle, with that nonce, and no inline script', () => {
      const scripts = [...page.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
      assert.equal(scripts.length, 1);
      assert.match(scripts[0]?.[1] ?? '', /^ nonce="n0nce\+\/=" src="https:\/\/[^"]+\/dist\/webview\/answer\.js\?v=1&#38;x=2"$/);
      assert.equal(scripts[0]?.[2], '');
    });

    it('escapes the title and names the view on the body', () => {
      assert.match(page, /<title>Quorum: &#60;Answer&#62; &#38; &#34;more&#34;<\/title>/);
      assert.match(page, /<body data-view="answer">/);
      assert.match(page, /<link rel="stylesheet" href="https:\/\/[^"]+\/dist\/webview\/webview\.css">/);
    });
  });
});
