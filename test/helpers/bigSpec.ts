/**
 * A generated OpenAPI document in YAML of at least `chars` characters: one
 * path per entry, each with a GET answering `code`. For tests of large inputs.
 */
export function bigOpenApiYaml(chars: number, code = '200'): string {
  const parts = ['openapi: 3.0.0\ninfo:\n  title: big\n  version: "1"\npaths:\n'];
  let n = parts[0].length;
  for (let i = 0; n < chars; i++) {
    const s = `  /p${i}:\n    get:\n      responses:\n        '${code}':\n          description: ${'x'.repeat(200)}\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}
