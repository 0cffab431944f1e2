// The only module that touches the wasm-bindgen glue: instantiate from bytes, then thin typed
// calls. Used on the main thread and inside the worker.
import init, { initSync, checkReport, version, ruleCatalogue, tableLayout, readDocument, readHtml } from '../build/wasm/nianbao.js';

let ready: Promise<void> | null = null;

/**
 * Instantiates the module: synchronously where the browser allows it (new kernels compile lazily,
 * in a millisecond or two, so the first check and its drawing happen before the first frame),
 * else asynchronously (old kernels refuse synchronous compiles of big modules on the main thread).
 */
export function initEngine(bytes: Uint8Array): Promise<void> {
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

/** The result contract as JSON text (parsed by the caller, possibly on another thread). */
export function checkJson(text: string, previousText?: string): string {
  return checkReport(text, previousText === undefined || previousText === '' ? undefined : previousText);
}

export function engineVersion(): string {
  return version();
}

export function ruleCatalogueJson(): string {
  return ruleCatalogue();
}

export function tableLayoutJson(format: string): string {
  return tableLayout(format);
}

/** A .docx/HTML file read into the text view, as JSON (see crates/nianbao_wasm readDocument). */
export function readDocumentJson(bytes: Uint8Array, name: string): string {
  return readDocument(bytes, name);
}

/** HTML markup read into the text view, as JSON. */
export function readHtmlJson(html: string): string {
  return readHtml(html);
}
