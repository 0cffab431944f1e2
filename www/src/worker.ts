// The checker's worker: checks off the main thread so typing and big pastes never freeze the
// page. The page starts it from its own script (www/src/page.ts); the embed script carries it as
// a bundle of its own (scripts/build.mjs). Either way it runs in a Blob-URL worker (file:// too).
import { initEngine, checkJson } from './engine';
import type { CheckJob } from './engine';
import type { PoolResponse } from './worker-pool';

/** `init` brings the module's bytes (the main thread has them decoded already). */
export type WorkerRequest =
  | { type: 'init'; bytes: ArrayBuffer }
  | ({ type: 'check'; id: number } & CheckJob);
export type WorkerResponse = PoolResponse;

export const scope = self as unknown as {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: PoolResponse): void;
};

/**
 * Answers one request by its id: the result's JSON, or its failure's zh-CN message (never
 * "Error: …"); the worker stays usable for the next one.
 */
export function answer(id: number, work: Promise<string>): void {
  work.then(
    (json) => scope.postMessage({ type: 'result', id, json }),
    (e: unknown) => scope.postMessage({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) }),
  );
}

/** Starts the module, then says `ready`, or `failed` with id -1 (the pool then gives up on it). */
export function starting(init: () => Promise<void>): Promise<void> {
  let ready: Promise<void>;
  try {
    ready = init();
  } catch (e) {
    ready = Promise.reject(e);
  }
  ready.then(() => scope.postMessage({ type: 'ready' }), (e: unknown) => scope.postMessage({ type: 'failed', id: -1, message: String(e) }));
  return ready;
}

/** Serves checks: checkJson throws a zh-CN Error on a trap or a text too long. */
export function serveChecks(): void {
  let ready: Promise<void> = Promise.reject(new Error('not initialised'));
  ready.catch(() => undefined);
  scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
    const request = event.data;
    if (request.type === 'init') {
      ready = starting(() => initEngine(new Uint8Array(request.bytes)));
      return;
    }
    answer(request.id, ready.then(() => checkJson(request)));
  };
}
