import type { FormatName } from '../args';
import type { LintResult } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

/** What a format needs besides the results. */
export interface FormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** ANSI colours (stylish only). */
  color: boolean;
  /** The CLI's version, for machine-readable formats. */
  version: string;
}

/** Turns a lint result into the text written to stdout (or --output), in pieces (see stream.ts). */
export type Formatter = (result: LintResult, ctx: FormatContext) => Iterable<string>;

/** Every output format by name. */
export const FORMATTERS: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
