import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../http/auth.js';
import type { AppContext } from '../../services/app/app-context.js';
import { cityFigures, unitFigures } from '../../services/reads/kpi/kpi-figures.js';
import { CityFigures, UnitFigures, UnitFiguresQuery } from '../../services/reads/kpi/kpi-schema.js';
import { ErrorResponse } from '../schemas.js';
import { STAFF_SECURITY } from '../security.js';

const TAGS = ['Petugas / Staff'];

/** Figures from the rollups: the unit dashboard and the monitoring room. */
export function kpiRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/kpi/unit',
      {
        schema: {
          tags: TAGS,
          summary:
            'Dasbor unit / Unit dashboard (status, SLA, median, peringkat / ranking, minggu ini vs lalu)',
          description:
            'Unit sendiri; admin dan verifikator boleh memilih unit lain dengan ?unit=. / One’s own unit; ' +
            'administrators and verifiers may name another with ?unit=.',
          security: STAFF_SECURITY,
          querystring: UnitFiguresQuery,
          response: {
            200: UnitFigures,
            400: ErrorResponse,
            401: ErrorResponse,
            403: ErrorResponse,
            404: ErrorResponse,
          },
        },
      },
      async (request) =>
        unitFigures(ctx, await requireStaff(ctx, request, { monitoringRoom: true }), request.query.unit),
    );
    app.get(
      '/api/v1/kpi/city',
      {
        schema: {
          tags: TAGS,
          summary: 'Ruang pantau / Monitoring room (hari ini, bulan ini, klasemen, kanal, kategori, peta)',
          security: STAFF_SECURITY,
          response: { 200: CityFigures, 401: ErrorResponse, 403: ErrorResponse },
        },
      },
      async (request) => cityFigures(ctx, await requireStaff(ctx, request, { monitoringRoom: true })),
    );
  };
}
