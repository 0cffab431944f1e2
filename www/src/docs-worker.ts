// Documents worker entry (started from a Blob URL, which works from file://): reads .docx, HTML
// and PDF off the main thread, so a 300-page PDF never freezes the page.
import { initDocs, readDocumentJson, readHtmlJson } from './docs-engine';
import type { PoolResponse } from './worker-pool';

export type DocsRequest =
  | { type: 'init'; bytes: ArrayBuffer }
  | { type: 'read'; id: number; bytes: ArrayBuffer; name: string }
  | { type: 'html'; id: number; html: string };
export type DocsResponse = PoolResponse;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DocsRequest>) => void) | null;
  postMessage(message: DocsResponse): void;
};

let ready: Promise<void> = Promise.reject(new Error('not initialised'));
ready.catch(() => undefined);

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    ready = initDocs(new Uint8Array(request.bytes));
    ready.then(() => scope.postMessage({ type: 'ready' }), (e: unknown) => scope.postMessage({ type: 'failed', id: -1, message: String(e) }));
    return;
  }
  ready
    .then(() => (request.type === 'read' ? readDocumentJson(new Uint8Array(request.bytes), request.name) : readHtmlJson(request.html)))
    .then(
      (json) => scope.postMessage({ type: 'result', id: request.id, json }),
      (e: unknown) => scope.postMessage({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) }),
    );
};
