import { CertbenchError } from '../../../shared/errors.js';

/**
 * How much key derivation one untrusted input may cost. A PFX names its own iteration counts, per
 * bag, and a password that does not open it sends the reader round again, so a cap per derivation
 * is no cap: a 2 KB file with ten bags of 2,000,000 iterations each cost minutes. Every derivation
 * of a file (the MAC, every bag, every password tried, the automatic empty one included) draws on
 * one budget; a request that opens several files draws on a larger one; both also have a deadline.
 *
 * Iterations are counted as the derivation runs them: one per hash-output block per iteration
 * (RFC 7292 B.2 and RFC 8018 §5.2 each run the count once per block). Real files cost far less than
 * a file's budget: OpenSSL writes 2,048 iterations, Java 10,000, Windows 2,000, and the 600,000 of a
 * password manager's export stays under half of it.
 */
export const WORK_LIMITS = {
  /** Key-derivation iterations one file may cost, all passwords tried included. */
  iterationsPerFile: 4_000_000,
  /** Wall-clock time for one file's key derivation. */
  millisecondsPerFile: 3_000,
  /** Iterations one request (a command, an IPC call) may cost across every file it opens. */
  iterationsPerRequest: 12_000_000,
  millisecondsPerRequest: 10_000,
} as const;

/** The limit a budget ran out of, named in its error so the message says which one. */
export type WorkLimitName = keyof typeof WORK_LIMITS;

/** How often (in iterations) a running derivation looks at the clock. */
export const CLOCK_CHECK_EVERY = 16_384;

interface Allowance {
  readonly iterations: number;
  readonly iterationsLimit: WorkLimitName;
  readonly deadline: number;
  readonly timeLimit: WorkLimitName;
  spent: number;
}

/**
 * A request's budget. `forFile()` opens a file's budget, which charges both. Not thread-safe and
 * need not be: one request's parsing runs on one thread.
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
    const now = options.now ?? Date.now;
    const request: Allowance = {
      iterations: WORK_LIMITS.iterationsPerRequest,
      iterationsLimit: 'iterationsPerRequest',
      deadline: now() + WORK_LIMITS.millisecondsPerRequest,
      timeLimit: 'millisecondsPerRequest',
      spent: 0,
    };
    return new WorkBudget(request, undefined, options.signal, now);
  }

  /** A budget for one file of this request: its own allowance, also charged to the request's. */
  forFile(): WorkBudget {
    const file: Allowance = {
      iterations: WORK_LIMITS.iterationsPerFile,
      iterationsLimit: 'iterationsPerFile',
      deadline: this.#now() + WORK_LIMITS.millisecondsPerFile,
      timeLimit: 'millisecondsPerFile',
      spent: 0,
    };
    return new WorkBudget(this.#request, file, this.#signal, this.#now);
  }

  /** Iterations still allowed, the smaller of the file's and the request's. */
  get remaining(): number {
    const left = this.#request.iterations - this.#request.spent;
    return this.#file ? Math.min(left, this.#file.iterations - this.#file.spent) : left;
  }

  /** Refuses up front work that cannot fit, so a huge count fails at once instead of after seconds. */
  reserve(iterations: number, what: string): void {
    this.#checkClock();
    for (const allowance of this.#allowances()) {
      if (allowance.spent + iterations > allowance.iterations) throw overBudget(allowance.iterationsLimit, `${what} needs ${iterations} iterations`);
    }
  }

  /** Records iterations already run and stops when the time is up or the request was cancelled. */
  charge(iterations: number): void {
    for (const allowance of this.#allowances()) {
      allowance.spent += iterations;
      if (allowance.spent > allowance.iterations) throw overBudget(allowance.iterationsLimit, 'the key derivations so far exceed it');
    }
    this.#checkClock();
  }

  #checkClock(): void {
    if (this.#signal?.aborted) throw new CertbenchError('cancelled', 'Cancelled while opening the file');
    const now = this.#now();
    for (const allowance of this.#allowances()) {
      if (now > allowance.deadline) throw overBudget(allowance.timeLimit, 'key derivation ran out of time');
    }
  }

  #allowances(): Allowance[] {
    return this.#file ? [this.#file, this.#request] : [this.#request];
  }
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
