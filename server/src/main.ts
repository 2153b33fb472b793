import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { readBundledCatalog } from './node/catalogFiles';
import { startServer } from './server';
import { createGrammarLoader } from './node/grammars';
import { loadWorkspaceConfig } from './node/config';
import { loadCatalogLayers } from './node/customCatalog';

// The Node entry point: the only place that touches process I/O. `--stdio`
// (or the transport the client passes) is read by createConnection itself.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${String(e)}`));
startServer(connection, {
  readBundledCatalog: () => readBundledCatalog((m) => connection.console.error(m)),
  validationWorker: path.join(__dirname, 'validationWorker.js'),
  codeGrammars: createGrammarLoader([__dirname], (m) => connection.console.log(m)),
  loadWorkspaceConfig,
  loadCatalogLayers,
});
