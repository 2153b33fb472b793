/**
 * The custom requests between the editor extension and the Stylebook
 * language server, typed once for both sides. Only plain JSON shapes live
 * here, no runtime imports: the client and the server each depend on their
 * own copy of vscode-jsonrpc, whose RequestType classes do not mix, so a
 * request is a method name carrying its parameter and result types.
 */

/** A request's method name together with the types of its parameters and result. */
export interface StylebookRequest<P, R> {
  readonly method: string;
  /** Never set: carries the types for `ParamsOf`/`ResultOf`. */
  readonly types?: { params: P; result: R };
}

export type ParamsOf<T> = T extends StylebookRequest<infer P, unknown> ? P : never;
export type ResultOf<T> = T extends StylebookRequest<unknown, infer R> ? R : never;

function request<P, R>(method: string): StylebookRequest<P, R> {
  return { method };
}

/** What the editor needs of a topic to list, search and label it. */
export interface TopicSummary {
  id: string;
  name: string;
  category: string;
  description: string;
  statusCode?: number;
  guidelines: Array<{ id: string; company: string; title: string; references: Array<{ name: string }> }>;
  /** The distinct words of the page's guidance (`searchWords`), so that the editor's search finds what the server's does. */
  body: string;
}

/** A guide with the ids of the topics it covers. */
export interface GuideInfo {
  id: string;
  title: string;
  company: string;
  url: string;
  topicIds: string[];
}

/** A category with the ids of its topics. */
export interface CategoryInfo {
  name: string;
  topicIds: string[];
}

/** One ranked search result. */
export interface SearchTopicHit {
  id: string;
  name: string;
  category: string;
  description: string;
  score: number;
  /** The fields that matched, strongest first: name, id, category, description, section, guide. */
  matched: string[];
}

/** A rendered topic page; `found` is false for an unknown id (the page then suggests topics). */
export interface TopicPageResult {
  id: string;
  title: string;
  markdown: string;
  found: boolean;
}

/** Every topic, summarised, so the editor can search client-side with no round trip per keystroke. */
export const TopicIndexRequest = request<Record<string, never>, { topics: TopicSummary[] }>('stylebook/topicIndex');

/** Ranked search on the server (the same ranking the editor and the CLI use). */
export const SearchTopicsRequest = request<{ query: string; limit?: number }, { hits: SearchTopicHit[] }>('stylebook/searchTopics');

/** A topic's full page as Markdown. */
export const TopicPageRequest = request<{ id: string }, TopicPageResult>('stylebook/topicPage');

/** Every guide that covers at least one topic. */
export const GuidesRequest = request<Record<string, never>, GuideInfo[]>('stylebook/guides');

/** Every category with its topics. */
export const CategoriesRequest = request<Record<string, never>, CategoryInfo[]>('stylebook/categories');

/** The topic the hover at a position would open, or null. */
export const TopicAtRequest = request<
  { textDocument: { uri: string }; position: { line: number; character: number } },
  { topicId: string } | null
>('stylebook/topicAt');

/** Client → server: the user has just trusted the workspace, so its catalog folders may be read. */
export const TrustGrantedNotification = 'stylebook/didGrantWorkspaceTrust';

/**
 * Server → client: the catalog was rebuilt (a custom catalog page or
 * `.stylebook.yaml` changed, or trust was granted), so open topic pages are
 * stale and must be fetched again.
 */
export const CatalogChangedNotification = 'stylebook/catalogChanged';
