import { useEffect, useState } from 'react';
import { CopyContextMenu } from '../components/CopyContextMenu.js';
import { onEvent } from '../ipc/client.js';
import { selectWorkspace, useAppStore, type AppState } from '../store/app-store.js';
import { workspaceOfCommand } from '../../../shared/ipc/events.js';
import { StatusBar } from './StatusBar.js';
import { Toasts } from './Toasts.js';
import { WORKSPACES } from './workspaces.js';

const selectOpen = (s: AppState) => s.openWorkspace;
const selectApplyProgress = (s: AppState) => s.applyProgress;

/** The window: navigation on the left, the open workspace, the status bar and toasts. */
export function App() {
  const current = useAppStore(selectWorkspace);
  const openWorkspace = useAppStore(selectOpen);
  const applyProgress = useAppStore(selectApplyProgress);

  useEffect(() => onEvent('progress', applyProgress), [applyProgress]);
  useEffect(
    () =>
      onEvent('menu', ({ command }) => {
        const workspace = workspaceOfCommand(command);
        if (workspace) openWorkspace(workspace);
        if (command === 'open-files' || command === 'paste-text') openWorkspace('inspect');
      }),
    [openWorkspace],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const entry = WORKSPACES.find((w) => w.key === e.key);
      if (entry) {
        e.preventDefault();
        openWorkspace(entry.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openWorkspace]);

  const [navCollapsed, setNavCollapsed] = useState(false);
  const Current = WORKSPACES.find((w) => w.id === current)?.component;
  return (
    <CopyContextMenu className={navCollapsed ? 'app nav-collapsed' : 'app'}>
      <nav className="sidebar" aria-label="Workspaces">
        <div className="brand">
          <button type="button" className="nav-toggle" aria-expanded={!navCollapsed} aria-label="Show workspace names" onClick={() => setNavCollapsed((c) => !c)}>
            ☰
          </button>
          <span className="brand-name">Certbench</span>
        </div>
        {WORKSPACES.map((w) => (
          <button
            key={w.id}
            type="button"
            className={w.id === current ? 'nav-item active' : 'nav-item'}
            aria-current={w.id === current ? 'page' : undefined}
            onClick={() => openWorkspace(w.id)}
            title={`${w.label} (Ctrl+${w.key})`}
            aria-label={w.label}
          >
            <span className="nav-key" aria-hidden="true">
              {w.key}
            </span>
            <span className="nav-label">{w.label}</span>
          </button>
        ))}
      </nav>
      <main className="content">{Current ? <Current /> : null}</main>
      <StatusBar />
      <Toasts />
    </CopyContextMenu>
  );
}
