import type { ExpiryStatus } from '../model/certificate-summary.js';

const DAY_MS = 86_400_000;
/** Certificates with fewer days than this left get the "soon" badge (issue: under 60 days). */
export const EXPIRING_SOON_DAYS = 60;

export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function expiryStatus(notBefore: Date, notAfter: Date, now: Date): ExpiryStatus {
  if (now.getTime() > notAfter.getTime()) return 'expired';
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  return daysLeft(notAfter, now) < EXPIRING_SOON_DAYS ? 'soon' : 'ok';
}
