import { readFileSync, readdirSync } from 'node:fs';
import { summarizeCertificate, parseCertificate } from './shared/pki/certificate-summary.js';
import { certificateDers } from './shared/pki/cert-scan.js';
import { BasicConstraintsExtension, SubjectAlternativeNameExtension } from './shared/pki/x509.js';
const now = new Date('2026-01-01');
const files = [...readdirSync('/work/shared/suites/zlint').filter(f => f.endsWith('.pem')).map(f => '/work/shared/suites/zlint/' + f), '/etc/ssl/certs/ca-certificates.crt'];
let same = 0, diff = 0, oldFail = 0, newFail = 0;
const diffs: Record<string, number> = {};
for (const f of files) {
  let ders: Uint8Array[] = [];
  try { ders = certificateDers(readFileSync(f)); } catch { continue; }
  for (const der of ders) {
    let cert; try { cert = parseCertificate(der); } catch { oldFail++; continue; }
    let fast; try { fast = summarizeCertificate(der, now); } catch (e) { newFail++; console.log('newfail', f, (e as Error).message); continue; }
    let oldSans: unknown = 'ERR'; try { oldSans = cert.getExtension(SubjectAlternativeNameExtension)?.names.items.map(n => n.value) ?? []; } catch {}
    const old: Record<string, unknown> = { subject: cert.subject, issuer: cert.issuer, serial: cert.serialNumber.toLowerCase(), sans: oldSans, isCA: cert.getExtension(BasicConstraintsExtension)?.ca ?? false };
    try { const alg = cert.publicKey.algorithm as any; old.keyType = alg.namedCurve ? `EC ${alg.namedCurve}` : alg.modulusLength ? `RSA ${alg.modulusLength}` : alg.name; } catch { old.keyType = 'ERR'; }
    const mine: Record<string, unknown> = { ...fast, sans: fast.sans.map(s => s.value) };
    let ok = true;
    for (const k of Object.keys(old)) if (JSON.stringify(old[k]) !== JSON.stringify(mine[k]) && old[k] !== 'ERR' && old.sans !== 'ERR') { ok = false; diffs[k] = (diffs[k] ?? 0) + 1; if (!(k==="keyType" && String(old[k]).includes("10040")) && !(String(old[k]).endsWith(", ")) && diffs[k]! <= 40) console.log(k, f.split('/').pop(), JSON.stringify(old[k]).slice(0,150), '|', JSON.stringify(mine[k]).slice(0,150)); }
    ok ? same++ : diff++;
  }
}
console.log({ same, diff, oldFail, newFail, diffs });
