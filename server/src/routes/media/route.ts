import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/domain-error.js';
import { citizenToken, staffToken } from '../../http/auth.js';
import { findReportById } from '../../store/report-repository.js';
import { findAttachment } from '../../store/attachment-repository.js';
import type { AppContext } from '../../services/app-context.js';
import { canSeeAttachment } from '../../services/media-access.js';

const NOT_FOUND = DomainError.notFound({ id: 'Berkas tidak ditemukan', en: 'File not found' });

export function mediaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/media/:id/:variant',
      {
        schema: {
          tags: ['Media'],
          summary: 'Foto/video (salinan tanpa metadata) / Photo or video (metadata-free copy)',
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            variant: Type.Union([Type.Literal('public'), Type.Literal('thumbnail')]),
          }),
        },
      },
      async (request, reply) => {
        const attachment = await findAttachment(ctx.store.db, request.params.id);
        const report = attachment ? await findReportById(ctx.store.db, attachment.report_id) : null;
        if (!attachment || !report) throw NOT_FOUND;
        const allowed = await canSeeAttachment(ctx, report, attachment, {
          citizenToken: citizenToken(request),
          staffToken: staffToken(request),
        });
        if (!allowed) throw NOT_FOUND;
        const variant = request.params.variant;
        const data = await ctx.media.read(
          variant === 'public' ? attachment.public_key : attachment.thumb_key,
        );
        if (!data) throw NOT_FOUND;
        const type = variant === 'thumbnail' || attachment.kind === 'photo' ? 'image/jpeg' : 'video/mp4';
        return reply
          .header('content-type', type)
          .header('cache-control', 'private, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .send(data);
      },
    );
  };
}
