import { z } from 'zod';
import { KEY_TYPES, MIN_PASSPHRASE_CHARS, SIGNATURE_HASHES } from './keys-constants.js';

export const KeyTypeSchema = z.enum(KEY_TYPES);
export const SignatureHashSchema = z.enum(SIGNATURE_HASHES);

/** How a key is written to disk: encrypted PKCS#8 (the default) or, by explicit choice, plain. */
export const KeyProtectionSchema = z.discriminatedUnion('encrypt', [
  z.strictObject({ encrypt: z.literal(true), passphrase: z.string().min(MIN_PASSPHRASE_CHARS).max(1024) }),
  z.strictObject({ encrypt: z.literal(false) }),
]);
export type KeyProtection = z.infer<typeof KeyProtectionSchema>;

/** Any key's shape as far as CA rules care: generated here or read from a user's file. */
export const KeyDescriptionSchema = z.strictObject({
  family: z.enum(['rsa', 'ec', 'ed25519', 'other']),
  bits: z.number().int().nonnegative(),
  label: z.string().max(128),
});

/** A key as the renderer and `--json` see it: public material and where it lives, never the private half. */
export const KeyInfoSchema = z.strictObject({
  id: z.string().max(64),
  key: KeyDescriptionSchema,
  label: z.string().max(256),
  publicKeyPem: z.string().max(4096),
  /** SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex: how certificates are matched to keys. */
  spkiSha256: z.string().length(64),
  createdAt: z.string().max(64),
  /** Where the key lives: Certbench's encrypted vault, or a file the user opened. */
  source: z.enum(['vault', 'session', 'file']),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;
