import { CertbenchError } from '../../../shared/errors.js';

/**
 * How much key derivation one untrusted input may cost. A PFX names its own iteration counts, per
 * bag, and a password that does not open it sends the reader round again, so a cap per derivation
 * is no cap: a 2 KB file with ten bags of 2,000,000 iterations each cost minutes. Every derivation
 * of a file (the MAC, every bag, every password tried, the automatic empty one included) draws on
 * one budget; a request that opens several files draws on a larger one; both also bound the time
 * that derivation takes.
 *
 * Iterations are counted as the derivation runs them: one per hash-output block per iteration
 * (RFC 7292 B.2 and RFC 8018 §5.2 each run the count once per block). Real files cost far less than
 * a file's budget: OpenSSL writes 2,048 iterations, Java 10,000, Windows 2,000, and the 600,000 of a
 * password manager's export stays under half of it.
 */
export const WORK_LIMITS = {
  /** Key-derivation iterations one file may cost, all passwords tried included. */
  iterationsPerFile: 4_000_000,
  /** Time one file's key derivation may take. */
  millisecondsPerFile: 2_500,
  /** Iterations one request (a command, an IPC call) may cost across every file it opens. */
  iterationsPerRequest: 12_000_000,
  /** Time the key derivation of one request's files may take in all. */
  millisecondsPerRequest: 10_000,
} as const;

/** The limit a budget ran out of, named in its error so the message says which one. */
export type WorkLimitName = keyof typeof WORK_LIMITS;

/** How often (in iterations) a running derivation looks at the clock. */
export const CLOCK_CHECK_EVERY = 16_384;

interface Allowance {
  readonly iterations: number;
  readonly iterationsLimit: WorkLimitName;
  readonly milliseconds: number;
  readonly timeLimit: WorkLimitName;
  spentIterations: number;
  spentMilliseconds: number;
}

/** One key derivation in progress: it reports the iterations it ran, and the time they took. */
export interface DerivationMeter {
  /** Records `iterations` more; throws when a limit is passed or the request was cancelled. */
  tick(iterations: number): void;
}

/**
 * A request's budget. `forFile()` opens a file's budget, which charges both. Time is what key
 * derivation took, not wall-clock since the request began, so reading many small files is never
 * refused for the time spent on the others. One request's parsing runs on one thread.
 */
export class WorkBudget {
  readonly #request: Allowance;
  readonly #file: Allowance | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => number;

  private constructor(request: Allowance, file: Allowance | undefined, signal: AbortSignal | undefined, now: () => number) {
    this.#request = request;
    this.#file = file;
    this.#signal = signal;
    this.#now = now;
  }

  /** A fresh request budget; `signal` cancels the work between iteration chunks. */
  static forRequest(options: { signal?: AbortSignal; now?: () => number } = {}): WorkBudget {
    const request = allowance('iterationsPerRequest', 'millisecondsPerRequest');
    return new WorkBudget(request, undefined, options.signal, options.now ?? (() => performance.now()));
  }

  /** A budget for one file of this request: its own allowance, also charged to the request's. */
  forFile(): WorkBudget {
    return new WorkBudget(this.#request, allowance('iterationsPerFile', 'millisecondsPerFile'), this.#signal, this.#now);
  }

  /**
   * Starts a derivation of `iterations` in all, refused at once when it cannot fit (so a huge count
   * fails before any work, not after seconds of it).
   */
  start(what: string, iterations: number): DerivationMeter {
    this.#checkCancel();
    for (const a of this.#allowances()) {
      if (a.spentIterations + iterations > a.iterations) {
        const spent = a.spentIterations.toLocaleString('en-US');
        throw overBudget(a.iterationsLimit, `${what} of ${iterations.toLocaleString('en-US')} iterations, after ${spent} already run`);
      }
    }
    let last = this.#now();
    return {
      tick: (ran) => {
        const now = this.#now();
        for (const a of this.#allowances()) {
          a.spentIterations += ran;
          a.spentMilliseconds += now - last;
          if (a.spentIterations > a.iterations) throw overBudget(a.iterationsLimit, `${what} ran past it`);
          if (a.spentMilliseconds > a.milliseconds) throw overBudget(a.timeLimit, `${what} ran out of time`);
        }
        last = now;
        this.#checkCancel();
      },
    };
  }

  #checkCancel(): void {
    if (this.#signal?.aborted) throw new CertbenchError('cancelled', 'Cancelled while opening the file');
  }

  #allowances(): Allowance[] {
    return this.#file ? [this.#file, this.#request] : [this.#request];
  }
}

function allowance(iterationsLimit: WorkLimitName, timeLimit: WorkLimitName): Allowance {
  return { iterations: WORK_LIMITS[iterationsLimit], iterationsLimit, milliseconds: WORK_LIMITS[timeLimit], timeLimit, spentIterations: 0, spentMilliseconds: 0 };
}

function overBudget(limit: WorkLimitName, detail: string): CertbenchError {
  const value = WORK_LIMITS[limit];
  const scope = limit.endsWith('File') ? 'one file' : 'one request';
  const bound = limit.startsWith('iterations') ? `${value.toLocaleString('en-US')} key-derivation iterations` : `${value / 1000} s of key derivation`;
  return new CertbenchError(
    'work-limit',
    `Refused: ${detail}; Certbench allows ${bound} for ${scope} (limit ${limit}), so a hostile file cannot stall it. Re-export the file with fewer iterations or bags`,
  );
}
