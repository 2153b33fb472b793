// Entry point @vscode/test-electron loads in the extension host: runs every
// check in order, prints one line per check, and throws if any failed.
import { checks } from './hover.check';

/** Called by VS Code's extension test runner; rejects when a check fails. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const c of checks) {
    const t0 = Date.now();
    try {
      await c.fn();
      console.log(`✔ ${c.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const message = e instanceof Error ? e.stack ?? e.message : String(e);
      console.log(`✖ ${c.name} (${Date.now() - t0} ms)\n  ${message}`);
      failures.push(c.name);
    }
  }
  console.log(`ℹ tests ${checks.length}, pass ${checks.length - failures.length}, fail ${failures.length}`);
  if (failures.length) throw new Error(`${failures.length} editor check(s) failed: ${failures.join('; ')}`);
}
