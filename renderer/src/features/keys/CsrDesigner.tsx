import { useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { planCsr } from '../../../../shared/csr/plan.js';
import { CSR_TEMPLATES, type CsrTemplateId } from '../../../../shared/csr/templates.js';
import { MIN_PASSPHRASE_CHARS } from '../../../../shared/model/keys-constants.js';
import { CsrPreview } from './CsrPreview.js';
import { CsrResult } from './CsrResult.js';
import { KeyOptions } from './KeyOptions.js';
import { KeystorePlanDialog } from './KeystorePlanDialog.js';
import { keyDescription, useKeysStore } from './keys-store.js';
import { SanTable } from './SanTable.js';
import { isPristine } from './issue-places.js';
import { SubjectFields } from './SubjectFields.js';

/** The CSR designer: template, subject, SANs, key; a live preview beside it; one call generates. */
export function CsrDesigner() {
  const { spec, template, applyTemplate, renewFromCertificate, generate, openJavaPlan, toKeystore } = useKeysStore(
    useShallow((s) => ({
      spec: s.spec,
      template: s.template,
      applyTemplate: s.applyTemplate,
      renewFromCertificate: s.renewFromCertificate,
      generate: s.generate,
      openJavaPlan: s.openJavaPlan,
      toKeystore: s.key.kind === 'keystore',
    })),
  );
  // The key's shape, compared by value: a new entry in the key list must not re-plan and re-render the form.
  const description = useKeysStore(useShallow((s) => keyDescription(s)));
  const plan = useMemo(() => planCsr(spec, description), [spec, description]);
  const pristine = isPristine(spec);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Into a keystore, nothing runs from the form: the plan dialog asks the password, shows the plan, then runs it.
    if (toKeystore) openJavaPlan();
    else void generate();
  };
  return (
    <div className="kc-designer">
      <form className="kc-form" aria-label="CSR designer" onSubmit={submit}>
        <div className="toolbar">
          <label>
            Template{' '}
            <select aria-label="Template" value={template} onChange={(e) => applyTemplate(e.target.value as CsrTemplateId)}>
              {Object.entries(CSR_TEMPLATES).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
              {template === 'renew' ? <option value="renew">Renewal of an existing certificate</option> : null}
            </select>
          </label>
          <button type="button" onClick={() => void renewFromCertificate()}>
            Renew from a certificate…
          </button>
          <RenewFromEndpoint />
        </div>
        <SubjectFields errors={pristine ? [] : plan.errors} />
        <SanTable />
        <KeyOptions />
        <GenerateBar blocked={plan.errors.length > 0} />
      </form>
      <div className="kc-side">
        <CsrPreview plan={plan} pristine={pristine} />
        <CsrResult />
      </div>
      <KeystorePlanDialog />
    </div>
  );
}

/** The submit row alone follows `busy` and the passphrase, so progress does not re-render the form. */
function GenerateBar({ blocked }: { blocked: boolean }) {
  const { busy, key, passphraseMissing } = useKeysStore(
    useShallow((s) => ({ busy: s.busy, key: s.key, passphraseMissing: s.key.kind === 'new' && s.passphrase.length < MIN_PASSPHRASE_CHARS })),
  );
  const keystoreMissing = key.kind === 'keystore' && (key.path === null || key.alias.trim() === '');
  const label = key.kind === 'keystore' ? 'Plan key pair in keystore…' : key.kind === 'new' ? 'Generate key and CSR' : 'Make CSR';
  return (
    <div className="toolbar">
      <button type="submit" className="primary" disabled={busy !== null || blocked || passphraseMissing || keystoreMissing}>
        {label}
      </button>
      {busy ? (
        <span className="hint" role="status">
          {busy}…
        </span>
      ) : null}
      {passphraseMissing ? <span className="hint">Enter a key passphrase of at least {MIN_PASSPHRASE_CHARS} characters.</span> : null}
      {keystoreMissing ? <span className="hint">Choose the keystore and enter the alias of the new key pair.</span> : null}
    </div>
  );
}

/** "Renew this" for a live service: the certificate a host:port presents now, fetched by main. */
function RenewFromEndpoint() {
  const renewFromEndpoint = useKeysStore((s) => s.renewFromEndpoint);
  const [endpoint, setEndpoint] = useState('');
  const target = endpoint.trim();
  const valid = /^\S+:\d+$/.test(target);
  const renew = () => void (valid && renewFromEndpoint(target));
  return (
    <>
      <input
        aria-label="Endpoint to renew (host:port)"
        placeholder="host:port"
        value={endpoint}
        onChange={(e) => setEndpoint(e.target.value)}
        onKeyDown={(e) => {
          // Enter here means "fetch", never the designer form's own submit (generate a key).
          if (e.key !== 'Enter') return;
          e.preventDefault();
          renew();
        }}
      />
      <button type="button" disabled={!valid} onClick={renew}>
        Renew from endpoint
      </button>
    </>
  );
}
