/**
 * An error in a processor's use of the session or in its work, naming the processor and, when
 * there is one, the flowfile, so a bulletin says what to look at.
 */
export class ProcessorError extends Error {
  constructor(
    message: string,
    readonly processorId: string,
    readonly flowFileId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProcessorError';
  }
}
