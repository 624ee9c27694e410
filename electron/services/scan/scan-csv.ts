import type { ScanFinding } from '../../../shared/model/scan.js';

const COLUMNS = ['status', 'daysLeft', 'notAfter', 'kind', 'where', 'subject', 'sans', 'issuer', 'serial', 'keyType', 'sha256', 'chainTrusted', 'chainProblems'] as const;

/**
 * RFC 4180 CSV of the findings, one row each, CRLF line ends. A cell a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe: certificate fields are attacker-chosen text.
 */
export function findingsCsv(findings: readonly ScanFinding[]): string {
  const rows = findings.map((f) =>
    [f.status, String(f.daysLeft), ...[f.notAfter, f.kind, f.where, f.subject, f.sans.join(' '), f.issuer, f.serial, f.keyType, f.sha256, f.chain ? String(f.chain.trusted) : '', f.chain?.problems.join(' ') ?? ''].map(cell)],
  );
  return [[...COLUMNS], ...rows].map((r) => `${r.join(',')}\r\n`).join('');
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
