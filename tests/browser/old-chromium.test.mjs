// A real Chromium 80 (the kernel of many 360/信创 browsers), shipped inside the npm package
// chrome-aws-lambda@2.1.1 and driven by puppeteer-core@2.1.1: dist/nianbao.html from file://
// instantiates the wasm and checks a seed through the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { paths, root } from '../../scripts/paths.mjs';
import { check, shownValue } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core');

/** Unpacks chromium.br and the NSS libraries once into node_modules/.cache (brotli, then tar). */
function unpackChromium80() {
  const bin = join(dirname(require.resolve('chrome-aws-lambda/package.json')), 'bin');
  const dir = join(root, 'node_modules', '.cache', 'nianbao-chromium-80');
  const executable = join(dir, 'chromium');
  if (!existsSync(executable)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: brotliDecompressSync(readFileSync(join(bin, 'aws.tar.br'))) });
    writeFileSync(`${executable}.part`, brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))));
    chmodSync(`${executable}.part`, 0o755);
    execFileSync('mv', [`${executable}.part`, executable]);
  }
  return { executable, lib: join(dir, 'lib') };
}

let browser;
before(async () => {
  const { executable, lib } = unpackChromium80();
  browser = await puppeteer.launch({
    executablePath: executable,
    args: ['--no-sandbox', '--disable-gpu', '--no-zygote', '--single-process'],
    env: { ...process.env, LD_LIBRARY_PATH: lib },
    headless: true,
  });
});
after(async () => { if (browser) await browser.close(); });

test('Chromium 80 opens dist/nianbao.html from file:// and checks a seed through the page', async () => {
  assert.match(await browser.version(), /Chrome\/80\./);
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(paths.distHtml).href;
  await page.goto(url);
  await page.waitForSelector('.nb-app[data-nb-state="done"]', { timeout: 60000 });
  await page.click('button[data-example="000"]');
  await page.waitForSelector('.nb-app[data-nb-state="done"]', { timeout: 60000 });
  const text = await page.$eval('textarea.nb-textarea', (t) => t.value);
  const result = check(text);
  const drawn = await page.$$eval('td[data-path]', (tds) => tds.map((td) => {
    const v = td.querySelector('.nb-cell-value');
    return [td.getAttribute('data-path'), v ? v.textContent : null];
  }));
  assert.equal(drawn.length, Object.keys(result.report.cells).length);
  for (const [path, value] of drawn) {
    const cell = result.report.cells[path];
    assert.equal(value, cell === null ? null : shownValue(path, cell), path);
  }
  const cellsText = await page.$eval('[data-count="cells"] strong', (s) => s.textContent);
  assert.equal(cellsText, `${result.summary.cells_read} / ${result.summary.cells_expected}`);
  assert.deepEqual(requests.filter((r) => r !== url && !r.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
});

test('Chromium 80 checks many reports at once in the batch view (the worker from a Blob URL, the summary table)', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pathToFileURL(paths.distHtml).href}#batch`);
  await page.waitForSelector('.nb-batch-area:not([hidden])', { timeout: 60000 });
  const seeds = ['000_7a90e1b32b8dd451.txt', '001_86ddcbf017a77836.txt', '002_3fca4d743e11907b.txt']
    .map((file) => ({ file, text: readFileSync(join(paths.seeds, file), 'utf8') }));
  await page.evaluate((given) => {
    const transfer = new DataTransfer();
    for (const f of given) transfer.items.add(new File([f.text], f.file));
    document.querySelector('.nb-batch-area').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, seeds);
  await page.waitForSelector('.nb-batch[data-nb-batch-state="done"]', { timeout: 60000 });
  const rows = await page.$$eval('.nb-batch-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-file'),
    tr.querySelector('[data-col="errors"]').textContent.replace(/^✖\s*/, '')]));
  assert.deepEqual(rows, seeds.map((s) => [s.file, String(check(s.text).summary.errors)]));
  assert.equal(rows[0][1], '4');
  assert.deepEqual(errors, []);
});
