// Worker entry (started from a Blob URL, which works from file://): checks off the main thread so
// typing and big pastes never freeze the page.
import { initEngine, checkJson } from './engine';
import type { CheckJob } from './engine';
import type { PoolResponse } from './worker-pool';

export type WorkerRequest =
  | { type: 'init'; bytes: ArrayBuffer }
  | ({ type: 'check'; id: number } & CheckJob);
export type WorkerResponse = PoolResponse;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

let ready: Promise<void> = Promise.reject(new Error('not initialised'));
ready.catch(() => undefined);

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    ready = initEngine(new Uint8Array(request.bytes));
    ready.then(() => scope.postMessage({ type: 'ready' }), (e: unknown) => scope.postMessage({ type: 'failed', id: -1, message: String(e) }));
    return;
  }
  // checkJson throws a zh-CN Error on a trap or a text too long: the request fails with its
  // message (never "Error: …"), and the worker stays usable for the next one.
  ready
    .then(() => checkJson(request))
    .then(
      (json) => scope.postMessage({ type: 'result', id: request.id, json }),
      (e: unknown) => scope.postMessage({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) }),
    );
};
