import { useEffect, useMemo, useState } from 'react';
import { onEvent } from '../../ipc/client.js';
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
  const { objects, selectedId, query, details, prompts, opening, select, setQuery, openViaDialog, openFiles, openText, submitPassword, cancelPassword, cancelOpening, exportSelected } =
    useInspectStore();
  const selected = useInspectStore(selectSelected);
  const visible = useMemo(() => objects.filter((o) => matchesQuery(o, query)), [objects, query]);
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
        <input type="search" className="inspect-search" aria-label="Search objects" placeholder="Search subject, SAN, serial, fingerprint…" value={query} onChange={(e) => setQuery(e.target.value)} />
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
          <textarea aria-label="PEM text" value={text} onChange={(e) => setText(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" rows={8} />
          <button type="button" onClick={() => void submitPaste()} disabled={text.trim() === ''}>
            Inspect text
          </button>
        </div>
      ) : null}
      <div className="split">
        <ObjectList objects={visible} selectedId={selectedId} onSelect={select} />
        <div className="detail-pane">{selected ? <ObjectDetail object={selected} detail={details[selected.id]} onSelect={select} /> : null}</div>
      </div>
      {prompts[0] ? <PasswordDialog prompt={prompts[0]} onSubmit={(pw) => void submitPassword(pw)} onCancel={cancelPassword} /> : null}
    </section>
  );
}
