/** Channel names of the expiry scan domain; must equal the keys of contracts/scan.ts (unit-tested). */
export const SCAN_CHANNELS = ['scan.machine', 'scan.targets', 'scan.remember', 'scan.exportCsv', 'scan.renewSpec'] as const;
