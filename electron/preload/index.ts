import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS } from '../../shared/ipc/channels.js';
import type { CertbenchBridge } from '../../shared/ipc/bridge.js';

/**
 * The page's only door to main: `invoke` limited to the contract's channel names and `on` for
 * main's events. Nothing else from Node or Electron is exposed.
 */
const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENTS);

const bridge: CertbenchBridge = {
  invoke: (channel, request) =>
    channels.has(channel)
      ? ipcRenderer.invoke(channel, request)
      : Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${String(channel)}` } }),
  on: (event, listener) => {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('certbench', bridge);
