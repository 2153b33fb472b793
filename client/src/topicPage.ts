import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TopicPageRequest } from '../../server/src/protocol';
import { send } from './commands/requests';

/** The scheme of the read-only topic pages: `stylebook-topic:/http-status-500.md`. */
export const TOPIC_SCHEME = 'stylebook-topic';

/** The virtual document of a topic's page. */
export function topicPageUri(topicId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: TOPIC_SCHEME, path: `/${topicId}.md` });
}

/**
 * Serves topic pages as read-only Markdown documents rendered by the server,
 * so that VS Code's own Markdown preview shows them with the user's theme,
 * and relative links between pages (`rate-limiting.md`) open the sibling page
 * in the same preview.
 */
export class TopicPageProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires for each open topic page when the catalog it was rendered from is replaced; the preview then re-renders. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Asks VS Code to fetch every open topic page again (after the server rebuilt its catalog). */
  refreshOpenPages(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === TOPIC_SCHEME) this.changed.fire(doc.uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const id = decodeURIComponent(uri.path.replace(/^\/+/, '').replace(/\.md$/i, ''));
    try {
      const page = await send(this.client, TopicPageRequest, { id });
      return token.isCancellationRequested ? '' : page.markdown;
    } catch (e) {
      return `# Topic page unavailable\n\nThe Stylebook language server did not answer: ${String((e as Error).message ?? e).replace(/[<>`]/g, '')}\n`;
    }
  }
}

/**
 * Opens a topic's page in the Markdown preview: beside the current editor
 * when there is one (the page explains what the user is editing), in place
 * otherwise.
 */
export async function showTopicPage(topicId: string): Promise<void> {
  const uri = topicPageUri(topicId);
  const command = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.scheme !== TOPIC_SCHEME
    ? 'markdown.showPreviewToSide'
    : 'markdown.showPreview';
  await vscode.commands.executeCommand(command, uri);
}
