// Browser figures, in Debian's headless Chromium through the real shipped wasm:
// - engine: the wasm's checkReport called directly (same work as the criterion `contract` group),
//   per seed and for the 10 KB–10 MB scaling texts, plus the wasm memory a 10 MB check needs;
// - api: `Nianbao.check` in dist/nianbao.html opened from file:// (worker round trip + JSON.parse);
// - page: a seed through the page's full path (example button → check → tables and findings drawn);
// - first result: navigation start → the first result drawn, fresh context each load;
// - paste: a 10 MB paste event on the text area → result drawn, with the longest main-thread stall;
// - batch: 100 reports of 20 KB dropped on the batch section at once → all checked, paired,
//   cross-checked and listed, with the longest main-thread stall (a fresh page per run).
// Usage: node bench/browser.mjs [--quick] [--only=engine,api,page,firstResult,paste,batch]
// (needs `npm run build`; prints JSON)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../scripts/paths.mjs';
import { launch } from '../tests/browser/chromium.mjs';
import { SCALING_SIZES, batchReports, fixtures, median, scaledText } from './inputs.mjs';
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

/** The parts, in the order they run; `only` picks some of them (e.g. while working on one). */
const PARTS = {
  engine: async (browser, seeds, options) => ({ ...(await engine(browser, seeds, options)), memory: await engineMemory(browser) }),
  api,
  page: fullPath,
  firstResult: (browser, seeds, options) => firstResult(browser, options),
  paste: (browser) => paste(browser),
  batch: (browser, seeds, options) => batch(browser, options),
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
