interface Pending<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export interface CoalescerOptions<I, O> {
  /** Does the work for several items in one go; answers in the order of `items`, one per item. */
  run: (items: I[]) => Promise<O[]>;
  /** Most items per run; the rest wait for the next. */
  maxBatch: number;
  /**
   * When a run of several items fails, each item is retried alone, so one bad item fails only its own caller.
   * Only for work that is all-or-nothing (one statement, one transaction), where a failed run left no trace.
   */
  retryAlone?: boolean;
}

/**
 * Turns many concurrent calls into few runs: a call made while no run is in flight starts one at once with
 * just its own item; calls made while a run is in flight wait for it and are then served together by the next
 * run. A lone caller pays no delay, and under load each database round trip and commit is shared by everyone
 * who arrived during the previous one.
 */
export class Coalescer<I, O> {
  private queue: Pending<I, O>[] = [];
  private running = false;

  constructor(private readonly options: CoalescerOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        await this.settle(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async settle(batch: Pending<I, O>[]): Promise<void> {
    try {
      const outputs = await this.options.run(batch.map((p) => p.item));
      if (outputs.length !== batch.length)
        throw new Error(`a batch of ${batch.length} answered ${outputs.length} results`);
      batch.forEach((p, i) => p.resolve(outputs[i] as O));
    } catch (error) {
      if (this.options.retryAlone && batch.length > 1) {
        for (const pending of batch) await this.settle([pending]);
      } else for (const pending of batch) pending.reject(error);
    }
  }
}
