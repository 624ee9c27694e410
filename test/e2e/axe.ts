import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core, served from the app's own origin: the CSP forbids the inline script addScriptTag would make. */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Lets `seriousAxeFindings` load axe into this page; call once per page. */
export async function serveAxe(page: Page): Promise<void> {
  await page.route('**/__axe.js', (route) => route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }));
}

/** axe's serious and critical violations on the page as it is now, one line each (impact, rule, where). */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: '/__axe.js' });
  const findings = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeFinding[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  return findings
    .filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .map((f) => `${f.impact} ${f.id}: ${f.help} @ ${f.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
