/** The expiry filter lists share: every row, only the expired, or expiring within N days (expired included). */
export type ExpiryFilterValue = 'any' | 'expired' | 30 | 60 | 90 | 365;

const CHOICES: readonly { value: ExpiryFilterValue; label: string }[] = [
  { value: 'any', label: 'Any expiry' },
  { value: 'expired', label: 'Expired' },
  { value: 30, label: 'Expiring within 30 days' },
  { value: 60, label: 'Expiring within 60 days' },
  { value: 90, label: 'Expiring within 90 days' },
  { value: 365, label: 'Expiring within a year' },
];

/** Whether a certificate with `daysLeft` passes; rows without a certificate pass only "any". */
export function passesExpiry(filter: ExpiryFilterValue, daysLeft: number | undefined): boolean {
  if (filter === 'any') return true;
  if (daysLeft === undefined) return false;
  return filter === 'expired' ? daysLeft < 0 : daysLeft <= filter;
}

export function ExpiryFilter({ value, onChange }: { value: ExpiryFilterValue; onChange(value: ExpiryFilterValue): void }) {
  return (
    <select aria-label="Expiry filter" value={String(value)} onChange={(e) => onChange(CHOICES.find((c) => String(c.value) === e.target.value)!.value)}>
      {CHOICES.map((c) => (
        <option key={c.value} value={String(c.value)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
