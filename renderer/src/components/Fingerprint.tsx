import { Fragment } from 'react';
import { colonHex } from '../../../shared/pki/bytes.js';

/**
 * A fingerprint shown as colon hex (as certlm and keytool print it), wrapping only between
 * byte pairs; its context menu copies it in either form.
 */
export function Fingerprint({ label, hex }: { label: string; hex: string }) {
  const colon = colonHex(hex);
  return (
    <div className="field fingerprint">
      <span className="field-label">{label}</span>
      <code className="fingerprint-value" data-fingerprint={label} data-copy={colon} data-copy-label={label} data-copy-alt={hex} data-copy-alt-name="plain hex" tabIndex={0}>
        {colon.split(':').map((pair, i) => (
          <Fragment key={i}>
            {i > 0 ? ':' : ''}
            <wbr />
            {pair}
          </Fragment>
        ))}
      </code>
    </div>
  );
}
