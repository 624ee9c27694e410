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
 * (RFC 7292 B.2 and RFC 8018 §5.2 each run the count once per block), SHA-384/512 ones twice (see
 * derivationCost). Real files cost far less than a file's budget: OpenSSL writes 2,048 iterations,
 * Java 10,000, Windows 2,000; a file of 600,000 SHA-256 iterations (MAC, certificates, key) opens
 * too. The PKCS#12 KDF runs about a million iterations a second here, native PBKDF2 five times
 * that, so a file's budget is about 2 s of work on an idle machine; the time limit is the backstop
 * for a loaded one. Native PBKDF2 cannot be stopped midway: the iteration budget also bounds that
 * stretch (about 0.5 s here).
 */
export const WORK_LIMITS = {
  /** Key-derivation iterations one file may cost, all passwords tried included. */
  iterationsPerFile: 2_000_000,
  /** Time one file's key derivation may take. */
  millisecondsPerFile: 3_000,
  /** Iterations one request (a command, an IPC call) may cost across every file it opens. */
  iterationsPerRequest: 8_000_000,
  /** Time the key derivation of one request's files may take in all. */
  millisecondsPerRequest: 12_000,
} as const;

/** The limit a budget ran out of, named in its error so the message says which one. */
export type WorkLimitName = keyof typeof WORK_LIMITS;

/** How often (in iterations) a running derivation looks at the clock. */
export const CLOCK_CHECK_EVERY = 16_384;

/**
 * What `iterations` of `hash`, for `blocks` output blocks, cost against a budget. SHA-384/512 work
 * on 64-bit words: node:crypto's PBKDF2 took 2.7× as long per iteration with SHA-512 as with
 * SHA-256 (measured), so they count double.
 */
export function derivationCost(hash: string, iterations: number, blocks: number): number {
  return iterations * blocks * (hash === 'sha384' || hash === 'sha512' ? 2 : 1);
}

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
  /**
   * For derivation that runs elsewhere and cannot be stopped midway (native PBKDF2 on libuv's
   * pool): the answer waits no longer than the time left, nor past a cancel, and then records
   * `iterations`. The abandoned work runs out on its pool thread; main is not blocked by it.
   */
  await<T>(work: Promise<T>, iterations: number): Promise<T>;
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
    const tick = (ran: number): void => {
      const now = this.#now();
      for (const a of this.#allowances()) {
        a.spentIterations += ran;
        a.spentMilliseconds += now - last;
        if (a.spentIterations > a.iterations) throw overBudget(a.iterationsLimit, `${what} ran past it`);
        if (a.spentMilliseconds > a.milliseconds) throw overBudget(a.timeLimit, `${what} ran out of time`);
      }
      last = now;
      this.#checkCancel();
    };
    const await_ = <T>(work: Promise<T>, iterations: number): Promise<T> => {
      const tightest = this.#allowances().reduce((a, b) => (b.milliseconds - b.spentMilliseconds < a.milliseconds - a.spentMilliseconds ? b : a));
      const signal = this.#signal;
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          try {
            fn();
          } catch (err) {
            reject(err);
          }
        };
        const onAbort = (): void => settle(() => this.#checkCancel());
        const onTimeUp = (): void =>
          settle(() => {
            tick(0); // charges the time spent, and throws the limit it passed
            throw overBudget(tightest.timeLimit, `${what} ran out of time`);
          });
        const timer = setTimeout(onTimeUp, Math.max(0, tightest.milliseconds - tightest.spentMilliseconds) + 1);
        signal?.addEventListener('abort', onAbort, { once: true });
        work.then(
          (value) => settle(() => (tick(iterations), resolve(value))),
          (err: unknown) => settle(() => reject(err)),
        );
      });
    };
    return { tick, await: await_ };
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
