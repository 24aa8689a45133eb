import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { PREVIEW_HOST, startPreviewServer, type PreviewServer } from '../src/io/preview-server.js';
import { makeProject, runCli } from './helpers.js';
import { get } from './http.js';

describe('the preview server', () => {
  let dist: string;
  let server: PreviewServer;
  const servers: PreviewServer[] = [];

  beforeAll(async () => {
    const project = await makeProject();
    expect((await runCli(['build', '--format', 'html,txt'], project)).code).toBe(0);
    dist = join(project, 'dist');
    server = await startPreviewServer({ dir: dist, port: 0 });
  });

  afterAll(() => server.close());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('serves built files with their content types', async () => {
    const text = await get(server.url, '/mission-statement/es/mission-statement.es.txt');
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe(await readFile(join(dist, 'mission-statement/es/mission-statement.es.txt'), 'utf8'));
    expect((await get(server.url, '/assets/broadside.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const fonts = await readFile(join(dist, 'assets/fonts.css'), 'utf8');
    const font = /url\((?:\.\/)?fonts\/([^)]+\.woff2)\)/.exec(fonts)![1]!;
    expect((await get(server.url, `/assets/fonts/${font}`)).headers['content-type']).toBe('font/woff2');
    expect((await get(server.url, '/nothing-here.html')).status).toBe(404);
  });

  it('adds the reload script to served HTML only, and leaves the built files as they are', async () => {
    const page = await get(server.url, '/mission-statement/he/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script src="/__broadside/reload.js"></script>\n</head>');
    expect(page.body).not.toContain('Content-Security-Policy');
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; script-src 'self'; connect-src 'self'");
    expect((await get(server.url, '/')).body).toContain('/__broadside/reload.js');

    const onDisk = await readFile(join(dist, 'mission-statement/he/index.html'), 'utf8');
    expect(onDisk).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(onDisk).not.toContain('<script');
    expect((await get(server.url, '/mission-statement/he/mission-statement.he.txt')).body).not.toContain('reload.js');

    const script = await get(server.url, '/__broadside/reload.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("new EventSource(\"/__broadside/events\")");
  });

  it('sends a folder without its slash to the address with one, so relative links work', async () => {
    const response = await get(server.url, '/mission-statement/he');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/mission-statement/he/');
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2E%2E/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets%5c..%5cpackage.json', '/index.html%00.txt'])('refuses %s', async (path) => {
    const response = await get(server.url, path);
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('"name"');
  });

  it('refuses requests for another host name (DNS rebinding) and anything but GET and HEAD', async () => {
    expect((await get(server.url, '/', { Host: 'attacker.example' })).status).toBe(403);
    const { hostname, port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: hostname, port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode!)).on('error', reject).end();
    });
    expect(status).toBe(405);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { hostname, port } = new URL(server.url);
    expect(hostname).toBe(PREVIEW_HOST);
    // Every 127.x address is this machine (on Linux), but a server bound to 127.0.0.1 alone is not on 127.0.0.2.
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: Number(port), timeout: 2_000 });
      socket.on('connect', () => resolve(true));
      socket.on('error', () => resolve(false));
      socket.on('timeout', () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('refuses a port that is taken when it was asked for, and otherwise takes the next free one', async () => {
    const { port } = new URL(server.url);
    await expect(startPreviewServer({ dir: dist, port: Number(port) })).rejects.toThrow(UsageError);
    servers.push(await startPreviewServer({ dir: dist }), await startPreviewServer({ dir: dist }));
    const [first, second] = servers.map((s) => Number(new URL(s.url).port));
    expect(first).toBeGreaterThanOrEqual(4173);
    expect(second).not.toBe(first);
  });
});
