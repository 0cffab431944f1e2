// The embed script on the example portal page (strict CSP with 'wasm-unsafe-eval'): it mounts,
// Nianbao.check returns the contract, its styles apply, and it defines no global but Nianbao.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';
import { launch, openPage, settled, drawnCells, typeInto } from './chromium.mjs';
import { seeds, check } from './fixtures.mjs';
import { assertDrawn, findingCount, readSummary } from './render.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser.close(); await server.close(); });

test('the example host page mounts the checker under its CSP and checks a pasted report', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(`${server.url}embed-host.html`);
    await settled(page, '#nianbao-checker .nb-app');
    const seed = seeds.find((s) => s.id === '000');
    await page.fill('#nianbao-checker textarea.nb-textarea', seed.text);
    await settled(page, '#nianbao-checker .nb-app');
    const result = check(await page.inputValue('#nianbao-checker textarea.nb-textarea'));
    const findings = await findingCount(page);
    assertDrawn(result, await drawnCells(page), await readSummary(page), findings, 'embed');
    // The stylesheet is adopted, not inline, so the host's CSP (style-src 'self') lets it apply.
    assert.equal(await page.$eval('.nb-table th', (th) => getComputedStyle(th).borderTopStyle), 'solid');
    assert.equal(await page.$$eval('button[data-example]', (b) => b.length), 0, 'the embed bundles no examples');
    const own = new URL(server.url).origin;
    assert.deepEqual(requests.filter((r) => !r.startsWith(own) && !r.startsWith('blob:')), [], 'no request leaves the portal page');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Nianbao.check resolves with the same contract the wasm gives in node', async () => {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(`${server.url}embed-host.html`);
    await settled(page, '#nianbao-checker .nb-app');
    for (const seed of seeds) {
      const inPage = await page.evaluate((text) => window.Nianbao.check(text), seed.text);
      assert.deepEqual(inPage, check(seed.text), seed.file);
    }
    const previous = await page.evaluate(([a, b]) => window.Nianbao.check(a, b), [seeds[0].text, seeds[1].text]);
    assert.deepEqual(previous, check(seeds[0].text, seeds[1].text));
    assert.match(await page.evaluate(() => window.Nianbao.version()), /^\d+\.\d+\.\d+/);
  } finally {
    await context.close();
  }
});

test('the embed script and the page define no global but Nianbao', async () => {
  for (const path of ['embed-host.html', 'nianbao.html']) {
    const { context, page } = await openPage(browser);
    try {
      await context.addInitScript(() => { window.__nbBefore = Object.getOwnPropertyNames(window); });
      await page.goto(`${server.url}${path}`);
      await settled(page);
      const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.__nbBefore.includes(n) && n !== '__nbBefore'));
      assert.deepEqual(added, ['Nianbao'], path);
    } finally {
      await context.close();
    }
  }
});

test('Nianbao.mount works on a page of its own, and every class it adds is prefixed nb-', async () => {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(`${server.url}embed-host.html`);
    await settled(page, '#nianbao-checker .nb-app');
    await page.evaluate((text) => {
      const box = document.createElement('div');
      box.id = 'second';
      document.body.appendChild(box);
      window.Nianbao.mount(box, { text });
    }, seeds[2].text);
    await settled(page, '#second .nb-app');
    assert.ok(await page.$$eval('#second td[data-path]', (tds) => tds.length) > 0);
    const classes = await page.$$eval('.nb-app, .nb-app *', (nodes) => [...new Set(nodes.flatMap((n) => [...n.classList]))]);
    assert.ok(classes.length > 10);
    assert.deepEqual(classes.filter((c) => !c.startsWith('nb-')), []);
  } finally {
    await context.close();
  }
});

test('where the CSP forbids blob: workers, checks run on the main thread instead', async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    // The same host page with a stricter policy: worker-src falls back to script-src 'self'.
    await page.route('**/embed-strict.html', (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>严格策略</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
</head><body><main><div id="nianbao-checker"></div></main><script src="nianbao-embed.js"></script><script src="embed-host.js"></script></body></html>`,
    }));
    await page.addInitScript(() => {
      window.__nbViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__nbViolations.push(e.effectiveDirective));
    });
    await page.goto(`${server.url}embed-strict.html`);
    await settled(page, '#nianbao-checker .nb-app');
    // Long enough (over 100 000 characters) that the checker wants its worker for it.
    const long = `${seeds[0].text}\n${'附：本段文字仅用于加长报告，不含任何统计数字。\n'.repeat(4500)}`;
    await typeInto(page, long, '#nianbao-checker textarea.nb-textarea');
    await settled(page, '#nianbao-checker .nb-app');
    assert.ok(await page.evaluate(() => window.__nbViolations.includes('worker-src')), 'the worker was refused');
    const result = check(await page.inputValue('textarea.nb-textarea'));
    const findings = await findingCount(page);
    assertDrawn(result, await drawnCells(page), await readSummary(page), findings, 'strict CSP');
    assert.deepEqual(errors.filter((e) => !/worker-src|Worker/.test(e)), []);
  } finally {
    await context.close();
  }
});
