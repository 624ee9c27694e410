import type { CertificateDetail } from '../../../shared/model/certificate-detail.js';
import type { InspectedObject } from '../../../shared/model/inspected-object.js';
import type { ScanStatus } from '../../../shared/model/scan.js';

/** An inspected object with its certificate detail (certificates only) for printing. */
export interface PrintableObject {
  readonly source: string;
  readonly object: InspectedObject;
  readonly detail?: CertificateDetail;
}

/** `--json` form: the kind, the object's public fields, ids replaced by certificate SHA-256s. */
export function objectJson(item: PrintableObject, shaById: ReadonlyMap<string, string>): Record<string, unknown> {
  const { object, source } = item;
  const common = { kind: object.kind, source, origin: object.origin };
  switch (object.kind) {
    case 'certificate': {
      return { ...common, ...object.summary, ...(object.label !== undefined ? { label: object.label } : {}), ...(item.detail ? { detail: item.detail } : {}) };
    }
    case 'private-key': {
      const { id: _id, matchesCertificateId, kind: _k, origin: _o, ...rest } = object;
      return { ...common, ...rest, ...(matchesCertificateId ? { matchesCertificateSha256: shaById.get(matchesCertificateId) } : {}) };
    }
    case 'keystore':
      return {
        ...common,
        format: object.format,
        entries: object.entries.map((e) => ({ alias: e.alias, type: e.type, certificates: e.certificateIds.map((id) => shaById.get(id)) })),
      };
    default: {
      const { id: _id, kind: _k, origin: _o, ...rest } = object;
      return { ...common, ...rest };
    }
  }
}

/**
 * Human-readable form of one object, one string per line. `certificates` names each certificate id (subject and
 * file) for the key-to-certificate match; `status` is the certificate's expiry against the window asked for.
 */
export function objectText(item: PrintableObject, certificates: ReadonlyMap<string, string>, status?: ScanStatus): string[] {
  const { object } = item;
  const head = `${object.origin} — ${item.source}`;
  switch (object.kind) {
    case 'certificate':
      return item.detail
        ? certificateText(item.detail, head, status, object.label)
        : lines(`Certificate  ${object.summary.subject}`, [
            ['From', head],
            ['Valid', validity(object.summary.notBefore, object.summary.notAfter, status ?? object.summary.expiry, object.summary.daysLeft)],
          ]);
    case 'private-key':
      return lines(`Private key  ${object.key.label}`, [
        ['From', head],
        ['Encoding', `${object.encoding}${object.encrypted ? ' (encrypted)' : ''}`],
        ['SPKI SHA-256', object.key.spkiSha256],
        ['Matches', (object.matchesCertificateId && certificates.get(object.matchesCertificateId)) || 'no certificate among the files given'],
      ]);
    case 'public-key':
      return lines(`Public key  ${object.key.label}`, [['From', head], ['SPKI SHA-256', object.key.spkiSha256]]);
    case 'csr':
      return lines(`CSR  ${object.subject}`, [
        ['From', head],
        ['Key', object.key.label],
        ['SANs', object.sans.map((s) => `${s.type}:${s.value}`).join(', ') || '(none)'],
        ['Signature', object.signature],
        ['SHA-256', object.sha256],
      ]);
    case 'pkcs7':
      return lines(`PKCS#7  ${object.certificateCount} certificate(s)`, [['From', head]]);
    case 'pkcs12':
      return lines(`PKCS#12  ${object.certificateCount} certificate(s), ${object.keyCount} key(s)`, [
        ['From', head],
        ['Integrity', object.integrity],
        ['Certificates', object.certificateEncryption.join('; ') || '(none)'],
        ['Keys', object.keyEncryption.join('; ') || '(none)'],
        ['Password', object.password],
      ]);
    case 'keystore':
      return lines(`${object.format} keystore  ${object.entries.length} entr${object.entries.length === 1 ? 'y' : 'ies'}`, [
        ['From', head],
        ...object.entries.map((e): [string, string] => [e.alias, `${e.type}, ${e.certificateIds.length} certificate(s)`]),
      ]);
  }
}

function validity(notBefore: string, notAfter: string, status: string, daysLeft: number): string {
  return `${notBefore} \u2192 ${notAfter} (${status}, ${daysLeft} days left)`;
}

function certificateText(d: CertificateDetail, head: string, status: ScanStatus | undefined, label?: string): string[] {
  const ext = d.extensions.flatMap((e) => [`  ${e.name}${e.name === 'Unknown extension' ? ` ${e.oid}` : ''}${e.critical ? ' (critical)' : ''}`, ...e.lines.map((l) => `      ${l}`)]);
  return [
    ...lines(`Certificate  ${d.subject.display}`, [
      ['From', head],
      ...(label !== undefined ? [['Label', label] as [string, string]] : []),
      ['Version', String(d.version)],
      ['Issuer', d.issuer.display],
      ['Serial', `${d.serialHex} (${d.serialDecimal})`],
      ['Valid', validity(d.notBefore, d.notAfter, status ?? d.expiry, d.daysLeft)],
      ['Signature', d.signatureAlgorithm.name],
      ['Key', d.publicKey.label],
      ['SHA-1', d.sha1],
      ['SHA-256', d.sha256],
      ['SPKI SHA-256', d.publicKey.spkiSha256],
    ]),
    '',
    '  Extensions',
    ...(ext.length ? ext.map((l) => `  ${l}`) : ['    (none)']),
  ];
}

function lines(title: string, rows: readonly (readonly [string, string])[]): string[] {
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(13)}${v}`)];
}
