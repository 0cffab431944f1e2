// One wasm module run in a Blob-URL worker (it works from file://), with the main thread as the
// fallback: a portal's CSP may forbid blob: workers, and a worker that fails to start or dies
// hands what it had not answered back to the main thread. The checker (checker.ts) and the
// documents reader (documents.ts) each keep one; their workers answer in the same protocol:
// `ready` after `init`, then `result` or `failed` with the request's id (-1: the module itself).

/** What a pool's worker answers. */
export type PoolResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; json: string }
  | { type: 'failed'; id: number; message: string };

export interface PoolOptions<Job> {
  /**
   * The worker's script, started from a Blob URL: the page's own script (own-script.ts), which
   * becomes the worker its `name` says, or the embed's bundle for this worker. Empty: no worker.
   */
  source(): string;
  /** The worker's name (`self.name` inside it). */
  name: string;
  /**
   * The wasm module's bytes, sent to the worker with `init` (a copy is transferred); null when
   * the worker unpacks its module itself.
   */
  moduleBytes(): Uint8Array | null;
  /** Runs a job on the main thread; resolves with the JSON the worker would have sent. */
  onMainThread(job: Job): Promise<string>;
  /** The message asking the worker to run `job` as request `id`. */
  request(job: Job, id: number): unknown;
  /** The error a job the worker failed rejects with. */
  failure(message: string): Error;
  /**
   * Whether a failed job leaves the module unusable (a trap on a huge document): the worker is
   * then replaced for the jobs still waiting and the ones after.
   */
  restartAfterFailure: boolean;
}

interface Pending<Job> {
  job: Job;
  resolve(json: string): void;
  reject(error: unknown): void;
}

export class WorkerPool<Job> {
  /** undefined: not started; null: unavailable here, jobs run on the main thread. */
  private worker: Worker | null | undefined;
  private pending = new Map<number, Pending<Job>>();
  private nextId = 1;

  constructor(private options: PoolOptions<Job>) {}

  /** Runs `job` in the worker, or on the main thread when there is none. */
  run(job: Job): Promise<string> {
    return new Promise<string>((resolve, reject) => this.send({ job, resolve, reject }));
  }

  /** Runs `job` on the main thread. A job that throws (a wasm trap) rejects, never hangs. */
  runOnMainThread(job: Job): Promise<string> {
    return new Promise<string>((resolve, reject) => this.onMain({ job, resolve, reject }));
  }

  private onMain(p: Pending<Job>): void {
    let running: Promise<string>;
    try {
      running = this.options.onMainThread(p.job);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(p.resolve, p.reject);
  }

  private send(p: Pending<Job>): void {
    if (this.worker === undefined) this.worker = this.start();
    if (!this.worker) {
      this.onMain(p);
      return;
    }
    const id = this.nextId++;
    this.pending.set(id, p);
    this.worker.postMessage(this.options.request(p.job, id));
  }

  /** Takes the jobs not yet answered. */
  private takePending(): Pending<Job>[] {
    const waiting = Array.from(this.pending.values());
    this.pending.clear();
    return waiting;
  }

  /** Gives up on the worker and runs what it had not answered on the main thread. */
  private abandon(): void {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.takePending().forEach((p) => this.onMain(p));
  }

  private start(): Worker | null {
    let url = '';
    try {
      const source = this.options.source();
      if (!source) return null;
      url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const started = new Worker(url, { name: this.options.name });
      started.onmessage = (event: MessageEvent<PoolResponse>) => {
        const message = event.data;
        if (message.type === 'ready') {
          URL.revokeObjectURL(url);
          return;
        }
        if (message.type === 'failed' && message.id < 0) {
          this.abandon();
          return;
        }
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        if (message.type === 'result') {
          p.resolve(message.json);
          return;
        }
        p.reject(this.options.failure(message.message));
        if (this.options.restartAfterFailure && this.worker === started) {
          started.terminate();
          this.worker = undefined;
          this.takePending().forEach((rest) => this.send(rest));
        }
      };
      started.onerror = (event) => {
        event.preventDefault();
        this.abandon();
      };
      const bytes = this.options.moduleBytes();
      const copy = bytes && bytes.slice();
      started.postMessage(copy ? { type: 'init', bytes: copy.buffer } : { type: 'init' }, copy ? [copy.buffer] : []);
      return started;
    } catch {
      if (url) URL.revokeObjectURL(url);
      return null;
    }
  }
}
