import type { KeyObject } from 'node:crypto';
import type { PfxProfile } from '../../../shared/model/keys-bundle.js';
import { writePfx } from '../pkcs12/write-pfx.js';

/**
 * The bundle's PFX, built with the inspect engineer's `writePfx` (which reads it back before
 * returning), so a PFX failure is known before any bundle file is written.
 */
export function bundlePfx(req: { profile: PfxProfile; password: string; privateKey: KeyObject; certificates: Uint8Array[]; leafSubject: string }): Promise<Uint8Array> {
  const friendlyName = /CN=([^,]+)/.exec(req.leafSubject)?.[1] ?? 'certificate';
  return writePfx({ certificates: req.certificates, privateKey: req.privateKey, password: req.password, profile: req.profile, friendlyName });
}
