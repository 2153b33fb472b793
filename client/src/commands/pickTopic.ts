import * as vscode from 'vscode';
import type { TopicSummary } from '../../../server/src/protocol';

/** A QuickPick row for a topic: name, category, and our one-line description. */
export interface TopicItem extends vscode.QuickPickItem {
  topicId: string;
}

/** The QuickPick row of a topic. */
export function topicItem(t: TopicSummary, alwaysShow = false): TopicItem {
  return {
    topicId: t.id,
    label: t.name,
    description: t.category,
    detail: t.description,
    alwaysShow,
  };
}

/** Lets the user pick one of the given topics (already in display order); resolves with its id. */
export async function pickFromTopics(topics: TopicSummary[], title: string, placeholder: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(topics.map((t) => topicItem(t)), {
    title, placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true,
  });
  return picked?.topicId;
}
