// The one global both scripts define, `Nianbao`: mount the checker into an element, or check a
// text and get the result contract. Nothing else is added to the window.
import { mountApp, NO_WASM_MESSAGE, supportsWasm } from './app';
import { checkAsync, engineReady } from './checker';
import { coreVersion } from './model';
import type { CheckResult, Mounted, MountOptions, NianbaoApi } from './types';

export const api: NianbaoApi = {
  mount(element: HTMLElement, options?: MountOptions): Mounted {
    return mountApp(element, options);
  },
  check(text: string, previousText?: string): Promise<CheckResult> {
    if (!supportsWasm()) return Promise.reject(new Error(NO_WASM_MESSAGE));
    return checkAsync(String(text), previousText === undefined || previousText === null ? undefined : String(previousText));
  },
  version(): Promise<string> {
    return engineReady().then(coreVersion);
  },
};

export function installApi(): NianbaoApi {
  (window as unknown as { Nianbao: NianbaoApi }).Nianbao = api;
  return api;
}
