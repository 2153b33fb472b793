import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TopicAtRequest } from '../../../server/src/protocol';
import { send } from './requests';

/**
 * `Stylebook: Show Topic at Cursor`: opens the page the hover at the cursor
 * would link to. When there is none, says so and offers the search instead
 * of failing silently.
 */
export async function showTopicAtCursorCommand(client: LanguageClient, open: (id: string) => Promise<void>, search: () => Promise<void>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    await search();
    return;
  }
  const result = await send(client, TopicAtRequest, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  });
  if (result) {
    await open(result.topicId);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    'No API design topic at the cursor. Place it on a status code, method, parameter, header or path, or search the catalog.',
    'Search Topics',
  );
  if (choice) await search();
}
