import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_SECURITY } from '../security.js';
import { requireStaff } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { listMyUnreadNotices, markMyNoticeRead } from '../../services/handling/staff-notices.js';
import { errorResponses } from '../schemas.js';
import { NoticeListQuery, NoticePage, NoticeParams, NoticeReadBody, StaffNotice } from './schema.js';

const TAGS = ['Petugas / Staff'];

/** The signed-in staff member's own notices; anyone else's are 404, as if they did not exist. */
export function noticeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/officer/notices',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Pemberitahuan saya yang belum dibaca / My unread notices (newest first)',
          querystring: NoticeListQuery,
          response: { 200: NoticePage, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return listMyUnreadNotices(ctx, user, request.query);
      },
    );

    app.post(
      '/api/v1/officer/notices/:id/read',
      {
        schema: {
          tags: TAGS,
          security: STAFF_SECURITY,
          summary: 'Tandai sudah dibaca / Mark a notice read',
          params: NoticeParams,
          body: NoticeReadBody,
          response: { 200: StaffNotice, ...errorResponses },
        },
      },
      async (request) => {
        const user = await requireStaff(ctx, request);
        return markMyNoticeRead(ctx, user, request.params.id);
      },
    );
  };
}
