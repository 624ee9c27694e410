import type { KeystoreImportPlan } from './keystore-store.js';

type PlannedCertificate = Pick<KeystoreImportPlan['items'][number], 'subject' | 'serial' | 'notAfter' | 'sha256'>;

function CertificateFacts({ label, cert }: { label: string; cert: PlannedCertificate }) {
  return (
    <dl aria-label={label}>
      <dt>{label}</dt>
      <dd>{cert.subject}</dd>
      <dd>Serial {cert.serial}</dd>
      <dd>Not after {cert.notAfter}</dd>
      <dd>SHA-256 {cert.sha256}</dd>
    </dl>
  );
}

/**
 * An import whose alias is taken (certificate or key pair): the conflict, and what Replace will do
 * before it is pressed — the certificate that goes, the one that comes, the backup and keytool's argv.
 */
export function AliasTakenPlan({ plan }: { plan: KeystoreImportPlan }) {
  const first = plan.items[0]!;
  return (
    <>
      <p className="ks-conflict" role="alert">
        Alias "{first.alias}" already exists in this keystore. Replace that entry, or choose another alias.
      </p>
      <section className="ks-replace-plan" aria-label="Replace plan">
        {first.replaces ? <CertificateFacts label="Replaced certificate" cert={first.replaces} /> : null}
        <CertificateFacts label="New certificate" cert={first} />
        <p>
          A backup of {plan.path} is saved in {plan.backup.directory} first.
        </p>
        <details>
          <summary>keytool commands (run on a private copy, checked, then renamed over the store)</summary>
          <pre>{first.keytool.map((argv) => [plan.keytool, ...argv].join(' ')).join('\n')}</pre>
        </details>
      </section>
    </>
  );
}
