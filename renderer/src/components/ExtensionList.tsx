import type { ExtensionDetail } from '../../../shared/model/certificate-detail.js';

/** Every extension by name, critical ones flagged, unknown or malformed ones as OID + hex. */
export function ExtensionList({ extensions }: { extensions: readonly ExtensionDetail[] }) {
  return (
    <section aria-label="Extensions" className="extensions">
      <h3>Extensions ({extensions.length})</h3>
      {extensions.length === 0 ? <em>none (a v1 certificate, or none present)</em> : null}
      {extensions.map((e, i) => (
        <div className="extension" key={`${i}:${e.oid}`} data-extension={e.oid}>
          <div className="extension-head">
            <strong>{e.name}</strong> <code>{e.oid}</code>
            {e.critical ? <span className="badge badge-critical">critical</span> : null}
            {!e.decoded ? <span className="badge badge-raw">hex</span> : null}
          </div>
          <ul className="extension-lines">
            {e.lines.map((line, j) => (
              <li key={j}>
                <span className="field-value" data-copy={line} data-copy-label={`${e.name} line`} tabIndex={0}>
                  {line}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
