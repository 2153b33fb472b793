/** Help texts for `stylebook --help` and `stylebook <command> --help`, kept as data. */
export const HELP: Record<string, string> = {
  main: `stylebook — API design guidance from the public style guides, in terminals and CI

Usage:
  stylebook lint <files|folders|globs...>   check OpenAPI documents and route-handler files
  stylebook routes [files|folders|globs...] list the routes found in code, their spec operations and statuses
  stylebook topic <code|id|words>           print a topic card (e.g. 429, DELETE, pagination)
  stylebook search <words>                  list matching topics, best first
  stylebook catalog check [folder]          validate a custom catalog folder of topic pages
  stylebook lsp [--stdio]                   start the language server (for Neovim, Helix, Zed, Emacs, JetBrains…)

Options:
  -h, --help       show help (also: stylebook <command> --help)
  -v, --version    print the version
  --color, --no-color   force colours on or off (NO_COLOR and FORCE_COLOR are honoured)
  -c, --config <file>   use this .stylebook.yaml instead of the nearest one from the current folder upward
  --allow-outside-catalog <folder>
                        let .stylebook.yaml's catalog paths read this folder outside its own
                        folder (repeatable; otherwise such paths are refused)

Exit codes: 0 clean, 1 problems at or above the threshold, 2 usage or I/O errors
or nothing to check (see stylebook lint --help).
`,
  lint: `Usage: stylebook lint [options] <files|folders|globs...>

Checks OpenAPI documents (YAML or JSON with a root "openapi" or "swagger" key,
quoted or not; UTF-8, or UTF-16/UTF-32 with a byte order mark) and route-handler
files with the same rules as the editor. Folders are walked honouring
.gitignore (node_modules and .git are always skipped); other files found there
are skipped and counted, as are test, generated and vendored code (set
code.includeTests in .stylebook.yaml to check tests). Quote globs so that
the shell does not expand them:
  stylebook lint 'specs/**/*.yaml'

Options:
  -f, --format <name>     stylish (default), json, sarif or github
  -o, --output <file>     write the report to a file instead of stdout
  --fail-on <level>       error (default), warning or info: the lowest severity that fails the run
  --max-warnings <n>      also fail when there are more than n warnings
  -c, --config <file>     settings file (default: nearest .stylebook.yaml from the current folder up)
  -j, --jobs <n>          worker threads (default: one for small runs or two cores, more for many
                          files; at most the number of cores, a larger n is capped with a note)
  --max-problems-per-file <n>
                          show at most n problems per file, then one "N more problems not shown"
                          line (default 1000; 0 shows all); exit codes count every problem
  --allow-outside-catalog <folder>
                          let .stylebook.yaml's catalog paths read this folder outside its own
                          folder (repeatable)
  --no-error-on-unmatched-pattern
                          a glob matching no file, or a run with nothing to check, exits 0
  --ignore-unknown        take files named like files found in a folder: those that are neither
                          OpenAPI documents nor route-handler code are skipped, and a run left
                          with nothing to check exits 0 (for pre-commit hooks)
  --ignore-pattern <pat>  leave out files matching this gitignore-style pattern (repeatable;
                          .stylebook.yaml's ignore: list applies too)
  --color, --no-color     force colours on or off

Exit codes:
  0  no problem at or above --fail-on, and no more warnings than --max-warnings
  1  problems at or above the threshold (malformed documents count as errors)
  2  usage errors; files that could not be read (missing, unreadable, binary,
     not valid text); a file named explicitly that is neither an OpenAPI
     document nor route-handler code; nothing to check at all (a glob matching
     no file, a folder without API files), unless --no-error-on-unmatched-pattern;
     a report that cannot be written (a full disk)
`,
  routes: `Usage: stylebook routes [options] [files|folders|globs...]

Lists the routes found in route-handler code (the current folder when none
is given), one a line: where the route is declared, its method and path as
served (with the prefixes that are static in its file), the OpenAPI
operation it matches among the specs found (file and JSON pointer), and the
statuses its handler answers. "no operation" means no spec of the set has
it; "ambiguous" that several could be it; "prefix unknown" that the route's
router is mounted elsewhere and its path is too short to tell. A "?" after
the statuses means the handler may answer others (it calls code we do not
follow). Files are found as lint finds them (.gitignore, ignore patterns).
Options:
  --ignore-pattern <pat>  leave out matching files (repeatable)
  -c, --config <file>     settings file (default: nearest .stylebook.yaml)
Exit codes: 0 listed (even when empty), 2 usage or I/O errors.
`,
  topic: `Usage: stylebook topic <code|id|words>

Prints the card for a topic: a status code (404), a status class (4xx), a
method (DELETE), a topic id (api-pagination) or words (the best match).
Links are clickable (OSC 8) in terminals that support them; elsewhere the URL is printed.
Exit codes: 0 found, 1 nothing matches, 2 usage error.
`,
  search: `Usage: stylebook search [--limit n] <words>

Lists the topics matching the words, best first, one per line: id, name, category, number of guides.
Options:
  -n, --limit <n>   at most n topics (default 10)
Exit codes: 0 found, 1 nothing matches, 2 usage error.
`,
  lsp: `Usage: stylebook lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

Starts the Stylebook language server, the one the VS Code extension runs, for
any editor that speaks the Language Server Protocol. It talks over stdin and
stdout unless another transport is given. Settings come from the editor
(workspace/configuration, the "stylebook" section of didChangeConfiguration,
or initializationOptions.stylebook) and from .stylebook.yaml at the workspace
root. See docs/editors.md for Neovim, Helix, Zed, Emacs and JetBrains set-ups.
`,
  'catalog-check': `Usage: stylebook catalog check [folder]

Validates a folder of topic pages (*.md with front matter), guideline files
and positions files (*.yaml) as the editor and the CLI would load them,
printing file:line:column: severity: message for every problem. Without a folder, checks the catalog folders listed in
.stylebook.yaml, or the shipped catalog when none is listed; one of them
outside the folder of .stylebook.yaml is read only with
--allow-outside-catalog <folder>.
Exit codes: 0 no errors, 1 errors found, 2 the folder cannot be read.
`,
};

/**
 * The help text of a command, or undefined. An own-property check, because
 * words such as `constructor` or `__proto__` are properties of every object.
 */
export function helpFor(command: string): string | undefined {
  const key = command === 'catalog' ? 'catalog-check' : command;
  return Object.prototype.hasOwnProperty.call(HELP, key) ? HELP[key] : undefined;
}

/** A one-line pointer to the relevant help after a usage error. */
export function usageHint(argv: readonly string[]): string {
  const cmd = argv.find((a) => !a.startsWith('-'));
  return cmd && helpFor(cmd) !== undefined ? `Run "stylebook ${cmd} --help" for usage.` : 'Run "stylebook --help" for usage.';
}
