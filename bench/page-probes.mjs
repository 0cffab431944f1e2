// Functions bench/browser.mjs runs inside the page (page.evaluate / addInitScript serialize them,
// so each is self-contained: no imports, no outer variables). Times are performance.now(), i.e.
// milliseconds since navigation start.
/* global window, document, performance, requestAnimationFrame, setTimeout, getComputedStyle, PerformanceObserver, Nianbao */

/** Harness page: imports the wasm-bindgen glue and instantiates the shipped wasm. */
export async function loadEngine(glueUrl) {
  const glue = await import(glueUrl);
  const wasm = await glue.default({ module_or_path: fetch(glueUrl.replace(/nianbao\.js$/, 'nianbao_bg.wasm')) });
  window.__engine = { glue, wasm, pieces: [] };
  // checkReport hands all of its result but the last piece to this global (crates/nianbao_wasm).
  window.nianbaoJsonPiece = (piece) => window.__engine.pieces.push(piece);
}

/** The smallest step performance.now() takes here (100 µs unless cross-origin isolated). */
export function timerGranularity() {
  let smallest = Infinity;
  let last = performance.now();
  for (let seen = 0, i = 0; seen < 100 && i < 1e7; i++) {
    const now = performance.now();
    if (now !== last) {
      smallest = Math.min(smallest, now - last);
      last = now;
      seen++;
    }
  }
  return smallest;
}

/**
 * Milliseconds of each of `runs` direct checkReport calls, after untimed ones: at least `warmup`
 * calls and `warmupMs` of them, because V8 first runs wasm from its baseline compiler and
 * swaps in optimized code for hot functions later, in the background.
 */
export function timeEngine({ text, warmup, warmupMs, runs }) {
  const { checkReport } = window.__engine.glue;
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) {
    checkReport(text);
    window.__engine.pieces = [];
  }
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    checkReport(text);
    samples.push(performance.now() - start);
    window.__engine.pieces = [];
  }
  return samples;
}

export function memoryOfOneCheck(text) {
  const { glue, wasm } = window.__engine;
  const beforeBytes = wasm.memory.buffer.byteLength;
  const start = performance.now();
  window.__engine.pieces = [];
  const last = glue.checkReport(text);
  const json = window.__engine.pieces.join('') + last;
  window.__engine.pieces = [];
  return { beforeBytes, afterBytes: wasm.memory.buffer.byteLength, ms: performance.now() - start, resultChars: json.length };
}

/** Milliseconds of each of `runs` awaited `Nianbao.check` calls, warmed up as timeEngine is. */
export async function timeApi({ text, warmup, warmupMs, runs, callsPerSample = 1 }) {
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) await Nianbao.check(text);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    // performance.now() steps by 0.1 ms on file://: a sample is the mean of several calls in a row.
    const start = performance.now();
    for (let c = 0; c < callsPerSample; c++) await Nianbao.check(text);
    samples.push((performance.now() - start) / callsPerSample);
  }
  return samples;
}

/**
 * Init script (runs before the page's own): records every change of the checker's
 * data-nb-state with its time, the first "done" (the first result drawn) and the first task
 * after the frame that follows it (the result painted); `__nb.next(state)` waits for a state.
 */
export function watchState() {
  const nb = { listeners: [], firstChecking: undefined, firstDone: undefined, firstPainted: undefined };
  /** Resolves with the time the checker next enters `state`. */
  nb.next = (state) => new Promise((resolve) => {
    const listener = (s, t) => {
      if (s !== state) return;
      nb.listeners.splice(nb.listeners.indexOf(listener), 1);
      resolve(t);
    };
    nb.listeners.push(listener);
  });
  window.__nb = nb;
  const afterNextFrame = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now()), 0));
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      const state = record.target.getAttribute('data-nb-state');
      if (state === 'checking' && nb.firstChecking === undefined) nb.firstChecking = now;
      if (state === 'done' && nb.firstDone === undefined) {
        nb.firstDone = now;
        afterNextFrame((t) => { nb.firstPainted = t; });
      }
      nb.listeners.slice().forEach((listener) => listener(state, now));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-nb-state'] });
}

/**
 * Navigation start → the file read (responseEnd), the first check requested (the page's script
 * has run and mounted), DOMContentLoaded, the first result drawn and painted; in ms.
 */
export function loadTimes() {
  return new Promise((resolve) => {
    const poll = () => {
      if (window.__nb.firstPainted === undefined) return setTimeout(poll, 5);
      const navigation = performance.getEntriesByType('navigation')[0];
      return resolve({
        responseEnd: navigation ? navigation.responseEnd : null,
        checking: window.__nb.firstChecking,
        done: window.__nb.firstDone,
        painted: window.__nb.firstPainted,
        domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : null,
      });
    };
    poll();
  });
}

/** One click on an example button, through the debounce and the check to the drawn result. */
export async function timeExampleClick(id) {
  const checking = window.__nb.next('checking');
  const done = window.__nb.next('done');
  const clicked = performance.now();
  document.querySelector(`button[data-example="${id}"]`).click();
  const result = { clicked, checking: await checking, done: await done };
  result.painted = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  result.findings = document.querySelectorAll('.nb-finding').length;
  return result;
}

/**
 * Puts window.__big into the report text area as a paste does (value, then an input event) and
 * times it to the drawn result, watching the main thread: long tasks (≥ 50 ms, as Chromium
 * reports them) and the longest gap between animation frames.
 */
export async function timePaste() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e); });
  observer.observe({ entryTypes: ['longtask'] });
  let probing = true;
  let last = await frame();
  let longestGap = 0;
  let gapAt = 0;
  const probe = (now) => {
    if (now - last > longestGap) { longestGap = now - last; gapAt = last; }
    last = now;
    if (probing) requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
  await frame();
  await frame();

  const textarea = document.querySelector('textarea.nb-textarea');
  const checking = window.__nb.next('checking');
  const done = window.__nb.next('done');
  const start = performance.now();
  // As a real paste arrives: a paste event carrying the text. The page keeps a huge text out of
  // the text area; if it did not take the event, the browser would insert the text itself.
  textarea.focus();
  const data = new DataTransfer();
  data.setData('text/plain', window.__big);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  if (textarea.dispatchEvent(event)) {
    textarea.value = window.__big;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const handled = performance.now();
  const t = { checking: await checking, done: await done };
  const painted = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  // A few more frames, so a stall right after the result is drawn is seen too.
  for (let i = 0; i < 10; i++) await frame();
  probing = false;
  for (const e of observer.takeRecords()) longTasks.push(e);
  observer.disconnect();
  const during = longTasks.filter((e) => e.startTime + e.duration >= start);
  return {
    inputHandlerMs: handled - start,
    toCheckingMs: t.checking - start,
    checkingToDrawnMs: t.done - t.checking,
    toDrawnMs: t.done - start,
    toPaintedMs: painted - start,
    longTaskCount: during.length,
    longestTaskMs: during.reduce((m, e) => Math.max(m, e.duration), 0),
    longTasksMs: during.map((e) => Math.round(e.duration)),
    longestFrameGapMs: longestGap,
    longestFrameGapStartMs: gapAt - start,
    textareaChars: textarea.value.length,
    findings: document.querySelectorAll('.nb-finding').length,
    summary: (document.querySelector('.nb-summary') || { textContent: '' }).textContent.slice(0, 120),
  };
}

/**
 * The control for the paste: window.__big into a bare <textarea> on an empty page, then the
 * style and layout the browser needs before it can draw it (what any page pays for holding
 * that text in a text area).
 */
export function bareTextarea() {
  document.body.innerHTML = '<textarea rows="24" cols="80" wrap="off"></textarea>';
  const textarea = document.querySelector('textarea');
  const start = performance.now();
  textarea.value = window.__big;
  const set = performance.now();
  getComputedStyle(textarea).lineHeight;
  const styled = performance.now();
  void textarea.clientHeight;
  const laidOut = performance.now();
  return { setValueMs: set - start, styleMs: styled - set, layoutMs: laidOut - styled, totalMs: laidOut - start };
}

/**
 * Drops `files` ({ name, text }) on the batch section at once, as a drop of many files arrives,
 * and times it until every report is checked, paired, cross-checked and listed (the section's
 * data-nb-batch-state turns "done" in the task that draws the last rows), then painted; watching
 * the main thread as timePaste does. The Files are made before the clock starts.
 */
export async function timeBatch(files) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  document.querySelector('[data-mode="batch"]').click();
  const root = document.querySelector('.nb-batch');
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(new File([f.text], f.name, { type: 'text/plain' }));
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e); });
  observer.observe({ entryTypes: ['longtask'] });
  let probing = true;
  let last = await frame();
  let longestGap = 0;
  let frames = 0;
  const probe = (now) => {
    frames++;
    if (now - last > longestGap) longestGap = now - last;
    last = now;
    if (probing) requestAnimationFrame(probe);
  };
  requestAnimationFrame(probe);
  await frame();
  await frame();

  let firstRow = 0;
  const bar = root.querySelector('[role="progressbar"]');
  let barUpdates = 0;
  const barWatch = new MutationObserver(() => { barUpdates++; });
  barWatch.observe(bar, { attributes: true, attributeFilter: ['aria-valuenow'] });
  const rowWatch = new MutationObserver(() => {
    if (!firstRow && root.querySelector('tbody tr[data-state="done"]')) firstRow = performance.now();
  });
  rowWatch.observe(root.querySelector('tbody'), { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
  const listed = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (root.getAttribute('data-nb-batch-state') !== 'done') return;
      watch.disconnect();
      resolve(performance.now());
    });
    watch.observe(root, { attributes: true, attributeFilter: ['data-nb-batch-state'] });
  });
  const start = performance.now();
  frames = 0;
  document.querySelector('.nb-batch-area').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  const done = await listed;
  const framesDuring = frames;
  const painted = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  for (let i = 0; i < 5; i++) await frame();
  probing = false;
  for (const e of observer.takeRecords()) longTasks.push(e);
  observer.disconnect();
  barWatch.disconnect();
  rowWatch.disconnect();
  const during = longTasks.filter((e) => e.startTime + e.duration >= start);
  const rows = Array.from(root.querySelectorAll('tbody tr'));
  return {
    files: files.length,
    listedMs: done - start,
    paintedMs: painted - start,
    firstRowMs: firstRow ? firstRow - start : null,
    rows: rows.length,
    rowsDone: rows.filter((tr) => tr.getAttribute('data-state') === 'done').length,
    paired: rows.filter((tr) => tr.getAttribute('data-previous')).length,
    withErrors: rows.filter((tr) => tr.className.indexOf('errors') !== -1).length,
    totals: (root.querySelector('.nb-batch-totals') || { textContent: '' }).textContent,
    progressUpdates: barUpdates,
    framesDuring,
    longTaskCount: during.length,
    longestTaskMs: during.reduce((m, e) => Math.max(m, e.duration), 0),
    longTasks: during.map((e) => [Math.round(e.startTime - start), Math.round(e.duration)]),
    longestFrameGapMs: longestGap,
  };
}
