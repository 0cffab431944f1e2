// The documents worker: reads .docx, HTML and PDF off the main thread, so a 300-page PDF never
// freezes the page. Started like the checker's worker (worker.ts).
import { initDocs, readDocumentJson, readHtmlJson } from './docs-engine';
import { answer, scope, starting } from './worker';

/**
 * `init` brings the module's bytes, or none when the worker is the page's own script: it then
 * unpacks the module from the stream it carries, so the page's main thread never decodes it.
 */
export type DocsRequest =
  | { type: 'init'; bytes?: ArrayBuffer }
  | { type: 'read'; id: number; bytes: ArrayBuffer; name: string }
  | { type: 'html'; id: number; html: string };

/** Serves reads; `ownModule` unpacks the module when `init` brings no bytes. */
export function serveDocuments(ownModule?: () => Uint8Array): void {
  let ready: Promise<void> = Promise.reject(new Error('not initialised'));
  ready.catch(() => undefined);
  scope.onmessage = (event: MessageEvent<DocsRequest>) => {
    const request = event.data;
    if (request.type === 'init') {
      const { bytes } = request;
      ready = starting(() => initDocs(bytes ? new Uint8Array(bytes) : (ownModule as () => Uint8Array)()));
      return;
    }
    answer(request.id, ready.then(() => (request.type === 'read' ? readDocumentJson(new Uint8Array(request.bytes), request.name) : readHtmlJson(request.html))));
  };
}
