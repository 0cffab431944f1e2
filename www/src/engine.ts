// The only module that touches the wasm-bindgen glue: instantiate from bytes, then thin typed
// calls. Used on the main thread and inside the worker.
import init, { checkReport, version, ruleCatalogue, tableLayout } from '../build/wasm/nianbao.js';

let ready: Promise<void> | null = null;

/** Instantiates the module asynchronously (old kernels refuse synchronous compiles of big modules). */
export function initEngine(bytes: Uint8Array): Promise<void> {
  if (!ready) ready = init({ module_or_path: bytes }).then(() => undefined);
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
