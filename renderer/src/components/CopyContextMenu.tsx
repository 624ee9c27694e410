import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { Menu, MenuItem, Popover } from 'react-aria-components';
import { useAppStore } from '../store/app-store.js';

/** One thing the menu can copy: what the user sees as its name, and the text. */
interface CopyChoice {
  readonly id: string;
  readonly label: string;
  readonly text: string;
}

interface OpenMenu {
  readonly x: number;
  readonly y: number;
  readonly choices: readonly CopyChoice[];
}

/**
 * Copy on demand: right-click (or Shift+F10 / the Menu key on a focused value) on anything marked
 * `data-copy` inside opens a small menu; values carry no Copy buttons of their own. A value may
 * offer a second form in `data-copy-alt` (e.g. a fingerprint as plain hex).
 */
export function CopyContextMenu({ children, className }: { children: ReactNode; className?: string }) {
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  const pushToast = useAppStore((s) => s.pushToast);
  const reportError = useAppStore((s) => s.reportError);

  const openAt = (target: EventTarget, x: number, y: number): boolean => {
    const el = target instanceof Element ? target.closest<HTMLElement>('[data-copy]') : null;
    if (!el) return false;
    const label = el.dataset.copyLabel ?? 'value';
    const choices: CopyChoice[] = [{ id: 'value', label: `Copy ${label}`, text: el.dataset.copy ?? '' }];
    if (el.dataset.copyAlt) choices.push({ id: 'alt', label: `Copy ${label} as ${el.dataset.copyAltName ?? 'plain text'}`, text: el.dataset.copyAlt });
    setMenu({ x, y, choices });
    return true;
  };
  const onContextMenu = (e: MouseEvent) => {
    if (openAt(e.target, e.clientX, e.clientY)) e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
    const box = (e.target as Element).getBoundingClientRect();
    if (openAt(e.target, box.left, box.bottom)) e.preventDefault();
  };
  const copy = async (choice: CopyChoice) => {
    try {
      await navigator.clipboard.writeText(choice.text);
      pushToast({ kind: 'info', message: `${choice.label.replace(/^Copy /, '')} copied to the clipboard` });
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <div className={className} onContextMenu={onContextMenu} onKeyDown={onKeyDown}>
      {children}
      {menu ? (
        <>
          <span ref={anchor} className="context-anchor" style={{ left: menu.x, top: menu.y }} />
          <Popover triggerRef={anchor} isOpen onOpenChange={(open) => !open && setMenu(null)} placement="bottom start" className="context-menu-popover">
            <Menu
              aria-label="Copy"
              autoFocus="first"
              className="context-menu"
              items={menu.choices}
              onAction={(id) => {
                const choice = menu.choices.find((c) => c.id === id);
                setMenu(null);
                if (choice) void copy(choice);
              }}
            >
              {(choice) => <MenuItem className="context-menu-item">{choice.label}</MenuItem>}
            </Menu>
          </Popover>
        </>
      ) : null}
    </div>
  );
}
