import { useEffect, useState } from 'react';
import { onEvent } from '../../ipc/client.js';
import { useFileDrop } from '../../components/use-file-drop.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { CertificateDetail } from './CertificateDetail.js';
import { selectSelected, useInspectStore } from './inspect-store.js';

/** Open, drop or paste anything an admin is handed, and read it. */
export function InspectWorkspace() {
  const { objects, selectedId, select, openViaDialog, openFiles, openText } = useInspectStore();
  const selected = useInspectStore(selectSelected);
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const { over, dropProps } = useFileDrop((files) => void openFiles(files));

  useEffect(
    () =>
      onEvent('menu', ({ command }) => {
        if (command === 'open-files') void openViaDialog();
        if (command === 'paste-text') setPasting(true);
      }),
    [openViaDialog],
  );

  const submitPaste = async () => {
    await openText(text);
    setText('');
    setPasting(false);
  };

  return (
    <section className={`workspace inspect ${over ? 'drop-over' : ''}`} aria-label="Inspect" {...dropProps}>
      <header className="toolbar">
        <button type="button" onClick={() => void openViaDialog()}>
          Open…
        </button>
        <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          Paste PEM
        </button>
        <span className="hint">or drop files anywhere here</span>
      </header>
      {pasting ? (
        <div className="paste-panel">
          <textarea
            aria-label="PEM text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="-----BEGIN CERTIFICATE-----"
            rows={8}
          />
          <button type="button" onClick={() => void submitPaste()} disabled={text.trim() === ''}>
            Inspect text
          </button>
        </div>
      ) : null}
      <div className="split">
        <ul className="object-list" aria-label="Objects found" role="listbox">
          {objects.length === 0 ? <li className="empty">Nothing opened yet. Open, drop or paste a certificate.</li> : null}
          {objects.map((o) => (
            <li
              key={o.id}
              role="option"
              aria-selected={o.id === selectedId}
              tabIndex={0}
              className={o.id === selectedId ? 'selected' : ''}
              onClick={() => select(o.id)}
              onKeyDown={(e) => e.key === 'Enter' && select(o.id)}
            >
              <span className="object-kind">{o.kind}</span>
              <span className="object-name">{o.kind === 'certificate' ? o.summary.subject : o.origin}</span>
              {o.kind === 'certificate' ? <ExpiryBadge status={o.summary.expiry} daysLeft={o.summary.daysLeft} /> : null}
            </li>
          ))}
        </ul>
        <div className="detail-pane">{selected?.kind === 'certificate' ? <CertificateDetail summary={selected.summary} /> : null}</div>
      </div>
    </section>
  );
}
