import type { Diagnosis, Severity } from '../../../../shared/model/chain-diagnosis.js';
import type { DiagnosisContext, DiagnosisRule } from './diagnosis-context.js';
import { presentationDiagnoses } from './presentation-rules.js';
import { lintDiagnoses, problemDiagnoses } from './problem-rules.js';
import { trustDiagnoses } from './trust-rules.js';
import { expiredCrossSignDiagnoses, expiringSoonDiagnoses } from './validity-rules.js';

const RULES: readonly DiagnosisRule[] = [
  trustDiagnoses,
  problemDiagnoses,
  presentationDiagnoses,
  expiredCrossSignDiagnoses,
  expiringSoonDiagnoses,
  lintDiagnoses,
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Messages quote certificate names, which a hostile certificate can make huge; the DTO caps them. */
const MAX_TEXT = 2000;
const clamp = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** Every diagnosis for one report, errors first, in rule order within a severity. */
export function diagnose(ctx: DiagnosisContext): Diagnosis[] {
  return RULES.flatMap((rule) => rule(ctx))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity])
    .map((d) => ({ ...d, message: clamp(d.message), fix: { ...d.fix, text: clamp(d.fix.text) } }));
}
