import { colonHex } from '../../../shared/pki/bytes.js';
import { CopyButton } from './CopyButton.js';

/** A fingerprint shown as colon hex (as certlm and keytool print it) with copy buttons for both forms. */
export function Fingerprint({ label, hex }: { label: string; hex: string }) {
  const colon = colonHex(hex);
  return (
    <div className="fingerprint">
      <span className="field-label">{label}</span>
      <code className="fingerprint-value" data-fingerprint={label}>
        {colon}
      </code>
      <CopyButton value={colon} label="Copy" />
      <CopyButton value={hex} label="Copy hex" />
    </div>
  );
}
