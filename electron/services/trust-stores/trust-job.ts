import type { PlanStep, TrustPlan } from '../../../shared/model/trust.js';

/** A plan step with the data it needs to run (file content, environment, expected exit codes). */
export type JobStep =
  | {
      readonly kind: 'run';
      readonly file: string;
      readonly args: readonly string[];
      readonly elevated: boolean;
      readonly note?: string;
      /** Extra environment, e.g. the data a constant PowerShell script reads. */
      readonly env?: Readonly<Record<string, string>>;
      /** An elevated step's stdin: only the checksum list of a verified copy (elevated-command.ts). */
      readonly stdin?: string;
    }
  | { readonly kind: 'write-file'; readonly path: string; readonly content: Uint8Array; readonly elevated: false; readonly note?: string }
  | { readonly kind: 'remove-file'; readonly path: string; readonly elevated: false; readonly note?: string }
  | { readonly kind: 'make-dir'; readonly path: string; readonly elevated: false; readonly note?: string }
  | {
      /**
       * A Java keystore change the keystore service carries out (backup, keytool on a copy, verify,
       * swap, elevated when the store is root's), so a cacerts is edited one way only whichever
       * store asks; shown as the keytool run it makes.
       */
      readonly kind: 'keystore-edit';
      readonly shown: { readonly file: string; readonly args: readonly string[] };
      readonly elevated: boolean;
      readonly note?: string;
      readonly apply: () => Promise<void>;
    };

/** A plan and what it takes to carry it out; `plan` is what the user sees. */
export interface TrustJob {
  readonly plan: TrustPlan;
  readonly steps: readonly JobStep[];
  /** Temp directory to delete once the job ran or was discarded (staged files). */
  readonly stagingDir?: string;
  /** Steps that take a failed job back to where it started (e.g. delete the anchor just written). */
  readonly undo?: readonly JobStep[];
}

/** The displayable part of a step (no file contents, no env values). */
export function toPlanStep(step: JobStep): PlanStep {
  const note = step.note === undefined ? {} : { note: step.note };
  if (step.kind === 'run') {
    // The checksum list is part of what runs: shown, like the argv, so the plan is the whole step.
    const stdin = step.stdin === undefined ? {} : { stdin: step.stdin };
    return { kind: 'run', file: step.file, args: [...step.args], elevated: step.elevated, ...stdin, ...note };
  }
  if (step.kind === 'keystore-edit') return { kind: 'run', file: step.shown.file, args: [...step.shown.args], elevated: step.elevated, ...note };
  return { kind: step.kind, path: step.path, elevated: step.elevated, ...note };
}

export type JobBase = Pick<TrustPlan, 'storeId' | 'action' | 'sha256' | 'warnings' | 'platform'> &
  Partial<Pick<TrustPlan, 'sideEffects' | 'runnableHere'>> & { needsElevation?: boolean };

/** Builds a job; `needsElevation` is true when any step runs elevated unless the adapter says otherwise. */
export function makeJob(
  base: JobBase,
  steps: readonly JobStep[],
  extra: { stagingDir?: string | undefined; undo?: readonly JobStep[] } = {},
): TrustJob {
  const plan: TrustPlan = {
    storeId: base.storeId,
    action: base.action,
    sha256: base.sha256,
    warnings: base.warnings,
    steps: steps.map(toPlanStep),
    needsElevation: base.needsElevation ?? steps.some((s) => s.elevated),
    alreadyDone: steps.length === 0,
    sideEffects: steps.length === 0 ? [] : (base.sideEffects ?? []),
    platform: base.platform,
    runnableHere: base.runnableHere ?? true,
    ...(extra.undo === undefined || steps.length === 0 ? {} : { onFailure: extra.undo.map(toPlanStep) }),
  };
  return {
    plan,
    steps,
    ...(extra.stagingDir === undefined ? {} : { stagingDir: extra.stagingDir }),
    ...(extra.undo === undefined ? {} : { undo: extra.undo }),
  };
}
