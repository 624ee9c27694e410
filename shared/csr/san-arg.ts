import type { SanType } from '../model/csr-constants.js';
import type { SanRow } from '../model/csr.js';
import { parseIp } from '../pki/ip-address.js';

const ALIASES: Readonly<Record<string, SanType>> = { dns: 'dns', ip: 'ip', email: 'email', uri: 'uri', url: 'uri', rfc822: 'email' };

/**
 * A `--san` argument (`dns:a.example`, `ip:10.0.0.5`, `email:…`, `uri:…`; openssl's `DNS:`/`IP:`
 * spellings too) as an unvalidated row. Without a prefix the type is guessed from the text.
 */
export function parseSanArg(arg: string): SanRow {
  const m = /^([A-Za-z0-9]+):(.*)$/s.exec(arg);
  const type = m ? ALIASES[m[1]!.toLowerCase()] : undefined;
  if (m && type) return { type, value: m[2]! };
  return { type: guessSanType(arg), value: arg };
}

export function guessSanType(text: string): SanType {
  if (parseIp(text)) return 'ip';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) return 'uri';
  if (text.includes('@')) return 'email';
  return 'dns';
}
