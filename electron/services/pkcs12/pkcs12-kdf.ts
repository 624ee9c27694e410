import { createHash } from 'node:crypto';
import { CLOCK_CHECK_EVERY, derivationCost, type WorkBudget } from './work-budget.js';

/**
 * The password as the PKCS#12 KDF takes it (RFC 7292 B.1): BMPString, UTF-16BE, plus a two-byte
 * NUL; `null` is the absent password (zero bytes), which some tools write instead of "".
 */
export function bmpPassword(password: string | null): Uint8Array {
  if (password === null) return new Uint8Array(0);
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8;
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** Hash name → [output bytes u, block bytes v] for the KDF (RFC 7292 B.2). */
const SIZES: Readonly<Record<string, readonly [number, number]>> = {
  sha1: [20, 64],
  sha224: [28, 64],
  sha256: [32, 64],
  sha384: [48, 128],
  sha512: [64, 128],
};

/** Purposes of derived material (RFC 7292 B.3). */
export const KDF_ID = { key: 1, iv: 2, mac: 3 } as const;

/** Output length of `hash` in bytes. */
export const digestLength = (hash: string): number => SIZES[hash]![0];

/**
 * RFC 7292 Appendix B.2: `length` bytes of key, IV or MAC key material from a BMP password and salt.
 * node:crypto does not offer it, and node-forge's generateKey (as fast, measured) cannot be stopped
 * midway, so this loop charges `budget` as it runs and stops at its limits or a cancel.
 */
export function pkcs12Kdf(hash: string, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, length: number, budget: WorkBudget): Buffer {
  const [u, v] = SIZES[hash]!;
  const meter = budget.start('a PKCS#12 key derivation', derivationCost(hash, iterations, Math.ceil(length / u)));
  const chunk = derivationCost(hash, CLOCK_CHECK_EVERY, 1);
  const repeat = (src: Uint8Array): Buffer => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const input = Buffer.concat([repeat(salt), repeat(password)]);
  const diversifier = Buffer.alloc(v, id);
  const chunks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let a = createHash(hash).update(diversifier).update(input).digest();
    for (let i = 1; i < iterations; i++) {
      a = createHash(hash).update(a).digest();
      if (i % CLOCK_CHECK_EVERY === 0) meter.tick(chunk);
    }
    meter.tick(derivationCost(hash, iterations % CLOCK_CHECK_EVERY, 1));
    chunks.push(a);
    const b = Buffer.alloc(v);
    for (let i = 0; i < v; i++) b[i] = a[i % u]!;
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(chunks).subarray(0, length);
}
