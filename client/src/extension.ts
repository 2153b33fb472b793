import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { TrustGrantedNotification } from '../../server/src/protocol';
import { registerTopicCommands } from './commands/index';

let client: LanguageClient | undefined;

/** Commands a hover card may link to; nothing else in a card is trusted. */
const TRUSTED_COMMANDS = ['stylebook.showTopic'];

/** A copy of server Markdown in which only our own topic command may run. */
function trustOurCommand<T>(content: T): T | vscode.MarkdownString {
  if (!(content instanceof vscode.MarkdownString)) return content;
  const md = new vscode.MarkdownString(content.value, content.supportThemeIcons);
  md.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
  return md;
}

/** Starts the bundled language server for YAML, JSON and route-handler code. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('API Stylebook Lens', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' }, { scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'yaml' }, { scheme: 'untitled', language: 'json' },
      // Route-handler code (the server's CODE_LANGUAGES).
      ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'java', 'kotlin', 'go', 'csharp', 'ruby', 'php']
        .flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    ],
    outputChannel: output,
    // The server reads catalog folders named by the workspace only when the user trusts it.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, commandLinks: true },
    middleware: {
      // Cards come from the server as plain Markdown; allow only our own topic command to run from them.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        return new vscode.Hover(hover.contents.map(trustOurCommand), hover.range);
      },
      // A resolved completion item carries the same card, with the same single trusted link.
      resolveCompletionItem: async (item, token, next) => {
        const resolved = await next(item, token);
        if (resolved?.documentation instanceof vscode.MarkdownString) resolved.documentation = trustOurCommand(resolved.documentation);
        return resolved;
      },
    },
  };
  client = new LanguageClient('stylebook', 'API Stylebook Lens', serverOptions, clientOptions);
  // Registered before the server starts so that the commands exist as soon as the extension is active.
  registerTopicCommands(context, client, output);
  context.subscriptions.push(output);
  await client.start();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TrustGrantedNotification)));
  output.info('API Stylebook Lens language server started.');
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
