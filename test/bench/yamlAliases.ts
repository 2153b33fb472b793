/**
 * `npm run bench yaml-aliases`: alias-heavy YAML on the library path (the
 * `yaml` package, then our conversion), where each alias used to cost a walk
 * of the whole document (`Alias.resolve`), and the whole validation of such
 * a file through the language service.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isAlias, parseDocument, visit, type Alias } from 'yaml';
import { parseYamlWithLibrary } from '../../server/src/service/parse/yaml';
import { aliasHeavyOpenApiYaml } from '../helpers/bigSpec';
import { service } from '../helpers/service';

function timeMs(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Milliseconds per size: the `yaml` package alone, its parse plus our conversion, and a whole validation. */
export async function benchYamlAliases(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  const ls = service();
  // Warm up the parsers and the rules once, so that the first size does not pay for the JIT.
  ls.doValidation(ls.prepare(TextDocument.create('file:///warm.yaml', 'yaml', 1, aliasHeavyOpenApiYaml(20_000))));
  for (const kb of [150, 1000]) {
    const text = aliasHeavyOpenApiYaml(kb * 1000);
    const aliases = (text.match(/\*s\d+/g) ?? []).length;
    result[`${kb}KB.aliases`] = aliases;
    let doc = parseDocument(text, { merge: true });
    result[`${kb}KB.yaml-parseDocument.ms`] = Math.round(timeMs(() => { doc = parseDocument(text, { merge: true }); }));
    // What one `Alias.resolve(doc)` costs (it walks the document), times the aliases: the old conversion.
    const sample: Alias[] = [];
    visit(doc, { Alias: (_k, a) => { if (sample.length < 50 && isAlias(a)) sample.push(a); } });
    const per = timeMs(() => { for (const a of sample) a.resolve(doc); }) / Math.max(1, sample.length);
    result[`${kb}KB.old-resolve-all-aliases.estimated.ms`] = Math.round(per * aliases);
    result[`${kb}KB.parseYamlWithLibrary.ms`] = Math.round(timeMs(() => parseYamlWithLibrary(text)));
    result[`${kb}KB.validation.ms`] = Math.round(timeMs(() => ls.doValidation(ls.prepare(TextDocument.create(`file:///aliases-${kb}.yaml`, 'yaml', 1, text)))));
  }
  return result;
}

if (require.main === module) {
  benchYamlAliases().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
