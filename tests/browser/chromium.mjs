// Launches Debian's Chromium through playwright-core with the flags that work as root without a
// network, and records every request a page makes (so tests can assert none leaves the page).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { before, after } from 'node:test';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The page served and Chromium launched once for a test file (before its tests, closed after):
 * `session.server.url`, `session.browser`.
 */
export function servedBrowser() {
  const session = {};
  before(async () => {
    session.server = await serve();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** A new page whose every request URL is pushed to `requests`, with console errors collected. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  return { context, page, requests, errors };
}

/** Waits until the mounted checker has rendered the result of its newest check. */
export async function settled(page, root = '.nb-app') {
  await page.waitForSelector(`${root}[data-nb-state="done"]`, { timeout: 30000 });
}

/** Puts `text` in the report text area as typing would (an input event), not as a paste. */
export function typeInto(page, text, area = 'textarea.nb-textarea') {
  return page.evaluate(({ selector, value }) => {
    const element = document.querySelector(selector);
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, { selector: area, value: text });
}

/** Every drawn table cell: path → { classes, value (the value span's text), text (all of it) }. */
export function drawnCells(page) {
  return page.$$eval('td[data-path]', (tds) => Object.fromEntries(tds.map((td) => {
    const value = td.querySelector('.nb-cell-value');
    return [td.getAttribute('data-path'), { classes: td.className.split(/\s+/), value: value ? value.textContent : null, text: td.textContent }];
  })));
}

/** Presses Tab until `selector` has focus (at most `limit` times); returns how many presses. */
export async function tabTo(page, selector, limit = 80) {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement !== null && document.activeElement.matches(s), selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector}`);
}
