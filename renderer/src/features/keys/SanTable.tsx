import { memo } from 'react';
import { checkSan } from '../../../../shared/csr/san.js';
import { SAN_TYPES, type SanType } from '../../../../shared/model/csr-constants.js';
import { useShallow } from 'zustand/react/shallow';
import { useKeysStore } from './keys-store.js';
import { splitPastedSans } from './split-sans.js';

const PLACEHOLDER: Readonly<Record<SanType, string>> = { dns: 'www.example.com or *.example.com', ip: '10.0.0.5 or 2001:db8::1', email: 'admin@example.com', uri: 'https://example.com/' };

/** One row per SAN, each validated as it is typed with the same validator main uses. */
export const SanTable = memo(function SanTable() {
  const { sans, addCnToSan, addSan, updateSan, replaceSan, removeSan, setSpec } = useKeysStore(
    useShallow((s) => ({ sans: s.spec.sans, addCnToSan: s.spec.addCnToSan, addSan: s.addSan, updateSan: s.updateSan, replaceSan: s.replaceSan, removeSan: s.removeSan, setSpec: s.setSpec })),
  );
  return (
    <fieldset className="kc-sans">
      <legend>Subject Alternative Names</legend>
      <label className="inline">
        <input type="checkbox" checked={addCnToSan} onChange={(e) => setSpec({ addCnToSan: e.target.checked })} /> Add the CN to the SANs (clients ignore the CN)
      </label>
      <table aria-label="SANs">
        <tbody>
          {sans.map((row, i) => {
            const check = row.value.trim() === '' ? undefined : checkSan(row.type, row.value);
            return (
              <tr key={i} data-san-row={i}>
                <td>
                  <select aria-label={`SAN ${i + 1} type`} value={row.type} onChange={(e) => updateSan(i, { type: e.target.value as SanType })}>
                    {SAN_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t.toUpperCase()}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`SAN ${i + 1}`}
                    placeholder={PLACEHOLDER[row.type]}
                    value={row.value}
                    aria-invalid={check && !check.ok ? true : undefined}
                    onChange={(e) => updateSan(i, { value: e.target.value })}
                    onPaste={(e) => {
                      const rows = splitPastedSans(e.clipboardData.getData('text'), row.type);
                      if (!rows) return;
                      e.preventDefault();
                      replaceSan(i, rows);
                    }}
                  />
                  {check && !check.ok ? <span className="kc-error">{check.message}</span> : null}
                  {check?.ok && check.note ? <span className="hint">{check.note}</span> : null}
                </td>
                <td>
                  <button type="button" aria-label={`Remove SAN ${i + 1}`} onClick={() => removeSan(i)}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => addSan()}>
        Add SAN
      </button>
    </fieldset>
  );
});
