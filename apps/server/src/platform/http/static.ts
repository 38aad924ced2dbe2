import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.js';
import type { App } from './fastify-types.js';

/**
 * Serves the built web app: files as they are, and index.html for the SPA's own paths (`/`, `/arm`,
 * `/admin`, …). API and health paths that matched no route answer a JSON 404 instead.
 */
export async function installWebApp(app: App, webDistDir: string): Promise<void> {
  const hasBuild = fs.existsSync(path.join(webDistDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: webDistDir, serve: false });
  }
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/') || url.startsWith('/health/')) throw new AppError('route_not_found');
      if (!hasBuild) {
        return reply
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Система управления муниципальными услугами</title>' +
              '<p>Веб-приложение не собрано. Выполните <code>npm run build</code>.</p></html>',
          );
      }
      const relative = decodeURIComponent(url).replace(/^\/+/, '');
      const file = path.resolve(webDistDir, relative);
      if (
        relative &&
        file.startsWith(webDistDir + path.sep) &&
        fs.statSync(file, { throwIfNoEntry: false })?.isFile()
      ) {
        const immutable = relative.startsWith('assets/');
        return reply
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .sendFile(relative);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    },
  });
}
