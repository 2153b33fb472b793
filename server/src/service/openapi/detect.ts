/** What kind of OpenAPI document a text is, found from its root key alone. */
export interface OpenApiInfo {
  format: 'yaml' | 'json';
  /** The declared version: "2.0", "3.0.3", "3.1.0", … */
  version: string;
  /** "2.0" | "3.0" | "3.1" (the major.minor family). */
  family: string;
}

const YAML_ROOT = /^(openapi|swagger)[ \t]*:[ \t]*['"]?(\d+(?:\.\d+)*)/m;
const JSON_ROOT = /"(openapi|swagger)"\s*:\s*"(\d+(?:\.\d+)*)/;

/**
 * Recognises an OpenAPI or Swagger document by its content (a root `openapi:`
 * or `swagger:` key), never by its file name. Looks at the first 64 KB first,
 * then the rest, so a large non-API file costs one regular-expression scan.
 */
export function detectOpenApi(text: string, languageId?: string): OpenApiInfo | undefined {
  const json = languageId === 'json' || languageId === 'jsonc' || (languageId === undefined && /^\s*[{[]/.test(text.slice(0, 256)));
  const re = json ? JSON_ROOT : YAML_ROOT;
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const m = re.exec(head) ?? (text.length > 65536 ? re.exec(text) : null);
  if (!m) return undefined;
  if (json && !isAtJsonDepthOne(text, m.index)) return undefined;
  const version = m[2];
  const family = m[1] === 'swagger' ? '2.0' : version.split('.').slice(0, 2).join('.');
  return { format: json ? 'json' : 'yaml', version, family };
}

/** True when the key at `offset` sits directly in the root object (cheap check on the text before it). */
function isAtJsonDepthOne(text: string, offset: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return depth === 1;
}
