// Checks reports asynchronously. A report of ordinary size is checked on the main thread, where
// the engine already runs for the page's tables (a millisecond or two, and no worker to start
// before the first result); a big one goes to a Blob-URL worker (it works from file://) so the
// page never freezes. Without a worker (a portal's CSP may forbid blob: workers) everything runs
// on the main thread.
import workerSource from 'nianbao:worker';
import { initEngine, checkJson } from './engine';
import { wasmBytes } from './wasm-bytes';
import type { WorkerRequest, WorkerResponse } from './worker';
import type { CheckResult } from './types';

interface Pending {
  text: string;
  previousText?: string;
  resolve(json: string): void;
  reject(error: unknown): void;
}

let mainReady: Promise<void> | null = null;
/** undefined: not tried yet; null: unavailable here, checks run on the main thread. */
let worker: Worker | null | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

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

function runOnMainThread(p: Pending): void {
  // A check that throws (a wasm trap) must reject, not leave the promise unsettled.
  engineReady().then(() => checkJson(p.text, p.previousText)).then(p.resolve, p.reject);
}

/** Gives up on the worker and re-runs what it had not answered on the main thread. */
function abandonWorker(): void {
  if (worker) worker.terminate();
  worker = null;
  const waiting = Array.from(pending.values());
  pending.clear();
  waiting.forEach(runOnMainThread);
}

function startWorker(): Worker | null {
  let url = '';
  try {
    url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const started = new Worker(url);
    started.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.type === 'ready') {
        URL.revokeObjectURL(url);
        return;
      }
      if (message.type === 'failed' && message.id < 0) {
        abandonWorker();
        return;
      }
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.type === 'result') p.resolve(message.json);
      else p.reject(new Error(message.message));
    };
    started.onerror = (event) => {
      event.preventDefault();
      abandonWorker();
    };
    const copy = wasmBytes().slice();
    const init: WorkerRequest = { type: 'init', bytes: copy.buffer };
    started.postMessage(init, [copy.buffer]);
    return started;
  } catch {
    if (url) URL.revokeObjectURL(url);
    return null;
  }
}

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
  return new Promise<string>((resolve, reject) => {
    const p: Pending = { text, previousText, resolve, reject };
    if (!offMain && text.length + (previousText ? previousText.length : 0) <= MAIN_THREAD_LIMIT) {
      runOnMainThread(p);
      return;
    }
    if (worker === undefined) worker = startWorker();
    if (!worker) {
      runOnMainThread(p);
      return;
    }
    const id = nextId++;
    pending.set(id, p);
    const request: WorkerRequest = { type: 'check', id, text, previousText };
    worker.postMessage(request);
  }).then((json) => JSON.parse(json) as CheckResult);
}
