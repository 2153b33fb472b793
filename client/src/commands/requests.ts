import type { LanguageClient } from 'vscode-languageclient/node';
import type { StylebookRequest } from '../../../server/src/protocol';

/** Sends one of our custom requests with the parameter and result types protocol.ts gives it. */
export function send<P, R>(client: LanguageClient, request: StylebookRequest<P, R>, params: P): Promise<R> {
  return client.sendRequest(request.method, params) as Promise<R>;
}
