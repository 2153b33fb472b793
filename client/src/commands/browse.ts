import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CategoriesRequest, GuidesRequest, TopicIndexRequest, type TopicSummary } from '../../../server/src/protocol';
import { pickFromTopics } from './pickTopic';
import { send } from './requests';

interface GroupItem extends vscode.QuickPickItem {
  topicIds: string[];
}

/** Shows the groups, then the topics of the chosen group; opens the chosen topic. */
async function browse(client: LanguageClient, open: (id: string) => Promise<void>, kind: string, groups: GroupItem[]): Promise<void> {
  const group = await vscode.window.showQuickPick(groups, {
    title: `Stylebook: Browse by ${kind}`,
    placeHolder: `Pick a ${kind.toLowerCase()}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!group) return;
  const { topics } = await send(client, TopicIndexRequest, {});
  const byId = new Map(topics.map((t) => [t.id, t]));
  const members = group.topicIds.map((id) => byId.get(id)).filter((t): t is TopicSummary => !!t).sort((a, b) => a.name.localeCompare(b.name));
  const id = await pickFromTopics(members, `${group.label} (${members.length} ${members.length === 1 ? 'topic' : 'topics'})`, 'Pick a topic to open its page');
  if (id) await open(id);
}

/** `Stylebook: Browse by Guideline`: a guide (company — title, with its topic count), then one of its topics. */
export async function browseByGuidelineCommand(client: LanguageClient, open: (id: string) => Promise<void>): Promise<void> {
  const guides = await send(client, GuidesRequest, {});
  await browse(client, open, 'Guideline', guides.map((g) => ({
    label: `${g.company} — ${g.title}`,
    description: `${g.topicIds.length} ${g.topicIds.length === 1 ? 'topic' : 'topics'}`,
    detail: g.url,
    topicIds: g.topicIds,
  })));
}

/** `Stylebook: Browse by Category`: a category (with its topic count), then one of its topics. */
export async function browseByCategoryCommand(client: LanguageClient, open: (id: string) => Promise<void>): Promise<void> {
  const categories = await send(client, CategoriesRequest, {});
  await browse(client, open, 'Category', categories.map((c) => ({
    label: c.name,
    description: `${c.topicIds.length} ${c.topicIds.length === 1 ? 'topic' : 'topics'}`,
    topicIds: c.topicIds,
  })));
}
