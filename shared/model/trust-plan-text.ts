import type { PlanStep, TrustPlan } from './trust.js';

/** One plan step as a line for previews: `[admin] $ file 'arg'`, `write <path>`, `delete <path>`. */
export function describeStep(step: PlanStep): string {
  const prefix = step.elevated ? '[admin] ' : '';
  if (step.kind === 'run') {
    // A line per checksum, each quoted: the newlines that end them are the format, not content.
    const stdin = step.stdin === undefined ? '' : ` < stdin: ${step.stdin.replace(/\n$/, '').split('\n').map(quoteForDisplay).join(', ')}`;
    return `${prefix}$ ${[step.file, ...step.args].map(quoteForDisplay).join(' ')}${stdin}`;
  }
  const verb = { 'write-file': 'write', 'remove-file': 'delete', 'make-dir': 'mkdir' }[step.kind];
  return `${prefix}${verb} ${quoteForDisplay(step.path)}`;
}

/**
 * The whole plan as text lines, as the CLI prints it: every field of the plan has its line (the OS
 * in the head, where it runs and with which rights, warnings, steps, side effects), as in the app's plan dialog.
 */
export function describePlan(plan: TrustPlan): string[] {
  const head = `${plan.action === 'add' ? 'Add' : 'Remove'} ${plan.sha256} ${plan.action === 'add' ? 'to' : 'from'} ${plan.storeId} (steps for ${plan.platform})`;
  if (plan.alreadyDone) return [head, `  nothing to do: the store ${plan.action === 'add' ? 'already holds' : 'does not hold'} it`];
  const rights = plan.needsElevation ? 'needs administrator rights: the system asks for them' : 'runs with your own rights';
  return [
    head,
    plan.runnableHere ? `  runs on this machine; ${rights}` : `  a plan for another OS's store: shown for copying, never run here; there it ${rights}`,
    ...plan.warnings.map((w) => `  warning: ${w}`),
    ...plan.steps.map((s) => `  ${describeStep(s)}${s.note ? `    # ${s.note}` : ''}`),
    ...describeSafeguards(plan).map((line) => `  ${line}`),
    ...plan.sideEffects.map((e) => `  also: ${e}`),
  ];
}

/** How the [admin] steps are run, and what runs when a step fails: the lines the CLI and the app's dialog both show. */
export function describeSafeguards(plan: TrustPlan): string[] {
  return [
    ...(plan.elevatedVia ? [`the [admin] steps run one by one, each as its own argv (no shell), by: ${plan.elevatedVia}`] : []),
    ...(plan.onFailure && plan.onFailure.length > 0 ? [`if a step fails, the rest are skipped and these run: ${plan.onFailure.map(describeStep).join('; ')}`] : []),
  ];
}

/**
 * POSIX-style quoting for display only (nothing is ever run through a shell); control
 * characters are shown escaped so a hostile name cannot forge extra plan lines.
 */
export function quoteForDisplay(arg: string): string {
  if (/^[A-Za-z0-9._/:=,@+-]+$/.test(arg)) return arg;
  const visible = arg.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `'${visible.replace(/'/g, `'\\''`)}'`;
}
