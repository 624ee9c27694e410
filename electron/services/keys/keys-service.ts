import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { describeKeyType, type KeyType } from '../../../shared/model/keys-constants.js';
import type { KeyInfo, KeyProtection } from '../../../shared/model/keys.js';
import type { ServiceEnv } from '../service-env.js';
import { describeKeyObject } from './key-algorithms.js';
import { encodePrivateKey, publicKeyPem, spkiSha256 } from './key-pem.js';
import { generateKey } from './generate-key.js';
import { KeyVault } from './key-vault.js';
import { openPrivateKeyFile } from './open-private-key.js';
import { writeFileSafely, type OutputFile } from '../files/safe-write.js';

/** A key usable in this session: the private half stays here, in the main process. */
export interface SessionKey {
  readonly info: KeyInfo;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export type Progress = (label: string, fraction?: number) => void;

/** Generates, opens, lists and exports private keys; callers get ids and public facts. */
export class KeysService {
  readonly vault: KeyVault;
  readonly #session = new Map<string, SessionKey>();

  constructor(private readonly env: ServiceEnv) {
    this.vault = new KeyVault(env.dataDir);
  }

  /**
   * A new key. With a passphrase it is also kept, encrypted, in the vault; without one it lives
   * only in this session (and wherever the caller exports it).
   */
  async generate(type: KeyType, protection: KeyProtection, progress: Progress = () => undefined): Promise<SessionKey> {
    const { label } = describeKeyType(type);
    progress(`Generating ${label} key`);
    const { privateKey, publicKey } = await generateKey(type);
    const base = this.#info(randomUUID(), privateKey, `${label} key, ${this.env.now().toISOString().slice(0, 16).replace('T', ' ')}`);
    let info: KeyInfo = { ...base, source: 'session' };
    if (protection.encrypt) {
      await this.vault.save({ ...base, source: 'vault' }, encodePrivateKey(privateKey, protection));
      info = { ...base, source: 'vault' };
    }
    progress(`Generated ${label} key`, 1);
    return this.#remember({ info, privateKey, publicKey });
  }

  /** Opens a user's key file in any format Certbench reads (PEM, DER, PKCS#1/8, encrypted, PFX…). */
  async openFile(path: string, passphrase?: string): Promise<SessionKey> {
    const privateKey = await openPrivateKeyFile(path, passphrase, this.env.pfxReader, this.env.keyDecryptor);
    const existing = this.#bySpki(spkiSha256(privateKey));
    if (existing) return existing;
    return this.#remember({ info: { ...this.#info(randomUUID(), privateKey, basename(path)), source: 'file' }, privateKey, publicKey: createPublicKey(privateKey) });
  }

  async unlock(id: string, passphrase: string): Promise<SessionKey> {
    const open = this.#session.get(id);
    if (open) return open;
    const info = (await this.vault.list()).find((k) => k.id === id);
    if (!info) throw new CertbenchError('not-found', `No key with id ${id}`);
    const privateKey = await this.vault.unlock(id, passphrase);
    return this.#remember({ info, privateKey, publicKey: createPublicKey(privateKey) });
  }

  /** Vault keys and this session's keys, newest first; `unlocked` says which can sign right now. */
  async list(): Promise<{ info: KeyInfo; unlocked: boolean }[]> {
    const stored = await this.vault.list();
    const all = new Map<string, KeyInfo>(stored.map((k) => [k.id, k]));
    for (const k of this.#session.values()) all.set(k.info.id, k.info);
    return [...all.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((info) => ({ info, unlocked: this.#session.has(info.id) }));
  }

  /** The unlocked key with this id; a vault key that is still locked needs `unlock` first. */
  get(id: string): SessionKey {
    const found = this.#session.get(id);
    if (!found) throw new CertbenchError('password-required', `Key ${id} is locked or unknown: unlock it with its passphrase first`);
    return found;
  }

  /** Matches a certificate's public key (SPKI SHA-256) among all known keys, locked or not. */
  async findBySpki(sha256: string): Promise<{ info: KeyInfo; unlocked: boolean } | undefined> {
    return (await this.list()).find((k) => k.info.spkiSha256 === sha256);
  }

  /** Writes a key file, 0600, encrypted unless the caller explicitly chose otherwise. */
  async exportKey(id: string, path: string, protection: KeyProtection, overwrite = false): Promise<void> {
    const file = this.keyFile(id, path, protection);
    await writeFileSafely(file.path, file.bytes, { overwrite, secret: true });
  }

  /** The key file as one output of several written together (a bundle's key.pem). */
  keyFile(id: string, path: string, protection: KeyProtection): OutputFile {
    return { path, bytes: encodePrivateKey(this.get(id).privateKey, protection), secret: true };
  }

  #bySpki(sha256: string): SessionKey | undefined {
    return [...this.#session.values()].find((k) => k.info.spkiSha256 === sha256);
  }

  #remember(key: SessionKey): SessionKey {
    this.#session.set(key.info.id, key);
    return key;
  }

  #info(id: string, privateKey: KeyObject, label: string): Omit<KeyInfo, 'source'> {
    return {
      id,
      key: describeKeyObject(privateKey),
      label,
      publicKeyPem: publicKeyPem(privateKey),
      spkiSha256: spkiSha256(privateKey),
      createdAt: this.env.now().toISOString(),
    };
  }
}
