import type { KeyUsage } from '../model/csr-constants.js';
import type { CsrSpec } from '../model/csr.js';
import type { KeyDescription } from '../model/keys-constants.js';

export const CSR_TEMPLATES = {
  'tls-server': 'TLS server',
  'tls-server-internal-external': 'TLS server, internal + external names',
  'client-certificate': 'Client certificate',
} as const;
export type CsrTemplateId = keyof typeof CSR_TEMPLATES;

/** RSA server keys may also encipher (TLS 1.2 RSA key exchange); other keys only sign. */
export const defaultKeyUsage = (family: KeyDescription['family']): KeyUsage[] =>
  family === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];

/**
 * A fresh spec for one template. Rows with empty values are placeholders the designer shows as
 * hints; the planner skips them until they are filled.
 */
export function templateSpec(id: CsrTemplateId, family: KeyDescription['family']): CsrSpec {
  const base: CsrSpec = {
    subject: { CN: '' },
    sans: [],
    addCnToSan: true,
    hash: 'SHA-256',
    keyUsage: defaultKeyUsage(family),
    extendedKeyUsage: ['serverAuth'],
  };
  switch (id) {
    case 'tls-server':
      return base;
    case 'tls-server-internal-external':
      return {
        ...base,
        sans: [
          { type: 'dns', value: '' },
          { type: 'dns', value: '' },
          { type: 'ip', value: '' },
        ],
      };
    case 'client-certificate':
      return { ...base, addCnToSan: false, keyUsage: ['digitalSignature'], extendedKeyUsage: ['clientAuth'], sans: [{ type: 'email', value: '' }] };
  }
}
