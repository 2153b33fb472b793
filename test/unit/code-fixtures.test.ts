import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../server/src/service/languageService';
import { assertCard, codeService, completionLabels, diagnosticsOf, EXPECTATIONS, FIXTURES, hoverText, offsetOf } from './code-harness';

// Every framework fixture at the service boundary: hover (cards where a
// status is set or a route declared, none on the traps), completion ranked
// by the route's method, and the exact set of diagnostics with their fixes.

let ls: LanguageService;
before(async () => { ls = await codeService(); });

for (const [file, exp] of Object.entries(EXPECTATIONS)) {
  describe(file, () => {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const doc = TextDocument.create(`file:///fixtures/${file}`, exp.languageId, 1, text);

    test('hover', () => {
      for (const [at, expected] of exp.hover) assertCard(hoverText(ls, doc, offsetOf(text, at)), expected, `${file} ${at}`);
    });

    if (exp.completion.length) {
      test('completion ranked by the route method', () => {
        for (const c of exp.completion) {
          const offset = offsetOf(text, c.at);
          const edited = TextDocument.create(doc.uri, exp.languageId, 2, text.slice(0, offset) + text.slice(offset + c.remove));
          const labels = completionLabels(ls, edited, offset);
          assert.ok(labels, `${file} ${c.at}: no completion`);
          assert.deepEqual(labels.slice(0, c.first.length), c.first, `${file} ${c.at}`);
        }
      });
    }

    test('diagnostics and quick fixes', () => {
      const diags = diagnosticsOf(ls, doc);
      const got = diags.map((d) => [doc.offsetAt(d.range.start), d.code]).sort();
      const want = exp.diagnostics.map(([at, rule]) => [offsetOf(text, at), rule]).sort();
      assert.deepEqual(got, want, `${file}: ${JSON.stringify(diags.map((d) => [d.range.start.line + 1, d.code, d.message]))}`);
      for (const [at, rule, fixText] of exp.diagnostics) {
        const d = diags.find((x) => x.code === rule && doc.offsetAt(x.range.start) === offsetOf(text, at))!;
        assert.ok(d.codeDescription?.href.startsWith('http'), `${rule} has a topic link`);
        assert.equal(d.source, 'stylebook');
        const actions = ls.doCodeActions(ls.prepare(doc), d.range, [d]);
        assert.ok(actions.length > 0, `${file} ${rule}: no quick fix`);
        const edit = actions[0].edit!.changes![doc.uri][0];
        assert.equal(edit.newText, fixText, `${file} ${rule}: first fix`);
        assert.deepEqual(edit.range, d.range);
      }
    });
  });
}
