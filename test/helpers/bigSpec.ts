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

/**
 * A generated OpenAPI document in YAML of at least `chars` characters that
 * only the library path reads (it starts with a `%YAML` directive) and uses
 * an alias in every response: 50 anchored schemas, each path's responses
 * naming two of them.
 */
export function aliasHeavyOpenApiYaml(chars: number): string {
  const parts = ["%YAML 1.2\n---\nopenapi: 3.0.3\ninfo: {title: aliases, version: '1'}\ncomponents:\n  schemas:\n"];
  for (let i = 0; i < 50; i++) parts.push(`    S${i}: &s${i}\n      type: object\n      properties: {id: {type: string}, n${i}: {type: integer}}\n`);
  parts.push('paths:\n');
  let n = parts.reduce((a, s) => a + s.length, 0);
  for (let i = 0; n < chars; i++) {
    const s = `  /p${i}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: *s${i % 50}\n` +
      `        '400': {description: bad, content: {application/json: {schema: *s${(i + 1) % 50}}}}\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

/**
 * A route-handler file of at least `chars` characters: the Express fixture
 * (test/fixtures/code/express.js) repeated with its routes renamed, so that
 * every copy has status sites and route declarations to analyse.
 */
export function bigHandlerFile(fixtureText: string, chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const s = `${fixtureText.replace(/\/items/g, `/items${i}`)}\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}
