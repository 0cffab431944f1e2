// The only module that touches the wasm-bindgen glue: instantiate from bytes, then thin typed
// calls. Used on the main thread and inside the worker. The document readers are another module
// (docs-engine.ts), loaded only when a document arrives.
import init, { initSync, checkReport, version, ruleCatalogue, tableLayout, words } from '../build/wasm/nianbao.js';
import type { InitOutput } from '../build/wasm/nianbao.js';

let ready: Promise<void> | null = null;

let exports: InitOutput | null = null;

/**
 * Instantiates the module: synchronously where the browser allows it (new kernels compile lazily,
 * in a millisecond or two, so the first check and its drawing happen before the first frame),
 * else asynchronously (old kernels refuse synchronous compiles of big modules on the main thread).
 */
export function initEngine(bytes: Uint8Array): Promise<void> {
  if (!ready) {
    try {
      exports = initSync({ module: bytes });
      ready = Promise.resolve();
    } catch {
      ready = init({ module_or_path: bytes }).then((output) => {
        exports = output;
      });
    }
  }
  return ready;
}

/**
 * Texts longer than this many UTF-16 units are refused before they reach the wasm: its memory
 * cannot grow past what the browser allows, and a check that runs out of it stops with a trap.
 * (Eight million characters is far beyond any annual report.)
 */
export const MAX_TEXT_UNITS = 8_000_000;

export const TOO_LONG_MESSAGE = '文本过长（超过 800 万字），超出了浏览器中可以检查的范围；请只粘贴年度报告本身。';
export const TRAP_MESSAGE = '检查这份文本时校验引擎出错（可能是内存不足），没有得到结果；可以再试一次，或只粘贴年度报告本身。';

/** One check: a report's text, last year's, and the outline of each that is a document's text view. */
export interface CheckJob {
  text: string;
  previousText?: string;
  /** The document's outline (doc-rows.ts): each table row is read from its cells; without one
   * the text's rows are found from its separators. */
  outline?: string;
  previousOutline?: string;
}

/**
 * The result contract as JSON text (parsed by the caller, possibly on another thread). Throws an
 * Error with a zh-CN message when the text is too long or the wasm traps (out of memory, a
 * bug); after a trap the engine stays usable: the shadow stack the trapped call left is undone.
 */
export function checkJson({ text, previousText, outline, previousOutline }: CheckJob): string {
  const previous = previousText === undefined || previousText === '' ? undefined : previousText;
  if (text.length + (previous ? previous.length : 0) > MAX_TEXT_UNITS) {
    throw new Error(TOO_LONG_MESSAGE);
  }
  // A trap skips the epilogues of every wasm frame, which would leave the shadow stack pointer
  // lowered for good; it is restored to where it stood before the call.
  const stackBefore = exports ? exports.__wbindgen_add_to_stack_pointer(0) : 0;
  // checkReport hands all of its result but the last piece to the global `nianbaoJsonPiece` as it
  // writes it, so the wasm memory (which never shrinks back) never holds a long result whole. The
  // global exists only during the call: the page and the embed define no global but Nianbao.
  const pieces: string[] = [];
  const slot = globalThis as unknown as { nianbaoJsonPiece?: (piece: string) => void };
  slot.nianbaoJsonPiece = (piece) => {
    pieces.push(piece);
  };
  try {
    pieces.push(checkReport(text, previous, outline, previousOutline));
    return pieces.join('');
  } catch (error) {
    if (exports) {
      const now = exports.__wbindgen_add_to_stack_pointer(0);
      exports.__wbindgen_add_to_stack_pointer(stackBefore - now);
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`${TRAP_MESSAGE}（${detail}）`);
  } finally {
    delete slot.nianbaoJsonPiece;
  }
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

export function wordsJson(): string {
  return words();
}
