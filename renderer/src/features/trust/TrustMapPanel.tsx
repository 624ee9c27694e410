import { addToAllMissingSkip } from '../../../../shared/model/trust.js';
import { storeNames } from './store-names.js';
import { useTrustStore } from './trust-store.js';

/** The trust map: for one certificate, which stores on this machine hold it, with per-store actions. */
export function TrustMapPanel() {
  const { map, subject, chooseMapCertificate, addToAllMissing, planAdd, planRemove } = useTrustStore();
  // The same rule main plans with, so the count is the number of plans the dialog will show.
  const missing = map?.rows.filter((r) => addToAllMissingSkip(map.role, r) === undefined).length ?? 0;
  return (
    <section className="trust-panel" aria-label="Trust map">
      <header className="trust-header">
        <h2>Trust map</h2>
        <button type="button" onClick={() => void chooseMapCertificate()}>
          Choose certificate…
        </button>
        {map && missing > 0 ? (
          <button type="button" className="primary" onClick={() => void addToAllMissing()}>
            Add to all missing ({missing})
          </button>
        ) : null}
      </header>
      {map ? (
        <>
          <p>
            <strong>{map.subject}</strong> <span className="hint">({map.role})</span>
            <br />
            <code className="trust-sha">{map.sha256}</code>
          </p>
          {map.role === 'intermediate' ? (
            <p className="trust-warning" role="note">
              An intermediate: it belongs in CA (intermediate) stores; as a trust anchor it bypasses its root.
            </p>
          ) : null}
          <table className="trust-table" aria-label="Trust map rows">
            <tbody>
              {map.rows.map((r) => (
                <tr key={r.store.id} data-store={r.store.id} data-state={r.state}>
                  <td>
                    {storeNames(r.store).name}
                    <span className="hint"> · {r.store.detail}</span>
                  </td>
                  <td className={`trust-state trust-state-${r.state}`}>{r.state === 'error' ? `error: ${r.error ?? ''}` : r.state}</td>
                  <td className="trust-actions">
                    {r.store.readOnly || !subject ? null : r.state === 'missing' ? (
                      <button type="button" onClick={() => void planAdd(r.store.id, subject)}>
                        Add…
                      </button>
                    ) : r.state === 'distrusted' ? (
                      <button type="button" className="danger" onClick={() => void planAdd(r.store.id, subject, undefined, true)}>
                        Trust despite the distrust…
                      </button>
                    ) : r.state === 'present' ? (
                      <button type="button" className="danger" onClick={() => void planRemove(r.store.id, map.sha256)}>
                        Remove…
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="hint">Choose a certificate to see which stores on this machine trust it.</p>
      )}
    </section>
  );
}
