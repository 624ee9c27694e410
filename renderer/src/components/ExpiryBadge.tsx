import type { ExpiryStatus } from '../../../shared/model/certificate-summary.js';

const TEXT: Record<ExpiryStatus, (days: number) => string> = {
  expired: (d) => `Expired ${Math.abs(d)} days ago`,
  'not-yet-valid': () => 'Not yet valid',
  soon: (d) => `Expires in ${d} days`,
  ok: (d) => `Valid, ${d} days left`,
};

/** The expiry badge of lists and detail panes: expired / under 60 days / ok; in a grid, the date with the status as its tooltip. */
export function ExpiryBadge({ status, daysLeft, date }: { status: ExpiryStatus; daysLeft: number; date?: string }) {
  return (
    <span className={`badge badge-${status}`} data-expiry={status} title={date === undefined ? undefined : TEXT[status](daysLeft)}>
      {date ?? TEXT[status](daysLeft)}
    </span>
  );
}
