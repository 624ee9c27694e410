import type { CsrIssue, CsrPlan, CsrSpec, SanRow } from '../model/csr.js';
import type { KeyDescription } from '../model/keys-constants.js';
import { checkDnsName } from './dns-name.js';
import { checkSan } from './san.js';
import { checkSubject } from './subject.js';
import { isInternalName } from './internal-names.js';

/**
 * Turns the designer's state into the CSR that will be built: normalised subject and SANs,
 * blocking errors, and warnings for what CAs and Apple clients reject. Main refuses a plan with
 * errors; the renderer shows the same plan as its live preview.
 */
export function planCsr(spec: CsrSpec, key: KeyDescription): CsrPlan {
  const { attributes, errors } = checkSubject(spec.subject);
  const warnings: CsrIssue[] = [];
  const notes: string[] = [];
  const sans: SanRow[] = [];
  const seen = new Set<string>();
  const add = (row: SanRow, where: string) => {
    const id = `${row.type}:${row.value}`;
    if (seen.has(id)) warnings.push({ where, message: `${row.value} is listed twice; it is requested once` });
    else {
      seen.add(id);
      sans.push(row);
    }
  };
  const cn = attributes.find((a) => a.field === 'CN')?.value;
  if (spec.addCnToSan && cn) {
    const dns = checkDnsName(cn);
    if (dns.ok) {
      seen.add(`dns:${dns.value}`);
      sans.push({ type: 'dns', value: dns.value });
    } else warnings.push({ where: 'subject.CN', message: 'The CN is not a host name, so it was not added to the SANs' });
  }
  spec.sans.forEach((row, i) => {
    if (row.value.trim() === '') return;
    const r = checkSan(row.type, row.value);
    if (!r.ok) errors.push({ where: `sans.${i}`, message: r.message });
    else {
      if (r.note) notes.push(r.note);
      add(r.row, `sans.${i}`);
    }
  });
  if (attributes.length === 0 && sans.length === 0) errors.push({ where: 'subject.CN', message: 'Enter a Common Name or at least one SAN' });
  warnings.push(...keyWarnings(spec, key));
  if (sans.length === 0) {
    warnings.push({ where: 'sans', message: 'No SAN: browsers, Apple clients and public CAs ignore the CN and reject such certificates' });
  }
  const internal = sans.filter(isInternalName).map((s) => s.value);
  if (internal.length > 0) {
    warnings.push({ where: 'sans', message: `Public CAs do not issue for internal names or private IPs: ${internal.slice(0, 5).join(', ')}${internal.length > 5 ? ', …' : ''}` });
  }
  const keyUsage = key.family === 'rsa' ? spec.keyUsage : spec.keyUsage.filter((u) => u !== 'keyEncipherment');
  if (keyUsage.length !== spec.keyUsage.length) {
    warnings.push({ where: 'keyUsage', message: 'keyEncipherment applies only to RSA keys and was left out' });
  }
  return {
    subject: attributes.map((a) => ({ field: a.field, value: a.value })),
    sans,
    notes,
    key,
    hash: spec.hash,
    keyUsage,
    extendedKeyUsage: spec.extendedKeyUsage,
    errors,
    warnings,
  };
}

function keyWarnings(spec: CsrSpec, key: KeyDescription): CsrIssue[] {
  const out: CsrIssue[] = [];
  if (key.family === 'rsa' && key.bits < 2048) out.push({ where: 'key', message: `RSA ${key.bits} is refused by CAs and browsers: use 2048 bits or more` });
  if (key.family === 'ed25519') out.push({ where: 'key', message: 'Ed25519 is not accepted by most CAs' });
  if (key.family === 'other') out.push({ where: 'key', message: `${key.label} keys are not accepted by CAs for TLS certificates` });
  if (key.family === 'ec' && key.bits === 384 && spec.hash === 'SHA-256') {
    out.push({ where: 'hash', message: 'ECDSA P-384 pairs with SHA-384; many CAs refuse SHA-256 with P-384' });
  }
  return out;
}
