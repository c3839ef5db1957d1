// The security headers of every response, computed once by helmet. @fastify/helmet built helmet's middleware anew
// (parsing the whole policy) in two hooks on every request; the headers depend on nothing in the request (no nonces).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * A strict policy the UI passes: everything from this server; inline styles only (Ant Design's CSS-in-JS writes
 * <style> tags), images also as data: URLs (the authenticator QR code, ECharts' saved pictures). HSTS only behind
 * HTTPS (`cookieSecure`): over plain HTTP it would lock browsers out of a LAN install.
 */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  const headers: Record<string, string> = {};
  // helmet writes its headers with setHeader and removes X-Powered-By (which Fastify never sends)
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => {},
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  // helmet sends none, and browsers know no default
  headers['permissions-policy'] = 'camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()';
  return headers;
}
