/**
 * What the route-handler features need to know about each language's syntax
 * tree: which node types are number literals, calls, argument lists, keyed
 * arguments, constant expressions and functions. This is data read by one
 * generic classifier (sites.ts); supporting another grammar means adding an
 * entry here, not a branch there.
 */

/** Where a grammar's .wasm file comes from (the entry point copies these into dist/grammars/). */
export interface GrammarSource {
  /** The npm package that ships the file. */
  package: string;
  /** The file's path inside the package. */
  file: string;
}

/** The syntax facts of one grammar. */
export interface Dialect {
  /** The name the framework tables use for this language family. */
  id: DialectId;
  grammar: GrammarSource;
  /** Integer literal node types. */
  numbers: readonly string[];
  /** Node types of a qualified name that may be a status constant (`HttpStatus.NOT_FOUND`, `:not_found`). */
  constants: readonly string[];
  /** Node types of call-like nodes (calls, `new`, annotations, attributes, decorators' calls). */
  calls: readonly string[];
  /** Node types of argument lists (the call's callee is the text before them). */
  argLists: readonly string[];
  /** Node types that wrap a single argument (C#'s `argument`, Kotlin's `value_argument`, …). */
  argWrappers: readonly string[];
  /** Keyed-argument node types, with the fields of key and value (`status_code=`, `status:`, `{ status: … }`). */
  keyed: Readonly<Record<string, { key: string; value?: string }>>;
  /** Object or hash literal node types whose keyed entries count as options of the call they are passed to. */
  objects: readonly string[];
  /** Assignment node types, with the fields of the target and the value. */
  assignments: Readonly<Record<string, { left: string; right: string }>>;
  /** Node types of functions and methods (for the enclosing route). */
  functions: readonly string[];
  /** Node types of decorators, annotations and attributes. */
  decorators: readonly string[];
  /** Node types that hold a function's decorators as children (Java `modifiers`, C# `attribute_list`, Python `decorated_definition`). */
  decoratorHolders: readonly string[];
  /** Node types of tuples a function may return as `(body, status)` (Python). */
  returnTuples: readonly string[];
  /** Comment node types (skipped when counting arguments). */
  comments: readonly string[];
  /** Statements that throw, where a bare class name counts as constructing it (Python's `raise PermissionDenied`). */
  raises: readonly string[];  /** Calls may omit their parentheses (Ruby's `head :ok`): a name and a blank before the cursor start its first argument. */
  bareCalls?: boolean;
}

export type DialectId = 'js' | 'python' | 'java' | 'kotlin' | 'go' | 'csharp' | 'ruby' | 'php';

const VS = '@vscode/tree-sitter-wasm';
const vs = (name: string): GrammarSource => ({ package: VS, file: `wasm/tree-sitter-${name}.wasm` });

const js = (grammar: string): Dialect => ({
  id: 'js',
  grammar: vs(grammar),
  numbers: ['number'],
  constants: ['member_expression'],
  calls: ['call_expression', 'new_expression'],
  argLists: ['arguments'],
  argWrappers: [],
  keyed: { pair: { key: 'key', value: 'value' } },
  objects: ['object'],
  assignments: { assignment_expression: { left: 'left', right: 'right' } },
  functions: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration'],
  decorators: ['decorator'],
  decoratorHolders: [],
  returnTuples: [],
  comments: ['comment'],
  raises: [],
});

/** The dialects by VS Code language id. */
export const DIALECTS: Readonly<Record<string, Dialect>> = {
  javascript: js('javascript'),
  javascriptreact: js('javascript'),
  typescript: js('typescript'),
  typescriptreact: js('tsx'),
  python: {
    id: 'python',
    grammar: vs('python'),
    numbers: ['integer'],
    constants: ['attribute'],
    calls: ['call'],
    argLists: ['argument_list'],
    argWrappers: [],
    keyed: { keyword_argument: { key: 'name', value: 'value' } },
    objects: [],
    assignments: { assignment: { left: 'left', right: 'right' } },
    functions: ['function_definition', 'lambda'],
    decorators: ['decorator'],
    decoratorHolders: ['decorated_definition'],
    returnTuples: ['expression_list', 'tuple'],
    comments: ['comment'],
    raises: ['raise_statement'],
  },
  java: {
    id: 'java',
    grammar: vs('java'),
    numbers: ['decimal_integer_literal'],
    constants: ['field_access'],
    calls: ['method_invocation', 'object_creation_expression', 'annotation', 'marker_annotation'],
    argLists: ['argument_list', 'annotation_argument_list'],
    argWrappers: [],
    keyed: { element_value_pair: { key: 'key', value: 'value' } },
    objects: [],
    assignments: { assignment_expression: { left: 'left', right: 'right' } },
    functions: ['method_declaration', 'lambda_expression', 'constructor_declaration'],
    decorators: ['annotation', 'marker_annotation'],
    decoratorHolders: ['modifiers'],
    returnTuples: [],
    comments: ['line_comment', 'block_comment'],
    raises: [],
  },
  kotlin: {
    id: 'kotlin',
    grammar: { package: '@tree-sitter-grammars/tree-sitter-kotlin', file: 'tree-sitter-kotlin.wasm' },
    numbers: ['number_literal'],
    constants: ['navigation_expression'],
    calls: ['call_expression', 'constructor_invocation', 'annotation'],
    argLists: ['value_arguments'],
    argWrappers: ['value_argument'],
    keyed: {},
    objects: [],
    assignments: { assignment: { left: 'left', right: 'right' } },
    functions: ['function_declaration', 'lambda_literal', 'anonymous_function'],
    decorators: ['annotation'],
    decoratorHolders: ['modifiers'],
    returnTuples: [],
    comments: ['line_comment', 'block_comment'],
    raises: [],
  },
  go: {
    id: 'go',
    grammar: vs('go'),
    numbers: ['int_literal'],
    constants: ['selector_expression'],
    calls: ['call_expression'],
    argLists: ['argument_list'],
    argWrappers: [],
    keyed: {},
    objects: [],
    assignments: { assignment_statement: { left: 'left', right: 'right' } },
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
    decorators: [],
    decoratorHolders: [],
    returnTuples: [],
    comments: ['comment'],
    raises: [],
  },
  csharp: {
    id: 'csharp',
    grammar: vs('c-sharp'),
    numbers: ['integer_literal'],
    constants: ['member_access_expression'],
    calls: ['invocation_expression', 'object_creation_expression', 'attribute'],
    argLists: ['argument_list', 'attribute_argument_list'],
    argWrappers: ['argument', 'attribute_argument'],
    keyed: {},
    objects: [],
    assignments: { assignment_expression: { left: 'left', right: 'right' } },
    functions: ['method_declaration', 'local_function_statement', 'lambda_expression'],
    decorators: ['attribute'],
    decoratorHolders: ['attribute_list'],
    returnTuples: [],
    comments: ['comment'],
    raises: [],
  },
  ruby: {
    id: 'ruby',
    grammar: vs('ruby'),
    numbers: ['integer'],
    constants: ['simple_symbol'],
    calls: ['call'],
    argLists: ['argument_list'],
    argWrappers: [],
    keyed: { pair: { key: 'key', value: 'value' } },
    objects: [],
    assignments: { assignment: { left: 'left', right: 'right' } },
    functions: ['method', 'singleton_method', 'block', 'do_block', 'lambda'],
    decorators: [],
    decoratorHolders: [],
    returnTuples: [],
    comments: ['comment'],
    raises: [],
    bareCalls: true,
  },
  php: {
    id: 'php',
    grammar: vs('php'),
    numbers: ['integer'],
    constants: ['class_constant_access_expression'],
    calls: ['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'object_creation_expression', 'nullsafe_member_call_expression'],
    argLists: ['arguments'],
    argWrappers: ['argument'],
    keyed: {},
    objects: [],
    assignments: { assignment_expression: { left: 'left', right: 'right' } },
    functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
    decorators: [],
    decoratorHolders: [],
    returnTuples: [],
    comments: ['comment'],
    raises: [],
  },
};

/** The dialect of a language id, or undefined for languages we do not read. */
export function dialectFor(languageId: string): Dialect | undefined {
  return DIALECTS[languageId];
}
