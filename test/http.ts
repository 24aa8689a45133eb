/** HTTP as the preview tests need it: raw request paths and the live-reload event stream. */
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export const TIMEOUT_MS = 15_000;

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http sends the path exactly as given: `fetch` would resolve `..` before the server saw it. */
export function get(base: string, path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers, timeout: TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer for ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Opens the live-reload event stream and resolves once the server has answered. */
export function openEvents(base: string): Promise<{ stream: IncomingMessage; nextReload(): Promise<void> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: '/__broadside/events' }, (stream) => {
      let received = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (received += chunk));
      const nextReload = (): Promise<void> =>
        new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error('no reload event')), TIMEOUT_MS);
          const check = (): void => {
            if (!received.includes('event: reload\n')) return;
            received = received.slice(received.indexOf('event: reload\n') + 1);
            clearTimeout(timer);
            stream.off('data', check);
            done();
          };
          stream.on('data', check);
          check();
        });
      resolve({ stream, nextReload });
    });
    req.on('error', reject);
    req.end();
  });
}
