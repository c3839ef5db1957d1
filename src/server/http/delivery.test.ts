// The web UI as a browser gets it: hashed assets compressed as built (brotli, else gzip) and cached for a year, the
// page itself revalidated every time, and a client route answered with the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestDatabase } from '../testing/harness.ts';

describe('web delivery', () => {
  let dir = '';
  let close: () => Promise<void>;
  let inject: Awaited<ReturnType<typeof buildApp>>['app']['inject'];
  const script = 'console.log("zhaoyin");'.repeat(100);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    const page = `<!doctype html><title>招引</title><style>${'/* styles */'.repeat(100)}</style><script src="/assets/index-abc123.js"></script>`;
    fs.writeFileSync(path.join(dir, 'index.html'), page);
    // a page past 1 KB is precompressed too: its .br / .gz must not stop the server starting
    fs.writeFileSync(path.join(dir, 'index.html.br'), zlib.brotliCompressSync(page));
    fs.writeFileSync(path.join(dir, 'index.html.gz'), zlib.gzipSync(page));
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js'), script);
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js.gz'), zlib.gzipSync(script));
    const { database, dispose } = await openTestDatabase('pglite');
    const built = await buildApp({ db: database.db, webDir: dir });
    inject = built.app.inject.bind(built.app);
    close = async () => {
      await built.app.close();
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => close());

  it('sends an asset compressed as it was built, cached for a year', async () => {
    const br = await inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers['vary'])).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    const gz = await inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates the page itself, and answers a client route with it', async () => {
    for (const url of ['/', '/projects/321003-2026-0001']) {
      const page = await inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      const encoding = page.headers['content-encoding'];
      const body =
        encoding === 'br'
          ? zlib.brotliDecompressSync(page.rawPayload)
          : encoding === 'gzip'
            ? zlib.gunzipSync(page.rawPayload)
            : page.rawPayload;
      expect(body.toString('utf8'), url).toContain('<title>招引</title>');
    }
  });
});
