// The only module that touches the documents module's glue (crates/nianbao_docs_wasm: the .docx,
// HTML and PDF readers). Used inside the documents worker, and on the main thread when a portal's
// CSP forbids blob: workers.
import init, { initSync, readDocument, readHtml } from '../build/wasm-docs/nianbao_docs.js';

let ready: Promise<void> | null = null;

/** Instantiates the module from its bytes: synchronously where allowed, else asynchronously. */
export function initDocs(bytes: Uint8Array): Promise<void> {
  if (!ready) {
    try {
      initSync({ module: bytes });
      ready = Promise.resolve();
    } catch {
      ready = init({ module_or_path: bytes }).then(() => undefined);
    }
  }
  return ready;
}

/** A file read into the text view, as JSON (see crates/nianbao_docs_wasm readDocument). */
export function readDocumentJson(bytes: Uint8Array, name: string): string {
  return readDocument(bytes, name);
}

/** HTML markup read into the text view, as JSON. */
export function readHtmlJson(html: string): string {
  return readHtml(html);
}
