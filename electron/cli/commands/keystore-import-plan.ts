import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import type { ImportPlan } from '../../services/keystore/keystore-import.js';
import { PLAN_PLACEHOLDERS } from '../../services/keystore/plan-placeholders.js';

function certificateLines(label: string, c: CertificateSummary): string[] {
  return [
    `    ${label}  subject    ${c.subject}`,
    `         serial     ${c.serial}`,
    `         not after  ${c.notAfter}`,
    `         SHA-256    ${c.sha256}`,
  ];
}

/** The plan `keystore import` shows before it changes anything: per alias what goes and what comes, the backup, keytool's argv. */
export function importPlanLines(plan: ImportPlan): string[] {
  const items = plan.items.flatMap((item) => {
    if (item.presentAs !== undefined) return [`  Alias "${item.alias}": skipped, this certificate is already in the store as "${item.presentAs}"`];
    const head = `  Alias "${item.alias}": ${item.replaces ? 'replace the certificate it holds' : 'add'}`;
    return [head, ...(item.replaces ? certificateLines('old', item.replaces) : []), ...certificateLines(item.replaces ? 'new' : '   ', item.certificate)];
  });
  const argv = plan.items.flatMap((item) => item.keytool.map((args) => `    ${[plan.keytool, ...args].join(' ')}`));
  return [
    `Plan: import into ${plan.path}`,
    ...items,
    `  Backup: a copy of ${plan.path} is saved in ${plan.backup.directory} first ("before: ${plan.backup.operation}"; certbench keystore restore ID undoes the import)`,
    `  keytool runs on ${PLAN_PLACEHOLDERS.storeCopy}, a private copy beside the store, which is re-read and checked, then renamed over it:`,
    ...argv,
  ];
}
