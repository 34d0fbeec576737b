import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../../server/src/core/index.js';
import { MAX_TAB_SIZE } from '../../../server/src/core/features/formatting.js';

const service = createLanguageService();

test('formatting clamps the tab size a client asks for', () => {
  const text = 'frontend fe\nbind :80\nvrrp_instance VI_1 {\nstate MASTER\n}\n';
  for (const language of ['haproxy', 'keepalived'] as const) {
    const document = service.parse(language, `f.${language}`, text);
    for (const tabSize of [3_000_000, Number.POSITIVE_INFINITY, Number.NaN, -2, 0.5]) {
      const edits = service.format(document, { tabSize, insertSpaces: true });
      const size = edits.reduce((total, edit) => total + edit.newText.length, 0);
      assert.ok(size <= text.length * (MAX_TAB_SIZE + 1), `${language} ${tabSize}: ${size}`);
    }
    const wide = service.format(document, { tabSize: 3_000_000, insertSpaces: true });
    const clamped = service.format(document, { tabSize: MAX_TAB_SIZE, insertSpaces: true });
    assert.deepEqual(wide, clamped);
  }
});
