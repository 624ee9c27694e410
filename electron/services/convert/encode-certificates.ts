import { CertbenchError } from '../../../shared/errors.js';
import type { ExportFormat } from '../../../shared/model/convert.js';
import { toPem } from '../../../shared/pki/pem.js';
import { buildPkcs7 } from '../../../shared/pki/pkcs7-writer.js';

/** Certificates in one of the certificate formats; DER and .cer hold exactly one certificate. */
export function encodeCertificates(ders: readonly Uint8Array[], format: Exclude<ExportFormat, 'pfx'>): Uint8Array {
  if (ders.length === 0) throw new CertbenchError('invalid-request', 'No certificate selected to export');
  if ((format === 'der' || format === 'cer') && ders.length > 1) {
    throw new CertbenchError('invalid-request', `A ${format.toUpperCase()} file holds one certificate; choose PEM or P7B, or split into files`);
  }
  switch (format) {
    case 'pem':
      return new TextEncoder().encode(ders.map((der) => toPem('CERTIFICATE', der)).join(''));
    case 'der':
      return ders[0]!;
    case 'p7b':
      return buildPkcs7(ders);
    case 'cer':
      // Windows' "Base-64 encoded X.509 (.CER)" export: PEM armour with CRLF line endings.
      return new TextEncoder().encode(toPem('CERTIFICATE', ders[0]!).replace(/\n/g, '\r\n'));
  }
}

/** File extension for each format. */
export const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { pem: '.pem', der: '.der', p7b: '.p7b', pfx: '.pfx', cer: '.cer' };
