/**
 * Output formats: PEM bundle, single-certificate DER, PKCS#7 ".p7b" (DER), PKCS#12 ".pfx", and the
 * Windows "Base-64 encoded X.509 (.CER)" export (PEM with CRLF line endings, one certificate).
 * Kept free of zod so the CLI can offer the choices without loading schemas at start-up.
 */
export const EXPORT_FORMATS = ['pem', 'der', 'p7b', 'pfx', 'cer'] as const;
