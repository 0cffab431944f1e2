// Browser figures, in Debian's headless Chromium through the real shipped wasm:
// - engine: the wasm's checkReport called directly (same work as the criterion `contract` group),
//   per seed and for the 10 KB–10 MB scaling texts, plus the wasm memory a 10 MB check needs;
// - api: `Nianbao.check` in dist/nianbao.html opened from file:// (worker round trip + JSON.parse);
// - page: a seed through the page's full path (example button → check → tables and findings drawn);
// - first result: navigation start → the first result drawn, fresh context each load;
// - paste: a 10 MB paste event on the text area → result drawn, with the longest main-thread stall;
// - pdf: PDFs read (documents module) and checked in a harness, and dropped on the page (the first
//   drop decodes the documents module and starts its worker; a 300-page one with the longest task).
// - batch: 100 reports of 20 KB dropped on the batch section at once → all checked, paired,
//   cross-checked and listed, with the longest main-thread stall (a fresh page per run).
// Usage: node bench/browser.mjs [--quick] [--only=engine,api,page,firstResult,paste,batch,pdf]
// (needs `npm run build`; prints JSON)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../scripts/paths.mjs';
import { launch } from '../tests/browser/chromium.mjs';
import { SCALING_SIZES, batchReports, fixtures, median, pdfInputs, scaledText } from './inputs.mjs';
import * as inPage from './page-probes.mjs';

const log = (message) => console.error(`[bench:browser] ${message}`);
const pageUrl = pathToFileURL(paths.distHtml).href;

/**
 * The engine harness, answered by page.route (no server, nothing touches the network) on
 * localhost — a secure context, so the COOP/COEP headers make it cross-origin isolated and
 * performance.now() has 5 µs resolution instead of 100 µs.
 */
const HARNESS = 'http://localhost:9/';
async function openHarness(browser) {
  const context = await browser.newContext();
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const files = {
    'index.html': ['text/html', '<!DOCTYPE html><meta charset="utf-8"><title>nianbao bench</title>'],
    'nianbao.js': ['text/javascript', readFileSync(paths.glue)],
    'nianbao_bg.wasm': ['application/wasm', readFileSync(paths.distWasm)],
    'nianbao_docs.js': ['text/javascript', readFileSync(paths.docsGlue)],
    'nianbao_docs_bg.wasm': ['application/wasm', readFileSync(paths.distDocsWasm)],
  };
  await context.route(`${HARNESS}**`, (route) => {
    const [type, body] = files[new URL(route.request().url()).pathname.slice(1)] || [];
    if (!type) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: type, headers: isolated, body });
  });
  const page = await context.newPage();
  await page.goto(`${HARNESS}index.html`);
  await page.evaluate(inPage.loadEngine, `${HARNESS}nianbao.js`);
  return { context, page };
}

/** Untimed calls before each seed's timed ones: at least this many, for at least this long. */
const warm = (quick) => (quick ? { warmup: 3, warmupMs: 200 } : { warmup: 10, warmupMs: 1000 });

async function engine(browser, seeds, { quick }) {
  const { context, page } = await openHarness(browser);
  try {
    const granularityMs = await page.evaluate(inPage.timerGranularity);
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    const perSeed = [];
    for (const seed of seeds) {
      const samples = await page.evaluate(inPage.timeEngine, { text: seed.text, ...warm(quick), runs: quick ? 10 : 60 });
      perSeed.push({ name: seed.name, bytes: seed.bytes, medianMs: median(samples), runs: samples.length });
    }
    const scaling = [];
    for (const size of SCALING_SIZES) {
      const text = scaledText(size);
      const runs = quick ? 2 : Math.max(3, Math.min(30, Math.round(3e6 / size)));
      const samples = await page.evaluate(inPage.timeEngine, { text, warmup: 1, warmupMs: 0, runs });
      scaling.push({ size, bytes: Buffer.byteLength(text), medianMs: median(samples), runs });
    }
    return { crossOriginIsolated: isolated, timerGranularityMs: granularityMs, warm: warm(quick), seeds: perSeed, scaling };
  } finally {
    await context.close();
  }
}

/** Linear memory never shrinks, so its size after one 10 MB check is that check's peak. */
async function engineMemory(browser) {
  const { context, page } = await openHarness(browser);
  try {
    const text = scaledText(10_000_000);
    const grown = await page.evaluate(inPage.memoryOfOneCheck, text);
    return { inputBytes: Buffer.byteLength(text), ...grown };
  } finally {
    await context.close();
  }
}

async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(inPage.watchState);
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.__nb && window.__nb.firstDone !== undefined, null, { timeout: 30000 });
  return { context, page };
}

/** `Nianbao.check` calls timed together per sample (file:// timers step by 0.1 ms). */
const API_CALLS_PER_SAMPLE = 10;

async function api(browser, seeds, { quick }) {
  const { context, page } = await openPage(browser);
  try {
    const granularityMs = await page.evaluate(inPage.timerGranularity);
    const perSeed = [];
    for (const seed of seeds) {
      const samples = await page.evaluate(inPage.timeApi, { text: seed.text, ...warm(quick), runs: quick ? 10 : 60, callsPerSample: API_CALLS_PER_SAMPLE });
      perSeed.push({ name: seed.name, bytes: seed.bytes, medianMs: median(samples), runs: samples.length });
    }
    return { timerGranularityMs: granularityMs, warm: warm(quick), callsPerSample: API_CALLS_PER_SAMPLE, seeds: perSeed };
  } finally {
    await context.close();
  }
}

async function fullPath(browser, seeds, { quick }) {
  const { context, page } = await openPage(browser);
  try {
    const perSeed = [];
    for (const seed of seeds) {
      const id = seed.name.slice(0, 3);
      // Only the seeds the page offers as examples (scripts/build.mjs PAGE_EXAMPLES).
      if (!(await page.$(`button[data-example="${id}"]`))) continue;
      const runs = [];
      const [warmup, count] = quick ? [1, 3] : [2, 15];
      for (let i = 0; i < warmup + count; i++) {
        const run = await page.evaluate(inPage.timeExampleClick, id);
        if (i >= warmup) runs.push(run);
      }
      perSeed.push({
        name: seed.name,
        bytes: seed.bytes,
        runs: runs.length,
        debounceMs: median(runs.map((r) => r.checking - r.clicked)),
        checkToDrawnMs: median(runs.map((r) => r.done - r.checking)),
        checkToPaintMs: median(runs.map((r) => r.painted - r.checking)),
        findings: runs[0].findings,
      });
    }
    return { seeds: perSeed };
  } finally {
    await context.close();
  }
}

/** When the script of a blank page from file:// runs, in ms after navigation: the browser's floor. */
async function blankPageScript(browser, count) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-blank-'));
  const file = join(dir, 'blank.html');
  writeFileSync(file, '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head>'
    + '<body><p>blank</p><script>window.__scriptAt = performance.now();</script></body></html>');
  const times = [];
  try {
    for (let i = 0; i < count; i++) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(file).href);
        times.push(await page.evaluate(() => window.__scriptAt));
      } finally {
        await context.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return median(times);
}

async function firstResult(browser, { quick }) {
  const loads = [];
  const count = quick ? 3 : 12;
  for (let i = 0; i < count; i++) {
    const { context, page } = await openPage(browser);
    try {
      loads.push(await page.evaluate(inPage.loadTimes));
    } finally {
      await context.close();
    }
  }
  const pick = (key) => median(loads.map((l) => l[key]));
  return { loads: count, responseEndMs: pick('responseEnd'), checkingMs: pick('checking'), domContentLoadedMs: pick('domContentLoaded'),
    doneMs: pick('done'), paintedMs: pick('painted'), blankScriptMs: await blankPageScript(browser, count), all: loads };
}

/** 10 MB into the page's text area; then the same text through `Nianbao.check` alone, and into a bare text area. */
async function paste(browser) {
  const text = scaledText(10_000_000);
  const out = { bytes: Buffer.byteLength(text), chars: text.length };
  const { context, page } = await openPage(browser);
  try {
    await page.evaluate((t) => { window.__big = t; }, text);
    out.page = await page.evaluate(inPage.timePaste);
    // The worker is warm now: this is the check and the JSON, without the page's drawing.
    out.apiMs = (await page.evaluate(inPage.timeApi, { text, warmup: 0, warmupMs: 0, runs: 1 }))[0];
  } finally {
    await context.close();
  }
  const bare = await browser.newContext();
  try {
    const blank = await bare.newPage();
    await blank.setContent('<!DOCTYPE html><html><body></body></html>');
    await blank.evaluate((t) => { window.__big = t; }, text);
    out.bareTextarea = await blank.evaluate(inPage.bareTextarea);
  } finally {
    await bare.close();
  }
  return out;
}

/** Many reports at once: each run in a fresh page, so each pays the worker's start as a user does. */
async function batch(browser, { quick }) {
  const files = batchReports(100, 20_000);
  const runs = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const { context, page } = await openPage(browser);
    try {
      runs.push(await page.evaluate(inPage.timeBatch, files));
    } finally {
      await context.close();
    }
  }
  const pick = (key) => median(runs.map((r) => r[key]));
  return {
    files: files.length,
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    runs: runs.length,
    listedMs: pick('listedMs'),
    paintedMs: pick('paintedMs'),
    firstRowMs: pick('firstRowMs'),
    longestTaskMs: pick('longestTaskMs'),
    longestFrameGapMs: pick('longestFrameGapMs'),
    all: runs,
  };
}

/** Reads (documents module) and checks (checker) one PDF in the harness, `runs` times after `warmup`. */
function timePdf({ data, warmup, runs }) {
  const bytes = new Uint8Array(data);
  const { docs, core } = window.__pdf;
  const once = () => {
    const start = performance.now();
    const read = JSON.parse(docs.readDocument(bytes, 'a.pdf'));
    const readMs = performance.now() - start;
    core.checkReport(read.text);
    return { readMs, totalMs: performance.now() - start, chars: read.text.length, pages: read.pages.length };
  };
  for (let i = 0; i < warmup; i++) once();
  return Array.from({ length: runs }, once);
}

/**
 * Drops a PDF on the page's text area; resolves when its text is in the page (the notice names
 * the file: a large text goes to the read-only view, not the text area) and its result drawn,
 * with the longest main-thread task and gap between animation frames from the drop until 500 ms
 * after the result was drawn (its layout and paint come in the frames after).
 */
function dropPdf({ data, name }) {
  const bytes = new Uint8Array(data);
  let longestTask = 0;
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longestTask = Math.max(longestTask, e.duration); });
    observer.observe({ entryTypes: ['longtask'] });
  } catch { /* no long-task timing here */ }
  let longestGap = 0;
  let lastFrame = performance.now();
  let frames = true;
  const frame = (t) => {
    longestGap = Math.max(longestGap, t - lastFrame);
    lastFrame = t;
    if (frames) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return new Promise((resolve) => {
    const notice = document.querySelector('.nb-notice');
    const app = document.querySelector('.nb-app');
    const start = performance.now();
    let shown = 0;
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'application/pdf' }));
    document.querySelector('.nb-editor-frame').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const poll = () => {
      if (!shown && notice.textContent.indexOf(name) >= 0) shown = performance.now() - start;
      if (shown && app.getAttribute('data-nb-state') === 'done') {
        const doneMs = performance.now() - start;
        setTimeout(() => {
          frames = false;
          if (observer) {
            for (const e of observer.takeRecords()) longestTask = Math.max(longestTask, e.duration);
            observer.disconnect();
          }
          resolve({ textShownMs: shown, doneMs, longestTaskMs: longestTask, longestFrameGapMs: longestGap });
        }, 500);
        return;
      }
      setTimeout(poll, 1);
    };
    poll();
  });
}

/** PDFs: read + check through the two wasm modules, and dropped on the page (cold, then warm). */
async function pdf(browser, seeds, { quick }) {
  const inputs = pdfInputs();
  const out = { harness: [], page: [] };
  const { context, page } = await openHarness(browser);
  try {
    await page.evaluate(async (base) => {
      const core = await import(`${base}nianbao.js`);
      await core.default({ module_or_path: `${base}nianbao_bg.wasm` });
      const docs = await import(`${base}nianbao_docs.js`);
      await docs.default({ module_or_path: `${base}nianbao_docs_bg.wasm` });
      window.__pdf = { core, docs };
      // checkReport hands all of its result but the last piece to this global; dropped here.
      window.nianbaoJsonPiece = () => {};
    }, HARNESS);
    for (const input of inputs) {
      const big = input.pages > 100;
      const samples = await page.evaluate(timePdf, { data: [...input.bytes], warmup: big ? 1 : quick ? 2 : 5, runs: big ? (quick ? 1 : 3) : quick ? 5 : 30 });
      out.harness.push({ name: input.name, pages: samples[0].pages, bytes: input.bytes.length, chars: samples[0].chars, runs: samples.length,
        readMs: median(samples.map((x) => x.readMs)), readAndCheckMs: median(samples.map((x) => x.totalMs)) });
    }
  } finally {
    await context.close();
  }
  for (const input of inputs.filter((p) => p.name === 'huaian_6_pages' || p.name === 'fixture_x3_6_pages' || p.name === 'fixture_x150_300_pages')) {
    const { context: c2, page: p2 } = await openPage(browser);
    try {
      const drops = [];
      const count = input.pages > 100 ? 1 : quick ? 2 : 6;
      for (let i = 0; i < count; i++) {
        // Alternate names so each drop is a new text (the page re-checks on every change).
        await p2.evaluate(() => { document.querySelector('textarea.nb-textarea').value = ''; });
        drops.push(await p2.evaluate(dropPdf, { data: [...input.bytes], name: `${input.name}-${i}.pdf` }));
      }
      out.page.push({ name: input.name, pages: input.pages, first: drops[0],
        warm: drops.length > 1 ? { textShownMs: median(drops.slice(1).map((d) => d.textShownMs)), doneMs: median(drops.slice(1).map((d) => d.doneMs)), drops: drops.length - 1 } : null });
    } finally {
      await c2.close();
    }
  }
  return out;
}

/** The parts, in the order they run; `only` picks some of them (e.g. while working on one). */
const PARTS = {
  engine: async (browser, seeds, options) => ({ ...(await engine(browser, seeds, options)), memory: await engineMemory(browser) }),
  api,
  page: fullPath,
  firstResult: (browser, seeds, options) => firstResult(browser, options),
  paste: (browser) => paste(browser),
  batch: (browser, seeds, options) => batch(browser, options),
  pdf,
};

export async function browserBench({ quick = false, only = Object.keys(PARTS) } = {}) {
  const seeds = fixtures().filter((f) => f.set === 'seeds');
  const browser = await launch();
  try {
    const out = { chromium: browser.version() };
    for (const [name, part] of Object.entries(PARTS).filter(([n]) => only.includes(n))) {
      log(name);
      out[name] = await part(browser, seeds, { quick });
    }
    return out;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = (process.argv.find((a) => a.startsWith('--only=')) || '').slice(7);
  const options = { quick: process.argv.includes('--quick'), ...(only ? { only: only.split(',') } : {}) };
  console.log(JSON.stringify(await browserBench(options), null, 2));
}
