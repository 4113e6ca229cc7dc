/**
 * Runs async work one piece at a time, in the order it was asked for. A connection (a pg Client,
 * a PGlite instance) serves one statement at a time; callers that share one queue here instead of
 * piling statements onto the connection, so that work made of several statements is never
 * interleaved with another caller's.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles when everything queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
