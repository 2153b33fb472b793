// What a user does in the editor, as helpers for the checks: open a folder or a
// file, hover a piece of text, trigger completion or code actions, run a
// command. Every helper waits for the widget it needs (bounded), never for a
// fixed time.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, log } from './server.mjs';

const HOVER = '.monaco-hover:not(.hidden)';
const QUICK_INPUT = '.quick-input-widget';
const isMac = false; // code-server runs on Linux here; Ctrl is the modifier.
const MOD = isMac ? 'Meta' : 'Control';

/** Resolves when `fn` returns a truthy value, polling until `timeoutMs`; throws `message` otherwise. */
export async function waitUntil(fn, { timeoutMs = 10_000, intervalMs = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The text of the webview frame (the Markdown preview) that contains `expected`, once it does. */
export async function previewText(page, expected, timeoutMs = 20_000) {
  return waitUntil(async () => {
    // Webviews are child frames; the main frame (where hovers live) does not count.
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.includes(expected)) return { frame, text };
    }
    return undefined;
  }, { timeoutMs, message: `a preview showing ${JSON.stringify(expected)}` });
}

export class Editor {
  constructor(env) {
    this.env = env;
    this.page = env.page;
    this.folder = undefined;
  }

  /** Absolute path of a fixture file inside the run's copy of the workspaces. */
  file(workspace, name) {
    return path.join(this.env.dirs.workspaces, workspace, name);
  }

  /** Puts a fixture file back as it is in test/e2e/workspaces (for checks that edit and save it). */
  resetFile(workspace, name) {
    fs.copyFileSync(path.join(REPO, 'test/e2e/workspaces', workspace, name), this.file(workspace, name));
  }

  /** Opens a fixture workspace folder (test/e2e/workspaces/<name>) unless it is already open. */
  async openWorkspace(name) {
    const folder = path.join(this.env.dirs.workspaces, name);
    if (this.folder === folder) {
      await this.closeAllEditors();
      return;
    }
    await this.page.goto(`${this.env.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the folder once the remote file system is connected.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    this.folder = folder;
    await this.tidy();
  }

  /** Closes what a first start opens besides the editor: welcome page, secondary side bar, notifications. */
  async tidy() {
    await this.closeAllEditors();
    await this.runCommand('View: Close Secondary Side Bar', { optional: true });
    await this.runCommand('Notifications: Clear All Notifications', { optional: true });
  }

  async closeAllEditors() {
    await this.page.keyboard.press('Escape');
    await this.runCommand('View: Close All Editors', { optional: true });
  }

  /** Opens a file of the current workspace through Quick Open (Ctrl+P) and waits until its text is rendered. */
  async openFile(name) {
    const page = this.page;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press(`${MOD}+P`);
      const input = page.locator(`${QUICK_INPUT} input`);
      try {
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await input.fill(name);
        // Wait until the filtered result is the selected row: before the
        // filter applies, the list shows recently opened files.
        const row = page.locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: path.basename(name) }).first();
        await row.waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active', { hasText: path.basename(name) }).waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw new Error(`could not open ${name} with Quick Open: ${e.message}`);
        log(`Quick Open attempt ${attempt} for ${name} failed; retrying`);
      }
    }
    const expected = fs.readFileSync(path.join(this.folder, name), 'utf8').split('\n').find((l) => l.trim())?.trim();
    await waitUntil(async () => (await this.visibleText()).includes(expected), { timeoutMs: 15_000, message: `${name} to render` });
  }

  editorLines() {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines');
  }

  /** The text of the lines the active editor renders (only the visible ones; fixtures are short). */
  async visibleText() {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')];
      return lines
        .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text)
        .join('\n');
    });
  }

  /**
   * The screen rectangle of `token` in the active editor: the `occurrence`-th
   * match (0-based) on the first line below a line containing `after`, if given.
   * Works on the rendered text, so tokens split across spans are found too.
   */
  async tokenBox(token, { after, occurrence = 0 } = {}) {
    const box = await this.page.evaluate(({ token, after, occurrence }) => {
      const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')]
        .sort((a, b) => (parseFloat(a.style.top) || 0) - (parseFloat(b.style.top) || 0));
      let armed = !after;
      let seen = 0;
      for (const line of lines) {
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: text.length });
          text += n.textContent;
        }
        text = text.replace(/\u00a0/g, ' ');
        if (!armed) {
          if (text.includes(after)) armed = true;
          continue;
        }
        let from = 0;
        for (let i = text.indexOf(token, from); i >= 0; i = text.indexOf(token, from)) {
          if (seen++ === occurrence) {
            const at = (offset) => {
              const hit = nodes.filter((x) => x.start <= offset).pop();
              return [hit.node, Math.min(offset - hit.start, hit.node.textContent.length)];
            };
            const range = document.createRange();
            range.setStart(...at(i));
            range.setEnd(...at(i + token.length));
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          from = i + 1;
        }
      }
      return null;
    }, { token, after, occurrence });
    if (!box) throw new Error(`text ${JSON.stringify(token)}${after ? ` after ${JSON.stringify(after)}` : ''} is not on screen`);
    return box;
  }

  /** Closes hovers and other editor widgets, which may cover the text, and waits until they are gone. */
  async dismissWidgets() {
    await this.page.mouse.move(2, 2);
    await this.page.keyboard.press('Escape');
    await waitUntil(async () => (await this.page.locator(HOVER).count()) === 0,
      { timeoutMs: 3000, message: 'the hover to close' }).catch(() => {});
  }

  /** Puts the cursor just inside the start of `token` (or at its end with `atEnd`). */
  async clickToken(token, { atEnd = false, ...opts } = {}) {
    await this.dismissWidgets();
    const box = await this.tokenBox(token, opts);
    await this.page.mouse.click(atEnd ? box.x + box.width - 1 : box.x + Math.min(2, box.width / 2), box.y + box.height / 2);
  }

  /**
   * Hovers `token` until a hover containing `expect` is shown, moving the
   * mouse away and back between attempts (the first hover can miss while the
   * extension activates). Returns the hover's text and links.
   */
  async hover(token, { expect, after, occurrence, attempts = 8, perAttemptMs = 3000 } = {}) {
    const page = this.page;
    let lastText = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await page.mouse.move(2, 2);
      await page.locator(HOVER).first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
      const box = await this.tokenBox(token, { after, occurrence });
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      try {
        await page.waitForFunction(([sel, exp]) => [...document.querySelectorAll(sel)].some((h) => h.innerText.includes(exp)),
          [HOVER, expect], { timeout: perAttemptMs });
        return await this.readHover(expect);
      } catch {
        lastText = (await page.locator(HOVER).allInnerTexts().catch(() => [])).join('\n---\n');
        log(`hover on ${token}: attempt ${attempt} saw ${lastText ? JSON.stringify(lastText.slice(0, 120)) : 'no hover'}`);
      }
    }
    throw new Error(`no hover containing ${JSON.stringify(expect)} on ${JSON.stringify(token)} after ${attempts} attempts; last hover: ${JSON.stringify(lastText)}`);
  }

  /** Text and links of the visible hover that contains `containing` (or all visible hovers). */
  async readHover(containing = '') {
    return this.page.evaluate(([sel, containing]) => {
      const hovers = [...document.querySelectorAll(sel)].filter((h) => h.innerText.includes(containing));
      return {
        text: hovers.map((h) => h.innerText).join('\n---\n'),
        links: hovers.flatMap((h) => [...h.querySelectorAll('a[href], a[data-href]')]
          .map((a) => ({ text: a.innerText.trim(), href: a.getAttribute('data-href') || a.getAttribute('href') }))),
      };
    }, [HOVER, containing]);
  }

  /**
   * Hovers `token` and asserts that no hover containing `unexpected` shows up
   * within `windowMs`. Prove first, in the check, that the server answers
   * hovers, so that an absent card means "no card", not "too early".
   */
  async hoverShowsNothing(token, { unexpected, after, windowMs = 3000 } = {}) {
    const page = this.page;
    await page.mouse.move(2, 2);
    const box = await this.tokenBox(token, { after });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const appeared = await page.waitForFunction(([sel, exp]) => [...document.querySelectorAll(sel)].some((h) => h.innerText.includes(exp)),
      [HOVER, unexpected], { timeout: windowMs }).then(() => true, () => false);
    const seen = await this.readHover();
    await page.mouse.move(2, 2);
    return { appeared, text: seen.text };
  }

  /** Triggers completion (Ctrl+Space) at the cursor and returns the suggestion labels in order. */
  async complete({ expect, attempts = 4 } = {}) {
    const page = this.page;
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await page.keyboard.press(`${MOD}+Space`);
      try {
        await rows.first().waitFor({ timeout: 5000 });
        if (expect) {
          await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: expect }).first().waitFor({ timeout: 5000 });
        }
        return await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      } catch {
        log(`completion attempt ${attempt} showed ${await rows.count()} rows`);
        await page.keyboard.press('Escape');
      }
    }
    throw new Error(`completion${expect ? ` with ${JSON.stringify(expect)}` : ''} did not show after ${attempts} attempts`);
  }

  /** Opens the code action menu (Ctrl+.) at the cursor and returns the action labels. */
  async codeActions({ expect, attempts = 5 } = {}) {
    const page = this.page;
    const rows = page.locator('.action-widget .monaco-list-row.action');
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await page.keyboard.press(`${MOD}+.`);
      try {
        await rows.first().waitFor({ timeout: 4000 });
        if (expect) await page.locator('.action-widget .monaco-list-row.action', { hasText: expect }).first().waitFor({ timeout: 3000 });
        return (await rows.allInnerTexts()).map((t) => t.trim());
      } catch {
        log(`code action attempt ${attempt} showed ${await rows.count()} actions`);
        await page.keyboard.press('Escape');
      }
    }
    throw new Error(`code actions${expect ? ` with ${JSON.stringify(expect)}` : ''} did not show after ${attempts} attempts`);
  }

  /** Applies the code action whose label contains `label` from the open action menu. */
  async applyCodeAction(label) {
    await this.page.locator('.action-widget .monaco-list-row.action', { hasText: label }).first().click();
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }

  /** Saves the active editor and returns the file's text from disk once it differs from `before` (if given). */
  async saveAndRead(file, before) {
    await this.page.keyboard.press(`${MOD}+S`);
    return waitUntil(() => {
      const text = fs.readFileSync(file, 'utf8');
      return before === undefined || text !== before ? text : false;
    }, { timeoutMs: 10_000, message: `${path.basename(file)} to be saved` });
  }

  /** How many squiggles of `kind` (error, warning, info) the active editor shows; read their messages with hover(). */
  async squiggles(kind = 'error') {
    return this.page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`).count();
  }

  /**
   * Runs a command from the palette (F1) by its title. With `optional`, a
   * command that is not found is not an error (used for tidying up).
   */
  async runCommand(title, { optional = false } = {}) {
    const page = this.page;
    const input = page.locator(`${QUICK_INPUT} input`);
    const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: title }).first();
    // With the focus inside a webview (the Markdown preview), the palette can open and close again
    // at once, before it takes the text or before its row is clicked: start over, a bounded number
    // of times. A command that is really missing is told apart by the palette staying open.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
      } catch (e) {
        if (attempt >= 3) throw e;
        continue;
      }
      try {
        await row.waitFor({ timeout: optional ? 2000 : 10_000 });
      } catch (e) {
        const stillOpen = await input.isVisible().catch(() => false);
        await page.keyboard.press('Escape');
        if (stillOpen || attempt >= 3) {
          if (optional) return false;
          throw new Error(`command ${JSON.stringify(title)} not found in the palette`);
        }
        continue;
      }
      try {
        await row.click({ timeout: 5_000 });
        return true;
      } catch (e) {
        if (attempt >= 3) throw e;
        log(`the palette closed before "${title}" could be clicked (attempt ${attempt}); retrying`);
      }
    }
  }

  /**
   * Makes a visible hover tall enough to show its whole content (as far as
   * the window allows) by dragging its resize edge, as a user would; hovers
   * open at most 250 px tall. Used before screenshots.
   */
  async expandHover() {
    const page = this.page;
    const geo = await page.evaluate(() => {
      const widget = document.querySelector('.monaco-resizable-hover:has(.monaco-hover:not(.hidden))');
      if (!widget) return null;
      const content = widget.querySelector('.monaco-hover-content');
      const hover = widget.querySelector('.monaco-hover');
      const sash = [...widget.querySelectorAll('.monaco-sash.horizontal:not(.disabled)')][0];
      if (!content || !sash) return null;
      const r = sash.getBoundingClientRect();
      const w = widget.getBoundingClientRect();
      return {
        missing: content.scrollHeight - hover.clientHeight,
        north: sash.className.includes('north'),
        x: r.x + r.width / 2, y: r.y + r.height / 2, top: w.top, bottom: w.bottom,
      };
    });
    if (!geo || geo.missing <= 0) return;
    const room = geo.north ? geo.top - 40 : this.page.viewportSize().height - 40 - geo.bottom;
    const delta = Math.min(geo.missing + 8, room);
    if (delta <= 0) return;
    await page.mouse.move(geo.x, geo.y);
    await page.mouse.down();
    await page.mouse.move(geo.x, geo.north ? geo.y - delta : geo.y + delta, { steps: 8 });
    await page.mouse.up();
  }

  /** Saves a PNG of the whole window (1280×800) to `dir/name.png` after the widget's fade-in settles. */
  async screenshot(file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A hover fades in over ~100 ms; wait for the animations of visible widgets to finish.
    // Only finite animations: the cursor blink and progress bars never finish.
    await this.page.evaluate(() => Promise.race([
      Promise.all(document.getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {}))),
      new Promise((r) => setTimeout(r, 2000)),
    ])).catch(() => {});
    await this.page.screenshot({ path: file });
  }
}
