import { CertbenchError } from '../../../shared/errors.js';

/**
 * What clients enforce on server certificates whatever the CA (Apple's 2019 rules, Chrome):
 * at most 825 days, a SAN, serverAuth in the EKU. Applied by default; `relaxed` lifts only the
 * validity cap, for lab CAs.
 */
export const MAX_SERVER_CERT_DAYS = 825;
export const MAX_CA_DAYS = 25 * 365;

export function checkServerValidity(days: number, relaxed: boolean): void {
  if (!Number.isInteger(days) || days < 1) throw new CertbenchError('invalid-request', 'Validity must be a whole number of days, at least 1');
  if (!relaxed && days > MAX_SERVER_CERT_DAYS) {
    throw new CertbenchError('invalid-request', `Clients reject server certificates valid for more than ${MAX_SERVER_CERT_DAYS} days (asked for ${days})`);
  }
}

export function checkCaValidity(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_CA_DAYS) {
    throw new CertbenchError('invalid-request', `CA validity must be between 1 and ${MAX_CA_DAYS} days`);
  }
}

export function requireSans(count: number): void {
  if (count === 0) throw new CertbenchError('invalid-request', 'A server certificate needs at least one SAN: clients ignore the CN');
}

/** The validity window: backdated a minute so a client with a slightly slow clock accepts it at once. */
export function validity(now: Date, days: number, notAfterCap?: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  if (notAfterCap && notAfter > notAfterCap) {
    throw new CertbenchError('invalid-request', `The certificate would outlive its CA (CA expires ${notAfterCap.toISOString().slice(0, 10)})`);
  }
  return { notBefore, notAfter };
}
