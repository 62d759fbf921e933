interface Waiting<Input, Output> {
  input: Input;
  resolve(output: Output): void;
  reject(error: unknown): void;
}

/** The most inputs one batch takes; beyond it, the next batch starts at once. */
const MAX_BATCH = 2000;

/**
 * Group commit: inputs that arrive while a batch is being written wait and go together in the
 * next one, so the cost of a transaction is shared by many callers. Each caller is answered only
 * after its batch has been written, and if the batch fails every caller in it is told: nothing is
 * acknowledged that was not committed (fail closed).
 */
export class BatchQueue<Input, Output> {
  private readonly writeBatch: (inputs: Input[]) => Promise<Output[]>;
  private queue: Waiting<Input, Output>[] = [];
  private flushing = false;

  constructor(writeBatch: (inputs: Input[]) => Promise<Output[]>) {
    this.writeBatch = writeBatch;
  }

  push(input: Input): Promise<Output> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, MAX_BATCH);
      this.queue = this.queue.slice(batch.length);
      try {
        const outputs = await this.writeBatch(batch.map((waiting) => waiting.input));
        batch.forEach((waiting, index) => waiting.resolve(outputs[index]!));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.flushing = false;
  }
}
