/**
 * Renderer e2e harness: the built renderer in real Debian Chromium, with `window.certbench` wired
 * to the REAL main-process handler map (createHandlers → createDispatch) through
 * `page.exposeFunction`. The page cannot tell this from the Electron preload: same contract, same
 * handlers, same services. Only the native dialogs are scripted (ScriptedDialogs).
 *
 * `test/e2e/shell.test.ts` drives the Inspect slice through this harness; keep it passing when the
 * Inspect workspace grows (update its selectors if you must).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatch } from '../../electron/ipc/dispatch.js';
import { askThroughDialog, PathGrants } from '../../electron/ipc/path-grants.js';
import { createHandlers } from '../../electron/ipc/handler-map.js';
import { ChainService, type ChainServiceOptions } from '../../electron/services/chain/chain-service.js';
import { createServices, type Services } from '../../electron/services/services.js';
import { defaultServiceEnv, type ServiceEnv } from '../../electron/services/service-env.js';
import type { EventName, EventPayload } from '../../shared/ipc/events.js';
import { serveRenderer } from './renderer-server.js';
import { ScriptedDialogs } from './scripted-dialogs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_DIR = join(ROOT, 'test-results');
const CHROMIUM = process.env.CERTBENCH_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for headless Chromium as root on a machine without network (see the env notes). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface AppHarness {
  readonly page: Page;
  readonly services: Services;
  readonly dialogs: ScriptedDialogs;
  /** A temp dir owned by this harness (the app's data dir lives inside it); removed on close. */
  readonly tempDir: string;
  /** Uncaught page errors and console errors (CSP violations among them). */
  readonly pageErrors: string[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** Saves test-results/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly env?: Partial<ServiceEnv>;
  /** The chain service's options, e.g. the JDKs and NSS databases of a made-up machine. */
  readonly chain?: ChainServiceOptions;
}

let browser: Browser | undefined;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Starts the app in a fresh page with fresh services and a temp data dir. */
export async function launchApp(options: LaunchOptions = {}): Promise<AppHarness> {
  const tempDir = await mkdtemp(join(tmpdir(), 'certbench-e2e-'));
  const env = defaultServiceEnv({ dataDir: join(tempDir, 'data'), ...options.env });
  const created = await createServices(env);
  const services = options.chain ? { ...created, chain: new ChainService(env, created.store, options.chain) } : created;
  const dialogs = new ScriptedDialogs();
  const dispatch = createDispatch(createHandlers(services, { version: 'e2e', platform: process.platform }, dialogs));
  const server = await serveRenderer(join(ROOT, 'dist', 'renderer'));
  const context = await (await sharedBrowser()).newContext({
    viewport: { width: 1280, height: 820 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });

  const emit = async <E extends EventName>(event: E, payload: EventPayload<E>) => {
    await page.evaluate(([e, p]) => (globalThis as unknown as { __certbenchEmit(e: string, p: unknown): void }).__certbenchEmit(e, p), [
      event,
      payload,
    ] as const);
  };
  let taskCounter = 0;
  // One window: paths the scripted dialogs answer become its grants, as in the app.
  const grants = new PathGrants(askThroughDialog(dialogs));
  // Electron hands a Result to the page by structured clone in a few milliseconds; Playwright's own
  // value serialisation walks it node by node (about half a second for a 1,000-certificate bundle,
  // bench/renderer-grid.ts), so the harness carries it as JSON text. Every value a contract admits
  // (strings, finite numbers, booleans, arrays, plain objects) survives JSON unchanged.
  await page.exposeFunction('__certbenchInvoke', async (channel: unknown, request: unknown) => {
    const taskId = `${String(channel)}#${++taskCounter}`;
    const send = (payload: Omit<EventPayload<'progress'>, 'taskId'>) => void emit('progress', { taskId, ...payload }).catch(() => undefined);
    const result = await dispatch(channel, request, {
      grants,
      progress: (label, fraction) => send({ label, fraction, done: false }),
      end: (label, outcome) => send({ label, done: true, outcome }),
    });
    return JSON.stringify(result);
  });
  // bench/ runs this harness under tsx, whose keepNames wraps functions in __name(): page-side
  // copies of them (init scripts, evaluate) need it defined. Init scripts are not subject to the CSP.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(() => {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const w = globalThis as unknown as Record<string, unknown>;
    // Chromium's own CSP message does not say what was refused or where: this names it.
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP ${e.violatedDirective} refused "${e.sample}" from ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
    w.__certbenchEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    w.certbench = Object.freeze({
      invoke: async (channel: string, request: unknown) =>
        JSON.parse(await (w.__certbenchInvoke as (c: string, r: unknown) => Promise<string>)(channel, request)) as unknown,
      on: (event: string, listener: (p: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    });
  });
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Workspaces' }).waitFor();

  return {
    page,
    services,
    dialogs,
    tempDir,
    pageErrors,
    emit,
    screenshot: async (name) => {
      await mkdir(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      await context.close();
      await server.close();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/** Closes the shared browser; call from afterAll of each e2e file. */
export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
