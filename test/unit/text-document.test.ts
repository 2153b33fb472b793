import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FastTextDocument } from '../../server/src/service/textDocument';

/** A tiny deterministic random generator, so failures reproduce. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const PIECES = ['a', 'bc', '\n', '\r\n', '\r', '  key: value\n', 'é', '😀', ''];

test('FastTextDocument agrees with the reference implementation under random incremental edits', () => {
  const rand = rng(42);
  for (let round = 0; round < 40; round++) {
    let initial = '';
    for (let i = 0; i < 30; i++) initial += PIECES[Math.floor(rand() * PIECES.length)];
    const ref = TextDocument.create('file:///x', 'yaml', 1, initial);
    const fast = FastTextDocument.create('file:///x', 'yaml', 1, initial);
    for (let step = 0; step < 30; step++) {
      const len = ref.getText().length;
      const a = Math.floor(rand() * (len + 1));
      const b = Math.min(len, a + Math.floor(rand() * 5));
      const range = { start: ref.positionAt(a), end: ref.positionAt(b) };
      let text = '';
      for (let i = Math.floor(rand() * 3); i > 0; i--) text += PIECES[Math.floor(rand() * PIECES.length)];
      TextDocument.update(ref, [{ range, text }], step + 2);
      FastTextDocument.update(fast, [{ range, text }], step + 2);
      assert.equal(fast.getText(), ref.getText());
      assert.equal(fast.lineCount, ref.lineCount);
      assert.equal(fast.version, ref.version);
      const full = ref.getText();
      for (let o = 0; o <= full.length; o++) assert.deepEqual(fast.positionAt(o), ref.positionAt(o), `positionAt(${o}) of ${JSON.stringify(full)}`);
      for (let line = 0; line <= ref.lineCount; line++) {
        for (const character of [0, 1, 3, 100]) {
          assert.equal(fast.offsetAt({ line, character }), ref.offsetAt({ line, character }), `offsetAt(${line}:${character}) of ${JSON.stringify(full)}`);
        }
      }
    }
  }
});

test('a reversed range (end before start) edits the same span as the ordered one, as in the reference implementation', () => {
  const rand = rng(7);
  for (let round = 0; round < 200; round++) {
    let initial = '';
    for (let i = 0; i < 20; i++) initial += PIECES[Math.floor(rand() * PIECES.length)];
    const ref = TextDocument.create('file:///x', 'yaml', 1, initial);
    const fast = FastTextDocument.create('file:///x', 'yaml', 1, initial);
    const full = ref.getText();
    const a = Math.floor(rand() * (full.length + 1));
    const b = Math.min(full.length, a + 1 + Math.floor(rand() * 6));
    const reversed = { start: ref.positionAt(b), end: ref.positionAt(a) };
    const text = PIECES[Math.floor(rand() * PIECES.length)];
    const ordered = FastTextDocument.create('file:///x', 'yaml', 1, initial);
    TextDocument.update(ref, [{ range: reversed, text }], 2);
    FastTextDocument.update(fast, [{ range: reversed, text }], 2);
    FastTextDocument.update(ordered, [{ range: { start: reversed.end, end: reversed.start }, text }], 2);
    assert.equal(fast.getText(), ordered.getText(), `reversed edit of ${JSON.stringify(full)}`);
    assert.ok(fast.getText().length <= full.length + text.length, 'nothing is duplicated');
    assert.equal(fast.getText(), ref.getText());
    assert.equal(fast.lineCount, ref.lineCount);
    for (let o = 0; o <= ref.getText().length; o++) assert.deepEqual(fast.positionAt(o), ref.positionAt(o));
  }
});

test('a full-text change replaces the document', () => {
  const d = FastTextDocument.create('file:///x', 'json', 1, 'a\nb');
  FastTextDocument.update(d, [{ text: 'x\ny\nz' }], 2);
  assert.equal(d.lineCount, 3);
  assert.deepEqual(d.positionAt(4), { line: 2, character: 0 });
  assert.equal(d.getText({ start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }), 'y');
});
