// Entry of the standalone page (dist/nianbao.html): defines `Nianbao` and mounts the checker with
// the seed reports as examples, the draft kept in localStorage and the "下载离线版" button. The
// same script is also its own two workers (own-script.ts): started as one, it serves that.
import { installApi } from './api';
import { NO_WASM_MESSAGE, supportsWasm } from './app';
import { mountBatch } from './batch-view';
import { serveDocuments } from './docs-worker';
import { seedExamples } from './seeds';
import type { Example } from './types';
import { docsWasmBytes } from './wasm-bytes';
import { serveChecks } from './worker';

/** The seeds travel in the wasm's stream: if it cannot be unpacked, the checker says why. */
function examplesOrNone(): Example[] {
  try {
    return seedExamples();
  } catch {
    return [];
  }
}

function startPage(): void {
  // Captured before mounting changes the DOM: the file as it was loaded, offered for download.
  const pristineHtml = `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
  const api = installApi();
  const host = document.getElementById('nb-app');
  if (!host) return;
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

if (typeof document === 'undefined') {
  // Started by worker-pool.ts as a worker: the documents worker unpacks its module from the
  // stream this script carries.
  if (self.name === 'docs') serveDocuments(docsWasmBytes);
  else serveChecks();
} else {
  startPage();
}
