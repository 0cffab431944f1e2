// Checks reports asynchronously. A report of ordinary size is checked on the main thread, where
// the engine already runs for the page's tables (a millisecond or two, and no worker to start
// before the first result); a big one goes to a Blob-URL worker (it works from file://) so the
// page never freezes. Without a worker (a portal's CSP may forbid blob: workers) everything runs
// on the main thread.
import workerSource from 'nianbao:worker';
import { initEngine, checkJson } from './engine';
import { ownScript } from './own-script';
import type { CheckJob } from './engine';
import { wasmBytes } from './wasm-bytes';
import type { WorkerRequest } from './worker';
import { WorkerPool } from './worker-pool';
import { outlineOf } from './doc-rows';
import type { CheckResult } from './types';

let mainReady: Promise<void> | null = null;

/** Texts up to this many UTF-16 units (about 300 KB of Chinese) are checked on the main thread. */
const MAIN_THREAD_LIMIT = 100_000;

/** The engine on the main thread (rule catalogue, table layouts, and checks without a worker). */
export function engineReady(): Promise<void> {
  if (!mainReady) {
    try {
      mainReady = initEngine(wasmBytes());
    } catch (error) {
      // Decoding compiles a wasm module too: a page whose CSP forbids wasm fails here.
      mainReady = Promise.reject(error);
    }
  }
  return mainReady;
}

const pool = new WorkerPool<CheckJob>({
  source: () => workerSource || ownScript,
  name: 'check',
  moduleBytes: wasmBytes,
  onMainThread: (job) => engineReady().then(() => checkJson(job)),
  request: (job, id): WorkerRequest => ({ type: 'check', id, ...job }),
  failure: (message) => new Error(message),
  // checkJson turns a trap into a zh-CN error and the worker's engine stays usable.
  restartAfterFailure: false,
});

/** Checks one report; resolves with the result contract (UTF-16 offsets into `text`). */
export function checkAsync(text: string, previousText?: string): Promise<CheckResult> {
  return submit(text, previousText, false);
}

/**
 * Checks in the worker whatever the size (many reports at once: the page keeps drawing and the
 * input stays live); on the main thread only when there is no worker.
 */
export function checkInWorker(text: string, previousText?: string): Promise<CheckResult> {
  return submit(text, previousText, true);
}

function submit(text: string, previousText: string | undefined, offMain: boolean): Promise<CheckResult> {
  // A document's text view (and last year's) is read from its cells (doc-rows.ts).
  const job: CheckJob = { text, previousText, outline: outlineOf(text), previousOutline: outlineOf(previousText) };
  const small = text.length + (previousText ? previousText.length : 0) <= MAIN_THREAD_LIMIT;
  return (!offMain && small ? pool.runOnMainThread(job) : pool.run(job)).then((json) => JSON.parse(json) as CheckResult);
}
