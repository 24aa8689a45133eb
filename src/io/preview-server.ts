import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { ERROR_STYLESHEET, ERROR_STYLESHEET_PATH, errorPage, withErrorBox, type BuildErrorView } from '../preview/build-error.js';
import { EVENTS_PATH, RELOAD_SCRIPT, RELOAD_SCRIPT_PATH, withLiveReload } from '../preview/live-reload.js';
import { requestPath } from '../preview/request-path.js';
import { DEFAULT_PREVIEW_PORT } from '../preview/default-port.js';
import { STATUS_STYLESHEET, STATUS_STYLESHEET_PATH, withStatusLine } from '../preview/status-line.js';

/** Loopback only: a preview is for the person at this computer, never for the network. */
export const PREVIEW_HOST = '127.0.0.1';
/** Without a port asked for, this many from the default on are tried. */
const PORTS_TO_TRY = 10;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface PreviewServerOptions {
  /** The folder to serve, the build output; it need not exist yet. */
  dir: string;
  /** A port asked for: taken is an error, 0 picks any free one. Default: 4173, or the next free one. */
  port?: number;
}

export interface PreviewServer {
  url: string;
  /** Tells every open page to reload. */
  reload(): void;
  /** The failed build to show on every page served, or undefined once a build succeeds. */
  showError(error: BuildErrorView | undefined): void;
  /** The status line of a page (by its path in the output, `he/index.html`) as HTML, if it has one. */
  showStatus(statusOf: ((file: string) => string | undefined) | undefined): void;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1, adding a live-reload script to HTML as it is served (never on disk). */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const site: Site = { dir: options.dir, port: 0, pages: new Set() };
  const { pages } = site;
  const server = createServer((request, response) => {
    respond(request, response, site).catch(() => {
      if (response.headersSent) response.destroy();
      else sendText(response, 500, 'The preview server could not read this file.');
    });
  });
  site.port = await listen(server, options.port);
  return {
    url: `http://${PREVIEW_HOST}:${site.port}/`,
    reload() {
      for (const page of pages) page.write('event: reload\ndata:\n\n');
    },
    showError(error) {
      site.error = error;
    },
    showStatus(statusOf) {
      site.statusOf = statusOf;
    },
    close() {
      for (const page of pages) page.end();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function listen(server: Server, port: number | undefined): Promise<number> {
  const candidates = port === undefined ? Array.from({ length: PORTS_TO_TRY }, (_, i) => DEFAULT_PREVIEW_PORT + i) : [port];
  for (const candidate of candidates) {
    try {
      await listenOn(server, candidate);
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port === undefined) continue;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new UsageError(`cannot serve on port ${candidate} of ${PREVIEW_HOST}: ${code === 'EACCES' ? 'not allowed' : 'it is taken'}`, undefined, 'choose another port, e.g. --port 8080 (--port 0 picks any free port).');
      }
      throw error;
    }
  }
  const last = DEFAULT_PREVIEW_PORT + PORTS_TO_TRY - 1;
  throw new UsageError(`ports ${DEFAULT_PREVIEW_PORT} to ${last} of ${PREVIEW_HOST} are all taken`, undefined, 'choose a free port, e.g. --port 8080 (--port 0 picks any free port).');
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => {
      server.off('listening', listening);
      reject(error);
    };
    const listening = (): void => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, PREVIEW_HOST);
  });
}

interface Site {
  dir: string;
  port: number;
  /** Open event streams, one per page showing the preview. */
  pages: Set<ServerResponse>;
  /** The last build's failure, shown over the last good output. */
  error?: BuildErrorView;
  statusOf?: (file: string) => string | undefined;
}

/** The policy of the pages the server makes itself: its own script, event stream and stylesheet, nothing else. */
const OWN_PAGE_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

async function respond(request: IncomingMessage, response: ServerResponse, site: Site): Promise<void> {
  // Refuses DNS rebinding: a web page elsewhere could point a host name of its own at 127.0.0.1.
  const host = request.headers.host;
  if (host !== `${PREVIEW_HOST}:${site.port}` && host !== `localhost:${site.port}`) return sendText(response, 403, 'Forbidden: open the preview at its own address.');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'Method not allowed.');
  }
  const target = requestPath(request.url ?? '/');
  if ('refused' in target) return sendText(response, target.refused, target.refused === 403 ? 'Forbidden: only files of the build are served.' : 'Bad request.');
  const path = `/${target.file}`;
  if (path === EVENTS_PATH) return openEventStream(response, site.pages);
  if (path === RELOAD_SCRIPT_PATH) return send(response, 200, CONTENT_TYPES['.js']!, Buffer.from(RELOAD_SCRIPT));
  if (path === ERROR_STYLESHEET_PATH) return send(response, 200, CONTENT_TYPES['.css']!, Buffer.from(ERROR_STYLESHEET));
  if (path === STATUS_STYLESHEET_PATH) return send(response, 200, CONTENT_TYPES['.css']!, Buffer.from(STATUS_STYLESHEET));

  let file = join(site.dir, target.file);
  let stats = await statIfExists(file);
  if (stats?.isDirectory()) {
    if (!target.endsWithSlash) {
      // Pages link relative to their folder, so a folder is only served at its address with a slash.
      response.writeHead(301, { Location: encodeURI(`${path}/`) });
      return void response.end();
    }
    file = join(file, 'index.html');
    stats = await statIfExists(file);
  }
  if (!stats?.isFile() || !(await isInside(site.dir, file))) {
    if (site.error && (target.endsWithSlash || ['', '.html'].includes(extname(file)))) {
      // A page no build has made yet, say after a broken first build: the error takes its place.
      response.setHeader('Content-Security-Policy', OWN_PAGE_POLICY);
      return send(response, 503, CONTENT_TYPES['.html']!, Buffer.from(errorPage(site.error)));
    }
    return sendText(response, 404, `Not found: ${path} (is the build finished?)`);
  }

  const body = await readFile(file);
  if (extname(file) !== '.html') return send(response, 200, type(file), body);
  const built = body.toString('utf8');
  const status = site.statusOf?.(relative(site.dir, file).split(sep).join('/'));
  const html = status === undefined ? built : withStatusLine(built, status);
  const page = withLiveReload(site.error ? withErrorBox(html, site.error) : html);
  if (page.policy) response.setHeader('Content-Security-Policy', page.policy);
  send(response, 200, type(file), Buffer.from(page.html));
}

function type(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

function openEventStream(response: ServerResponse, pages: Set<ServerResponse>): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
  // A comment line sends the headers now, so the page knows it is connected.
  response.write(': connected\n\n');
  pages.add(response);
  response.on('close', () => pages.delete(response));
}

function send(response: ServerResponse, status: number, type: string, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(body); // without the body for HEAD: node:http leaves it out
}

function sendText(response: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  response.writeHead(status, { 'Content-Type': CONTENT_TYPES['.txt']!, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  response.end(body);
}

async function statIfExists(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** After symbolic links are followed, so that a link in the output cannot lead out of it. */
async function isInside(dir: string, file: string): Promise<boolean> {
  try {
    return (await realpath(file)).startsWith((await realpath(dir)) + sep);
  } catch {
    return false;
  }
}
