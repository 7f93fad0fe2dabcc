import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/domain-error.js';
import { citizenToken, staffToken } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { readMedia } from '../../services/reads/media-access.js';
import { CITIZEN_SECURITY, STAFF_SECURITY } from '../security.js';

const NOT_FOUND = DomainError.notFound({ id: 'Berkas tidak ditemukan', en: 'File not found' });

export function mediaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/media/:id/:variant',
      {
        schema: {
          tags: ['Media'],
          security: [{}, ...CITIZEN_SECURITY, ...STAFF_SECURITY],
          summary: 'Foto/video (salinan tanpa metadata) / Photo or video (metadata-free copy)',
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            variant: Type.Union([Type.Literal('public'), Type.Literal('thumbnail')]),
          }),
        },
      },
      async (request, reply) => {
        const file = await readMedia(ctx, request.params.id, request.params.variant, {
          citizenToken: citizenToken(request),
          staffToken: staffToken(request),
        });
        if (!file) throw NOT_FOUND;
        return reply
          .header('content-type', file.contentType)
          .header('cache-control', 'private, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .send(file.data);
      },
    );
  };
}
