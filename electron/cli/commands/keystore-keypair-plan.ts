import type { KeyPairPlan } from '../../services/keystore/keystore-keypair.js';
import { PLAN_PLACEHOLDERS } from '../../services/keystore/plan-placeholders.js';

/** The plan `csr java` shows before keytool touches the keystore: which store, the backup (or the new file), keytool's argv, where the CSR goes. */
export function keyPairPlanLines(plan: KeyPairPlan, csrPath: string): string[] {
  const store = plan.backup
    ? [
        `  Backup: a copy of ${plan.path} is saved in ${plan.backup.directory} first ("before: ${plan.backup.operation}"; certbench keystore restore ID undoes it)`,
        `  keytool runs on ${PLAN_PLACEHOLDERS.storeCopy}, a private copy beside the store, which is re-read and checked, then renamed over it:`,
      ]
    : [
        `  ${plan.path} does not exist: a new ${plan.storeType} keystore (mode 0600) is made there`,
        `  keytool runs on ${PLAN_PLACEHOLDERS.storeCopy}, a private file beside it, which is re-read and checked, then put in place:`,
      ];
  return [
    `Plan: new key pair "${plan.alias}" in ${plan.path} (${plan.storeType})`,
    ...store,
    ...plan.argv.map((args) => `    ${[plan.keytool, ...args].join(' ')}`),
    `  The CSR (checked: it verifies and carries the new key) is then written to ${csrPath}`,
  ];
}
