import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FastifyInstance } from 'fastify';
import { serveFiles } from './static-files';

/** apps/panel/web, found from here in the sources (tests) and in dist/ alike. */
function webFolder(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'panel', 'web');
    if (existsSync(join(candidate, 'panel.html'))) return candidate;
  }
  throw new Error('apps/panel/web/panel.html not found');
}

/** A file of an installed package (whose `exports` may not list it). */
function packageFile(name: string, file: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, file);
}

/** Scripts only from this origin, nothing inline: an injected string can never run. */
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";

/** GET /panel: the Panel page, its script and style, and the chart and QR libraries it uses. */
export function servePanelPage(fastify: FastifyInstance): void {
  const web = webFolder();
  serveFiles(fastify, {
    '/panel/assets/panel.js': join(web, 'panel.js'),
    '/panel/assets/panel.css': join(web, 'panel.css'),
    '/panel/assets/chart.umd.js': packageFile('chart.js', 'dist/chart.umd.js'),
    '/panel/assets/qrcode.js': packageFile('qrcode-generator', 'qrcode.js'),
  });
  serveFiles(
    fastify,
    { '/panel': join(web, 'panel.html') },
    { 'content-security-policy': PAGE_POLICY, 'x-frame-options': 'DENY' },
  );
}
