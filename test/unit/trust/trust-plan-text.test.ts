import { describe, expect, it } from 'vitest';
import type { TrustPlan } from '../../../shared/model/trust.js';
import { describePlan } from '../../../shared/model/trust-plan-text.js';

const SHA = 'ab'.repeat(32);

const plan: TrustPlan = {
  storeId: 'linux-debian',
  action: 'remove',
  sha256: SHA,
  steps: [
    { kind: 'run', file: '/bin/rm', args: ['-f', '--', '/usr/local/share/ca-certificates/certbench-x.crt'], elevated: true },
    { kind: 'run', file: 'keytool', args: ['-delete', '-alias', 'debian:certbench-x.pem', '-keystore', '/etc/ssl/certs/java/cacerts (a backed-up temp copy)'], elevated: true, note: 'the alias the hook added' },
    { kind: 'write-file', path: '/tmp/staged\nforged line', elevated: false },
  ],
  needsElevation: true,
  warnings: ['an intermediate as a trust anchor'],
  alreadyDone: false,
  sideEffects: ['hook jks-keystore also runs'],
  platform: 'Linux (Debian/Ubuntu)',
  runnableHere: true,
};

/** The CLI's plan text (trust add/remove --dry-run, where --add-missing): one line for every field of the plan. */
describe('describePlan', () => {
  it('prints the OS, where and with which rights it runs, warnings, each step with its note, and side effects', () => {
    expect(describePlan(plan)).toEqual([
      `Remove ${SHA} from linux-debian (steps for Linux (Debian/Ubuntu))`,
      '  runs on this machine; needs administrator rights: the system asks for them',
      '  warning: an intermediate as a trust anchor',
      '  [admin] $ /bin/rm -f -- /usr/local/share/ca-certificates/certbench-x.crt',
      "  [admin] $ keytool -delete -alias debian:certbench-x.pem -keystore '/etc/ssl/certs/java/cacerts (a backed-up temp copy)'    # the alias the hook added",
      "  write '/tmp/staged\\x0aforged line'",
      '  also: hook jks-keystore also runs',
    ]);
  });

  it("says a plan for another OS's store is only shown, and with which rights it runs there", () => {
    const lines = describePlan({ ...plan, storeId: 'windows-machine-root', platform: 'Windows', runnableHere: false });
    expect(lines[0]).toContain('(steps for Windows)');
    expect(lines[1]).toBe("  a plan for another OS's store: shown for copying, never run here; there it needs administrator rights: the system asks for them");
    expect(describePlan({ ...plan, needsElevation: false })[1]).toBe('  runs on this machine; runs with your own rights');
  });

  it('shows the checksum list a step reads, the program line that elevates the [admin] steps, and the undo', () => {
    const temp = '/usr/local/share/ca-certificates/.certbench-x.crt.certbench-0a.tmp';
    const lines = describePlan({
      ...plan,
      action: 'add',
      steps: [{ kind: 'run', file: '/usr/bin/sha256sum', args: ['--check', '--status', '--strict', '-'], stdin: `${SHA}  ${temp}\n${SHA}  /tmp/b\n`, elevated: true }],
      elevatedVia: '/usr/bin/pkexec /usr/bin/env ELECTRON_RUN_AS_NODE=1 /usr/bin/node /opt/c/elevated-runner.cjs <the [admin] steps as JSON>',
      onFailure: [{ kind: 'run', file: '/bin/rm', args: ['-f', temp], elevated: true }],
      sideEffects: [],
    });
    expect(lines.slice(3)).toEqual([
      `  [admin] $ /usr/bin/sha256sum --check --status --strict - < stdin: '${SHA}  ${temp}', '${SHA}  /tmp/b'`,
      '  the [admin] steps run one by one, each as its own argv (no shell), by: /usr/bin/pkexec /usr/bin/env ELECTRON_RUN_AS_NODE=1 /usr/bin/node /opt/c/elevated-runner.cjs <the [admin] steps as JSON>',
      `  if a step fails, the rest are skipped and these run: [admin] $ /bin/rm -f ${temp}`,
    ]);
  });

  it('a plan with nothing to do says so instead of listing steps', () => {
    expect(describePlan({ ...plan, action: 'add', steps: [], alreadyDone: true, sideEffects: [] })).toEqual([
      `Add ${SHA} to linux-debian (steps for Linux (Debian/Ubuntu))`,
      '  nothing to do: the store already holds it',
    ]);
  });
});
