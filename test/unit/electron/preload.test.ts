import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertbenchBridge } from '../../../shared/ipc/bridge.js';
import { contract } from '../../../shared/ipc/contract.js';

const exposed: Record<string, unknown> = {};
const invoked: Array<[string, unknown]> = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown) => {
      invoked.push([channel, request]);
      return { ok: true, value: null };
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

describe('preload bridge', () => {
  beforeEach(async () => {
    invoked.length = 0;
    await import('../../../electron/preload/index.js');
  });

  it('exposes only invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['certbench']);
    expect(Object.keys(exposed.certbench as object).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards every contract channel and nothing else', async () => {
    const bridge = exposed.certbench as CertbenchBridge;
    for (const channel of Object.keys(contract)) await bridge.invoke(channel as never, {} as never);
    expect(invoked.map(([c]) => c).sort()).toEqual(Object.keys(contract).sort());
    const refused = await bridge.invoke('shell.openExternal' as never, {} as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(invoked).toHaveLength(Object.keys(contract).length);
  });
});
