import { readFile } from 'node:fs/promises';
import type initSqlJs from 'sql.js/dist/sql-asm.js';

/** PKCS#11 object class of a certificate (CKO_CERTIFICATE), as NSS's sqlite store keeps a ULONG: 4 bytes, big-endian. */
const CKO_CERTIFICATE = '00000001';

let engine: Promise<initSqlJs.SqlJsStatic> | undefined;

/**
 * Every certificate's DER in an NSS `sql:` database by nickname, read from cert9.db in one pass.
 * NSS keeps PKCS#11 objects in the `nssPublic` table, one column per attribute named `a` + the
 * attribute type in hex: a0 = CKA_CLASS, a3 = CKA_LABEL (the nickname), a11 = CKA_VALUE (the DER).
 * certutil exports one nickname per process, so this is what keeps a listing with DER near the
 * cost of a bare `certutil -L`. The caller falls back to certutil for anything not found here.
 */
export async function readNssCertificates(certDb: string): Promise<Map<string, Uint8Array[]>> {
  engine ??= import('sql.js/dist/sql-asm.js').then((m) => m.default());
  const SQL = await engine;
  const db = new SQL.Database(await readFile(certDb));
  try {
    const rows = db.exec(`SELECT a3, a11 FROM nssPublic WHERE hex(a0) = '${CKO_CERTIFICATE}'`)[0]?.values ?? [];
    const out = new Map<string, Uint8Array[]>();
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (const [label, value] of rows) {
      if (!(label instanceof Uint8Array) || !(value instanceof Uint8Array)) continue;
      const nickname = utf8.decode(label);
      out.set(nickname, [...(out.get(nickname) ?? []), new Uint8Array(value)]);
    }
    return out;
  } finally {
    db.close();
  }
}
