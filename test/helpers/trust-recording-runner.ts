import type { ProcessOutput, ProcessRequest, ProcessRunner } from '../../electron/services/process/process-runner.js';

/**
 * Stands in for Windows and macOS tools, which cannot run here: records every request so tests
 * assert the exact argv, and answers with output chosen by `respond` (synthesized samples of the documented formats; none is a capture).
 */
export class RecordingRunner implements ProcessRunner {
  readonly calls: ProcessRequest[] = [];

  constructor(private readonly respond: (request: ProcessRequest, calls: readonly ProcessRequest[]) => Partial<ProcessOutput>) {}

  async run(request: ProcessRequest): Promise<ProcessOutput> {
    this.calls.push(request);
    return { exitCode: 0, stdout: '', stderr: '', ...this.respond(request, this.calls) };
  }
}
