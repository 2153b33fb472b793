// Runs the editor-level checks in test/electron/suite inside a desktop VS Code
// through @vscode/test-electron. Uses VSCODE_EXECUTABLE when set; otherwise
// test-electron downloads VS Code, which needs update.code.visualstudio.com
// (not reachable on the project's CI machines, so this is not part of CI).
//
//   npm run test:electron            # download where the network allows
//   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:electron
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/electron/runTests.js -> repository root
  const root = path.resolve(__dirname, '../../..');
  // The checks may edit files, so they get a copy of the fixture workspace.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-electron-'));
  fs.cpSync(path.join(root, 'test/e2e/workspaces/specs'), path.join(work, 'specs'), { recursive: true });
  const code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    extensionTestsEnv: { STYLEBOOK_REPO: root },
    launchArgs: [
      path.join(work, 'specs'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(work, 'user-data')}`,
    ],
  });
  fs.rmSync(work, { recursive: true, force: true });
  process.exitCode = code;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
