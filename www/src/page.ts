// Entry of the standalone page (dist/nianbao.html): defines `Nianbao` and mounts the checker with
// the seed reports as examples, the draft kept in localStorage and the "下载离线版" button.
import { installApi } from './api';
import { NO_WASM_MESSAGE, supportsWasm } from './app';
import { mountBatch } from './batch-view';
import { seedExamples } from './seeds';
import type { Example } from './types';

// Captured before mounting changes the DOM: the file as it was loaded, offered for download.
const pristineHtml = `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;

/** The seeds travel in the wasm's stream: if it cannot be unpacked, the checker says why. */
function examplesOrNone(): Example[] {
  try {
    return seedExamples();
  } catch {
    return [];
  }
}

const api = installApi();
const host = document.getElementById('nb-app');
if (host) {
  if (supportsWasm()) {
    api.mount(host, {
      examples: examplesOrNone(),
      storageKey: 'nianbao.draft',
      offlineHtml: () => pristineHtml,
    });
    // Many reports at once (the supervising office's view): a switch above the single view.
    const batchHost = document.getElementById('nb-batch');
    if (batchHost) mountBatch(batchHost, host);
  } else {
    host.textContent = NO_WASM_MESSAGE;
  }
}
