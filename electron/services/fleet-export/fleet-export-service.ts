import { z } from 'zod';
import { buildAnsiblePlaybook, type LinuxFleetOptions } from './ansible-playbook.js';
import { fleetRoot } from './fleet-root.js';
import { buildMobileconfig } from './mobileconfig.js';
import { buildPowershellScript } from './powershell-script.js';
import { buildShellScript } from './shell-script.js';

export const FleetFormatSchema = z.enum(['mobileconfig', 'powershell', 'ansible', 'shell']);
export type FleetFormat = z.infer<typeof FleetFormatSchema>;

/** One generated fleet artefact: a suggested file name and its text. */
export interface FleetExport {
  readonly format: FleetFormat;
  readonly fileName: string;
  readonly content: string;
  /** Plain-language warnings (e.g. the certificate is not a root). */
  readonly warnings: readonly string[];
}

const EXTENSIONS: Record<FleetFormat, string> = { mobileconfig: 'mobileconfig', powershell: 'ps1', ansible: 'yml', shell: 'sh' };

/**
 * Hands a root to the engines fleets already run: an MDM profile for macOS, a PowerShell script
 * for Intune/GPO/SCCM, an Ansible playbook and a POSIX shell script for Linux.
 */
export function exportForFleet(der: Uint8Array, format: FleetFormat, options: LinuxFleetOptions = {}): FleetExport {
  const root = fleetRoot(der);
  const content =
    format === 'mobileconfig'
      ? buildMobileconfig(root)
      : format === 'powershell'
        ? buildPowershellScript(root)
        : format === 'ansible'
          ? buildAnsiblePlaybook(root, options)
          : buildShellScript(root);
  const warnings =
    root.role === 'root'
      ? []
      : [`This certificate is ${root.role === 'intermediate' ? 'an intermediate CA' : 'not a CA'}; fleets should trust the root it chains to.`];
  return { format, fileName: `${root.name}.${EXTENSIONS[format]}`, content, warnings };
}
