// The page and the embed under a strict Content-Security-Policy (issue 14): the portal policy
// `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'` (no blob: worker, so every check
// runs on the main thread — a big text too must settle), the hash form for the single file, and
// no report text ever reaching innerHTML, outerHTML, insertAdjacentHTML or document.write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { paths } from '../../scripts/paths.mjs';
import { launch, openPage, settled, typeInto } from './chromium.mjs';
import { seeds, check } from './fixtures.mjs';

const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'";
/** Console errors this policy causes by design: the blob: worker is refused (checks then run on
 * the main thread, which is what is tested) and the host page's data: favicon. */
const expectedRefusals = (e) => /Creating a worker from 'blob:|Loading the image 'data:,'|stylesheet|embed-host\.css/i.test(e);

/** A string no page text contains: where it shows up in HTML written as markup, report text did. */
const MARKER = 'nbcspmarker7f3a';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser.close(); await server.close(); });

/** Records every string written as markup, before any page script runs. */
function recordMarkup() {
  const written = [];
  Object.defineProperty(window, '__nbMarkup', { value: written, enumerable: false });
  const wrapSetter = (proto, name) => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    Object.defineProperty(proto, name, {
      ...descriptor,
      set(value) { written.push(`${name}:${value}`); return descriptor.set.call(this, value); },
    });
  };
  wrapSetter(Element.prototype, 'innerHTML');
  wrapSetter(Element.prototype, 'outerHTML');
  wrapSetter(ShadowRoot.prototype, 'innerHTML');
  const wrapMethod = (proto, name, pick) => {
    const original = proto[name];
    Object.defineProperty(proto, name, {
      value(...args) { written.push(`${name}:${pick(args)}`); return original.apply(this, args); },
      writable: true, configurable: true, enumerable: false,
    });
  };
  wrapMethod(Element.prototype, 'insertAdjacentHTML', (a) => a[1]);
  wrapMethod(Document.prototype, 'write', (a) => a.join(''));
  wrapMethod(Document.prototype, 'writeln', (a) => a.join(''));
  wrapMethod(Range.prototype, 'createContextualFragment', (a) => a[0]);
}

/** Serves `path` with `policy` as its CSP header (any meta policy removed). */
async function withPolicy(page, path, policy) {
  await page.route(`**/${path}`, async (route) => {
    const body = readFileSync(join(paths.dist, path), 'utf8')
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body, headers: { 'content-security-policy': policy } });
  });
}

/** A seed with markup and the marker in it, as someone might paste to probe the page. */
const hostile = `${seeds[0].text}\n<img src=x onerror="window.__nbOwned=1">${MARKER}<script>window.__nbOwned=1</script>\n`;

async function exercise(page, root, label) {
  await settled(page, root);
  await typeInto(page, hostile, `${root} textarea.nb-textarea`);
  await settled(page, root);
  assert.ok(await page.$$eval(`${root} td[data-path]`, (tds) => tds.length) > 0, `${label}: tables drawn`);
  // Nianbao.check settles with the contract, a text too big for the main-thread limit too.
  const inPage = await page.evaluate((text) => window.Nianbao.check(text), seeds[1].text);
  assert.deepEqual(inPage, check(seeds[1].text), `${label}: contract`);
  const big = seeds[2].text.repeat(Math.ceil(150_000 / seeds[2].text.length));
  const settledBig = await page.evaluate((text) => window.Nianbao.check(text).then(() => 'resolved', (e) => `rejected: ${e && e.message}`), big);
  assert.equal(settledBig, 'resolved', `${label}: a big text settles without a worker`);
  // A text beyond what the wasm may take is a rejected promise with a zh-CN message, and the
  // engine answers the next check.
  const refused = await page.evaluate(() => window.Nianbao.check('1 '.repeat(4_000_001)).then(() => 'resolved', (e) => e.message));
  assert.match(refused, /文本过长/, `${label}: too long is refused in Chinese`);
  assert.deepEqual(await page.evaluate((text) => window.Nianbao.check(text), seeds[3].text), check(seeds[3].text), `${label}: usable after`);
  // HTML goes to the documents module: without a worker it is read on the main thread.
  const view = await page.evaluate(() => window.Nianbao.readHtml('<table><tr><td>规章</td><td>1</td></tr></table>').then((d) => d.text, (e) => `rejected: ${e && e.message}`));
  assert.equal(view, '规章\t1\n', `${label}: HTML read without a worker`);
  const markup = await page.evaluate(() => window.__nbMarkup);
  const leaked = markup.filter((m) => m.includes(MARKER) || m.includes('onerror'));
  assert.deepEqual(leaked, [], `${label}: report text written as markup`);
  assert.equal(await page.evaluate(() => window.__nbOwned), undefined, `${label}: pasted markup ran`);
  assert.ok(await page.evaluate(([r, m]) => document.querySelector(`${r} textarea.nb-textarea`).value.includes(m), [root, MARKER]), `${label}: the text is kept as text`);
}

test('the embed works under the strict portal policy, with no worker', async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    await context.addInitScript(recordMarkup);
    await withPolicy(page, 'embed-host.html', STRICT);
    await page.goto(`${server.url}embed-host.html`);
    await exercise(page, '#nianbao-checker .nb-app', 'embed');
    // The host's own stylesheet and favicon are refused by this policy; nothing else may fail.
    assert.deepEqual(errors.filter((e) => !expectedRefusals(e)), []);
  } finally {
    await context.close();
  }
});

test('the single file works under a strict policy in the hash form', async () => {
  const html = readFileSync(paths.distHtml, 'utf8');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.ok(scripts.length > 0, 'the single file has its script inline');
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  // Its own small inline <style> (shown before the script runs) is allowed by hash too.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const policy = `default-src 'none'; script-src ${hashes.join(' ')} 'wasm-unsafe-eval'${styles.length ? `; style-src ${styles.join(' ')}` : ''}`;
  const { context, page, errors } = await openPage(browser);
  try {
    await context.addInitScript(recordMarkup);
    const name = paths.distHtml.split('/').pop();
    await withPolicy(page, name, policy);
    await page.goto(`${server.url}${name}`);
    await exercise(page, '.nb-app', 'page');
    assert.deepEqual(errors.filter((e) => !expectedRefusals(e)), []);
  } finally {
    await context.close();
  }
});
