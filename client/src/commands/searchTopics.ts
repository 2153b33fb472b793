import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TopicIndexRequest, type TopicSummary } from '../../../server/src/protocol';
import { searchTopics } from '../../../server/src/service/search';
import { send } from './requests';
import { topicItem, type TopicItem } from './pickTopic';

/**
 * `Stylebook: Search Topics`: a QuickPick over every topic. The index is
 * fetched once per opening, then every keystroke is ranked here, in the
 * extension host, with the same function the server and the CLI use, so
 * typing never waits for a round trip. Ranked rows are marked `alwaysShow`
 * because a synonym hit ("paging" → Pagination) does not match the label.
 */
export async function searchTopicsCommand(client: LanguageClient, open: (id: string) => Promise<void>, initial = ''): Promise<void> {
  const qp = vscode.window.createQuickPick<TopicItem>();
  qp.title = 'Stylebook: Search Topics';
  qp.placeholder = 'Type a topic, status code, header or guide (e.g. "paging", "429", "etag", "zalando")';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.value = initial;
  qp.busy = true;
  qp.show();
  let topics: TopicSummary[] = [];
  const render = () => {
    const q = qp.value.trim();
    qp.items = q ? searchTopics(topics, q, { limit: 50 }).map((h) => topicItem(h.topic, true)) : topics.map((t) => topicItem(t));
  };
  const picked = new Promise<string | undefined>((resolve) => {
    qp.onDidChangeValue(render);
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.topicId ?? qp.activeItems[0]?.topicId);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
  });
  try {
    topics = (await send(client, TopicIndexRequest, {})).topics.sort((a, b) => a.name.localeCompare(b.name));
    render();
  } catch (e) {
    qp.placeholder = `The Stylebook language server did not answer: ${(e as Error).message}`;
  } finally {
    qp.busy = false;
  }
  const id = await picked;
  qp.dispose();
  if (id) await open(id);
}
