import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CatalogChangedNotification } from '../../../server/src/protocol';
import { showTopicPage, TOPIC_SCHEME, TopicPageProvider } from '../topicPage';
import { browseByCategoryCommand, browseByGuidelineCommand } from './browse';
import { searchTopicsCommand } from './searchTopics';
import { showTopicAtCursorCommand } from './topicAtCursor';

/** The ids of the commands contributed in package.json; keep the two in step. */
export const COMMANDS = {
  searchTopics: 'stylebook.searchTopics',
  browseByGuideline: 'stylebook.browseByGuideline',
  browseByCategory: 'stylebook.browseByCategory',
  showTopicAtCursor: 'stylebook.showTopicAtCursor',
  showTopic: 'stylebook.showTopic',
  showOutput: 'stylebook.showOutput',
} as const;

/** Registers the topic commands and the topic-page document provider. */
export function registerTopicCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): TopicPageProvider {
  const provider = new TopicPageProvider(client);
  const open = (id: string) => showTopicPage(id);
  const search = () => searchTopicsCommand(client, open);
  // A command fails visibly, with the reason, instead of rejecting into the void.
  const run = (name: string, fn: (...args: any[]) => Promise<void>) => async (...args: any[]) => {
    try {
      await fn(...args);
    } catch (e) {
      output.appendLine(`${name} failed: ${(e as Error).stack ?? e}`);
      void vscode.window.showErrorMessage(`Stylebook: ${name} failed: ${(e as Error).message ?? e}`);
    }
  };
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(TOPIC_SCHEME, provider),
    // Registered before start, so that no rebuild of the catalog is missed.
    client.onNotification(CatalogChangedNotification, () => provider.refreshOpenPages()),
    vscode.commands.registerCommand(COMMANDS.searchTopics, run('Search Topics', (query?: unknown) => searchTopicsCommand(client, open, typeof query === 'string' ? query : ''))),
    vscode.commands.registerCommand(COMMANDS.browseByGuideline, run('Browse by Guideline', () => browseByGuidelineCommand(client, open))),
    vscode.commands.registerCommand(COMMANDS.browseByCategory, run('Browse by Category', () => browseByCategoryCommand(client, open))),
    vscode.commands.registerCommand(COMMANDS.showTopicAtCursor, run('Show Topic at Cursor', () => showTopicAtCursorCommand(client, open, search))),
    // The hover's "Open the topic page" link passes the id; from the palette there is none, so search.
    vscode.commands.registerCommand(COMMANDS.showTopic, run('Show Topic', (id?: unknown) => (typeof id === 'string' && id ? open(id) : search()))),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
  );
  return provider;
}
