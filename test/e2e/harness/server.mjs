// Starts and stops the private code-server and the headless Chromium that
// drives it. Everything the run writes (user data, extensions, XDG folders,
// config) lives under .cache/e2e/run, which is wiped at the start of every
// run so that no state leaks between runs. The copy of the fixture
// workspaces goes to a fresh temporary folder outside the repository: under
// .cache/ the repository's .gitignore would hide every file from the
// workspace model, as it would for a user's folder ignored by its parent.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CACHE = process.env.E2E_CACHE || path.join(REPO, '.cache/e2e');
export const RUN = path.join(CACHE, 'run');
export const RESULTS = path.join(REPO, 'test-results/e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NODE24_BIN = path.join(CACHE, 'node24/node_modules/node/bin');
const CODE_SERVER = path.join(CACHE, 'code-server/node_modules/.bin/code-server');

const T0 = Date.now();
/** Logs a line with the seconds since the run started. */
export function log(line) {
  console.log(`# [e2e +${((Date.now() - T0) / 1000).toFixed(1)}s] ${line}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: REPO, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

/** Throws, with the command that fixes it, when the browser is missing: never a silent skip. */
export function checkBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; the editor tests drive Debian's Chromium. Install it with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev`);
  }
}

/** Builds the .vsix (unless E2E_VSIX names one) and installs Node 24, code-server and playwright-core. */
export function prepare() {
  checkBrowser();
  let vsix = process.env.E2E_VSIX;
  if (!vsix) {
    log('packaging the extension (npm run package)');
    // The test reporter owns stdout; the build's own output goes to stderr.
    try {
      run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 2, 2] });
    } catch (e) {
      // vsce packs every file not excluded, including this cache of code-server,
      // unless package.json's "files" (or a .vscodeignore) says what ships.
      const listed = Array.isArray(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).files) || fs.existsSync(path.join(REPO, '.vscodeignore'));
      const hint = listed ? '' : ' (neither "files" in package.json nor a .vscodeignore: vsce also packs .cache/, where code-server lives)';
      throw new Error(`${e.message}${hint}`);
    }
    vsix = path.join(REPO, 'dist/api-stylebook-lens.vsix');
  }
  if (!fs.existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
  log('set-up (scripts/e2e-setup.sh; cached under .cache/e2e)');
  run('bash', [path.join(REPO, 'scripts/e2e-setup.sh')], { stdio: ['ignore', 2, 2] });
  return path.resolve(vsix);
}

/** The settings every run starts with: no welcome page, no chat, no network, no update checks. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.layoutControl.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'editor.minimap.enabled': false,
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'editor.accessibilitySupport': 'off',
  'editor.hover.delay': 300,
  // Below the line, a hover has room to show a whole card in the screenshots.
  'editor.hover.above': false,
  'files.autoSave': 'off',
  'stylebook.trace.server': 'messages',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${RUN}/code-server.log`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/**
 * Installs the .vsix into a fresh private code-server, starts it on a free
 * loopback port in its own process group and launches headless Chromium.
 */
export async function start(vsix) {
  fs.rmSync(RUN, { recursive: true, force: true });
  const dirs = {
    data: path.join(RUN, 'data'),
    ext: path.join(RUN, 'extensions'),
    workspaces: fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-e2e-workspaces-')),
  };
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.mkdirSync(dirs.ext, { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // The fixtures are copied so that checks may edit and save files freely.
  fs.cpSync(path.join(REPO, 'test/e2e/workspaces'), dirs.workspaces, { recursive: true });

  const port = await freePort();
  const config = path.join(RUN, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    XDG_DATA_HOME: path.join(RUN, 'xdg/data'),
    XDG_CACHE_HOME: path.join(RUN, 'xdg/cache'),
    XDG_CONFIG_HOME: path.join(RUN, 'xdg/config'),
  };
  const base = [CODE_SERVER, '--config', config, '--user-data-dir', dirs.data, '--extensions-dir', dirs.ext];
  log(`installing ${path.basename(vsix)} into the private code-server`);
  run(base[0], [...base.slice(1), '--install-extension', vsix, '--force'], { env, stdio: ['ignore', 2, 2] });

  const logFile = path.join(RUN, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  // detached: setsid, so that stop() can kill code-server with all its extension hosts.
  const child = spawn(base[0], [...base.slice(1), '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5'],
  { env, detached: true, stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}`;
  const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
  process.once('exit', killGroup);
  // Ctrl+C and CI cancellation would otherwise skip the 'exit' handler.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));
  try {
    await waitForHealth(url, child, 60_000);
  } catch (e) {
    killGroup();
    throw e;
  }
  log(`code-server up at ${url} (pid ${child.pid})`);

  // playwright-core lives in the cache, outside the project's dependency graph.
  const { chromium } = createRequire(path.join(CACHE, 'pw/package.json'))('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();

  async function stop() {
    await browser.close().catch(() => {});
    if (child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const gone = await Promise.race([
        new Promise((r) => child.once('exit', () => r(true))),
        new Promise((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (!gone) killGroup();
    }
    fs.closeSync(out);
    fs.rmSync(dirs.workspaces, { recursive: true, force: true });
  }
  return { url, page, browser, dirs, logFile, stop };
}
