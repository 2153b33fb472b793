// The walkthrough (package.json `contributes.walkthroughs`): it opens from
// the Welcome page's list, each step shows its Markdown, and each step's
// button runs the command it names (VS Code then ticks the step, through
// the step's completion event).
import assert from 'node:assert/strict';
import { previewText, test, waitUntil } from '../harness/index.mjs';

const WALKTHROUGH = 'api-stylebook-lens.api-stylebook-lens#stylebook.gettingStarted';
const QUICK_INPUT = '.quick-input-widget';

/** Expands a step of the walkthrough and waits until its Markdown shows beside it. */
async function openStep(page, id, heading) {
  const step = page.locator(`.getting-started-step[data-step-id="${WALKTHROUGH}#${id}"]`);
  // An Escape that reaches the Welcome page (not the picker it was meant for) takes it back to
  // its list of walkthroughs, whose steps are then disabled: open ours again from the list.
  if (await step.isDisabled()) await page.locator(`.getting-started-category[x-dispatch="selectCategory:${WALKTHROUGH}"]`).click({ timeout: 10_000 });
  await step.click();
  await waitUntil(async () => (await step.getAttribute('aria-expanded')) === 'true', { message: `step ${id} expanded` });
  await previewText(page, heading, 15_000);
  return step;
}

/** Clicks a button of the expanded step and waits until the quick input shows `title`; closes it again. */
async function clickAndSeePicker(page, step, button, title) {
  await step.locator('.monaco-button', { hasText: button }).click();
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ timeout: 15_000 });
  // Pressed on the picker's own input, so that the Welcome page does not take the Escape as "back".
  await page.locator(`${QUICK_INPUT} input`).press('Escape');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
}

const ticked = (step) => waitUntil(async () => (await step.getAttribute('aria-checked')) === 'true', { message: 'the step ticked' });

test("the walkthrough opens from Welcome: Open Walkthrough, and each step's button does what it says", async (ed) => {
  const page = ed.page;
  await ed.openWorkspace('specs');
  await ed.openFile('petstore-3.0.yaml');
  await ed.runCommand('Welcome: Open Walkthrough...');
  const input = page.locator(`${QUICK_INPUT} input`);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Get started with API Stylebook Lens' }).waitFor({ timeout: 15_000 });
  await input.pressSequentially('API Stylebook', { delay: 30 });
  await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: 'Get started with API Stylebook Lens' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');

  const container = page.locator('.gettingStartedContainer');
  await container.locator('h2, .category-title', { hasText: 'Get started with API Stylebook Lens' }).first().waitFor({ timeout: 15_000 });
  const steps = await container.locator(`.getting-started-step[data-step-id^="${WALKTHROUGH}#"]`).count();
  assert.equal(steps, 5, 'five steps');

  // The first step is open at once, with its Markdown.
  await previewText(page, 'Guidance where you write the API', 15_000);

  const search = await openStep(page, 'search', 'Search the catalog');
  await clickAndSeePicker(page, search, 'Search Topics', 'Stylebook: Search Topics');
  await ticked(search);

  const browse = await openStep(page, 'browse', 'Browse by guideline or category');
  await clickAndSeePicker(page, browse, 'Browse by Guideline', 'Stylebook: Browse by Guideline');
  await clickAndSeePicker(page, browse, 'Browse by Category', 'Stylebook: Browse by Category');
  await ticked(browse);

  // With the walkthrough in front there is no text editor, so the command offers the search instead.
  const cursor = await openStep(page, 'cursor', 'The page for what is under the cursor');
  await clickAndSeePicker(page, cursor, 'Show Topic at Cursor', 'Stylebook: Search Topics');
  await ticked(cursor);

  const settings = await openStep(page, 'settings', "Your team's guides first");
  await settings.locator('.monaco-button', { hasText: 'Open Stylebook Settings' }).click();
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ timeout: 15_000 });
  await waitUntil(async () => /Guide Profile/.test(await editor.innerText()), { timeoutMs: 15_000, message: 'the Stylebook settings listed' });
  // Filtered to ours: none of the editor's own settings is listed.
  assert.doesNotMatch(await editor.innerText(), /Font Size/);
});
