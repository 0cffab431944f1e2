// A tiny static server for dist/ on localhost (npm start; the browser tests use serve() too).
// No framework: node:http, a few MIME types, no directory listings, nothing outside dist/.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1:`port` (0 picks a free port); resolves with its URL and a close(). */
export function serve(dir = paths.dist, port = 0) {
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = normalize(join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    if (!file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ url: `http://localhost:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT || 8080);
  const { url } = await serve(paths.dist, port).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`端口 ${port} 已被占用，改用随机端口。`);
    return serve(paths.dist, 0);
  });
  console.log(`年报校验已启动：${url}  （离线单文件：dist/nianbao.html；按 Ctrl+C 停止）`);
}
