// dist/nianbao.html opened from file:// with no server: it checks a report, makes no request
// beyond itself, and its "下载离线版" button saves a file that works the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../../scripts/paths.mjs';
import { launch, openPage, settled, drawnCells } from './chromium.mjs';
import { check } from './fixtures.mjs';
import { assertDrawn, findingCount, readSummary } from './render.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** Opens a file:// URL, checks seed `id` through it, and asserts nothing but the file itself was requested. */
async function checkSeedOffline(url, id) {
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(url);
    await settled(page);
    await page.click(`button[data-example="${id}"]`);
    await settled(page);
    const result = check(await page.inputValue('textarea.nb-textarea'));
    assert.ok(Object.values(result.report.cells).some(Boolean), 'the seed has cells read');
    const findings = await findingCount(page);
    assertDrawn(result, await drawnCells(page), await readSummary(page), findings, `offline ${id}`);
    assert.deepEqual(requests.filter((r) => r !== url && !r.startsWith('blob:')), [], 'no request beyond the file itself');
    assert.deepEqual(errors, []);
    return page;
  } catch (error) {
    await context.close();
    throw error;
  }
}

test('dist/nianbao.html works from file:// with no network', async () => {
  const page = await checkSeedOffline(pathToFileURL(paths.distHtml).href, '000');
  await page.context().close();
});

test('the downloaded offline copy works from file:// too', async () => {
  const page = await checkSeedOffline(pathToFileURL(paths.distHtml).href, '000');
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-offline"]')]);
    assert.equal(download.suggestedFilename(), 'nianbao.html');
    const saved = join(mkdtempSync(join(tmpdir(), 'nianbao-')), '年报校验离线版.html');
    copyFileSync(await download.path(), saved);
    const copy = await checkSeedOffline(pathToFileURL(saved).href, '000');
    await copy.context().close();
  } finally {
    await page.context().close();
  }
});
