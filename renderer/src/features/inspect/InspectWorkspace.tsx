import { useEffect, useMemo, useState } from 'react';
import { onEvent } from '../../ipc/client.js';
import { ExpiryFilter, passesExpiry } from '../../components/ExpiryFilter.js';
import { useFileDrop } from '../../components/use-file-drop.js';
import { ExportMenu } from './ExportMenu.js';
import { ObjectDetail } from './ObjectDetail.js';
import { ObjectList } from './ObjectList.js';
import { PasswordDialog } from './PasswordDialog.js';
import { selectSelected, useInspectStore } from './inspect-store.js';
import { matchesQuery } from './object-labels.js';
import './inspect.css';

/** Open, drop or paste anything an admin is handed, read every object in it, and export it. */
export function InspectWorkspace() {
  const { objects, files, fileOf, selectedId, query, expiryFilter, details, prompts, pasteError, select, setQuery, setExpiryFilter, closeFile, clear } =
    useInspectStore();
  const { opening, openViaDialog, openFiles, openText, submitPassword, cancelPassword, cancelOpening, exportSelected } = useInspectStore();
  const selected = useInspectStore(selectSelected);
  const visible = useMemo(() => objects.filter((o) => matchesQuery(o, query) && passesExpiry(expiryFilter, o.kind === 'certificate' ? o.summary.daysLeft : undefined)), [objects, query, expiryFilter]);
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
    if (!(await openText(text))) return;
    setText('');
    setPasting(false);
  };
  const filtered = query.trim() !== '' || expiryFilter !== 'any';

  return (
    <section className={`workspace inspect ${over ? 'drop-over' : ''}`} aria-label="Inspect" {...dropProps}>
      <h1 className="visually-hidden">Inspect</h1>
      <header className="toolbar">
        <button type="button" onClick={() => void openViaDialog()}>
          Open…
        </button>
        <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          Paste PEM
        </button>
        <input type="search" className="inspect-search" aria-label="Search objects" placeholder="Search subject, SAN, serial, fingerprint…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <ExpiryFilter value={expiryFilter} onChange={setExpiryFilter} />
        <ExportMenu selected={selected} anyOpened={objects.some((o) => o.kind === 'certificate')} onExport={(options) => void exportSelected(options)} />
        {opening ? (
          <span className="inspect-opening" role="status">
            Opening {opening.name}…{' '}
            <button type="button" onClick={() => void cancelOpening()}>
              Cancel
            </button>
          </span>
        ) : null}
        <span className="hint">
          {objects.length > 0 ? `${visible.length} of ${objects.length} objects · ` : ''}or drop files anywhere here
        </span>
      </header>
      {pasting ? (
        <div className="paste-panel">
          <textarea
            aria-label="PEM text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="-----BEGIN CERTIFICATE-----"
            rows={6}
            aria-invalid={pasteError !== null}
            aria-describedby={pasteError !== null ? 'paste-error' : undefined}
          />
          {pasteError !== null ? (
            <p id="paste-error" className="paste-error" role="alert">
              Could not read the pasted text: {pasteError}
            </p>
          ) : null}
          <button type="button" onClick={() => void submitPaste()} disabled={text.trim() === ''}>
            Inspect text
          </button>
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul className="opened-files" aria-label="Opened files">
          {files.map((f) => (
            <li key={f.id} className="opened-file">
              <span className="opened-file-name" title={f.name}>
                {f.name}
              </span>
              <span className="hint">{f.objectIds.length}</span>
              <button type="button" className="opened-file-close" onClick={() => closeFile(f.id)} aria-label={`Close ${f.name}`} title={`Close ${f.name}`}>
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={clear}>
              Close all
            </button>
          </li>
        </ul>
      ) : null}
      <div className="split">
        <ObjectList
          objects={visible}
          fileOf={fileOf}
          selectedId={selectedId}
          onSelect={select}
          empty={
            objects.length === 0
              ? 'Nothing opened yet. Open, drop or paste a certificate, key, CSR, P7B, PFX or keystore.'
              : filtered
                ? `No match among ${objects.length} objects.`
                : 'Nothing opened yet.'
          }
        />
        <div className="detail-pane">{selected ? <ObjectDetail object={selected} detail={details[selected.id]} onSelect={select} /> : <p className="hint">Select a row for its details.</p>}</div>
      </div>
      {prompts[0] ? <PasswordDialog prompt={prompts[0]} onSubmit={(pw) => void submitPassword(pw)} onCancel={cancelPassword} /> : null}
    </section>
  );
}
