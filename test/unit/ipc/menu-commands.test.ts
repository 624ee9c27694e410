import { describe, expect, it } from 'vitest';
import { MenuCommandEventSchema, workspaceOfCommand } from '../../../shared/ipc/events.js';
import { WORKSPACE_IDS, workspaceKey } from '../../../shared/model/workspaces.js';

describe('menu commands from the workspace list', () => {
  it('accepts a workspace command for every workspace, which opens that workspace', () => {
    for (const id of WORKSPACE_IDS) {
      const command = `workspace:${id}` as const;
      expect(MenuCommandEventSchema.parse({ command })).toEqual({ command });
      expect(workspaceOfCommand(command)).toBe(id);
    }
  });

  it('rejects a workspace the list does not hold; file commands open none', () => {
    expect(MenuCommandEventSchema.safeParse({ command: 'workspace:settings' }).success).toBe(false);
    expect(workspaceOfCommand('open-files')).toBeUndefined();
  });

  it('gives each workspace its own shortcut digit, in list order', () => {
    expect(WORKSPACE_IDS.map(workspaceKey)).toEqual(WORKSPACE_IDS.map((_, i) => String(i + 1)));
  });
});
