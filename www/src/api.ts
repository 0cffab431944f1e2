// The one global both scripts define, `Nianbao`: mount the checker into an element, or check a
// text and get the result contract. Nothing else is added to the window.
import { mountApp, NO_WASM_MESSAGE, supportsWasm } from './app';
import { checkAsync, engineReady } from './checker';
import { readHtmlText } from './documents';
import { coreVersion } from './model';
import type { CheckResult, Mounted, MountOptions, NianbaoApi } from './types';

export const api: NianbaoApi = {
  mount(element: HTMLElement, options?: MountOptions): Mounted {
    return mountApp(element, options);
  },
  check(input: string | Element, previousText?: string): Promise<CheckResult> {
    if (!supportsWasm()) return Promise.reject(new Error(NO_WASM_MESSAGE));
    const previous = previousText === undefined || previousText === null ? undefined : String(previousText);
    // A portal checks the article it already shows: an element (its outerHTML, read as markup,
    // never put into innerHTML) or an HTML string is read from its tables.
    const isElement = typeof Element !== 'undefined' && input instanceof Element;
    const markup = isElement ? (input as Element).outerHTML : String(input);
    if (isElement || /^\s*</.test(markup)) {
      return readHtmlText(markup).then((doc) => checkAsync(doc.text, previous));
    }
    return checkAsync(markup, previous);
  },
  readHtml(input: string | Element) {
    if (!supportsWasm()) return Promise.reject(new Error(NO_WASM_MESSAGE));
    const isElement = typeof Element !== 'undefined' && input instanceof Element;
    return readHtmlText(isElement ? (input as Element).outerHTML : String(input))
      .then((doc) => ({ kind: 'html' as const, text: doc.text, notes: doc.notes }));
  },
  version(): Promise<string> {
    return engineReady().then(coreVersion);
  },
};

export function installApi(): NianbaoApi {
  (window as unknown as { Nianbao: NianbaoApi }).Nianbao = api;
  return api;
}
