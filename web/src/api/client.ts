import createClient from 'openapi-fetch';
import type { components, paths } from '../../../clients/api/sigap-api';

export type Schemas = components['schemas'];
export type CitizenView = Schemas['CitizenReportView'];
export type PublicView = Schemas['PublicReportView'];
export type PrivateStub = Schemas['PrivateReportStub'];
export type ReportRead = CitizenView | PublicView | PrivateStub;
export type ApiError = Schemas['Error'];
export type StatusCode = CitizenView['status']['code'];
export type Bilingual = { id: string; en: string };

/** The generated typed client (clients/api), on this server's own origin. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

export const bearer = (token: string | null | undefined) =>
  token ? { Authorization: `Bearer ${token}` } : undefined;

/** What went wrong, for the person: the server's own bilingual message when it sent one. */
export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    readonly text: Bilingual | null,
    /** The server's error code ('news_filed_before', …), where a screen answers one differently. */
    readonly code: string | null = null,
  ) {
    super(text?.en ?? `HTTP ${status}`);
  }
}

export function failure(response: Response | undefined, error: unknown): RequestFailed {
  const body = (error as ApiError | undefined)?.error;
  return new RequestFailed(response?.status ?? 0, body?.message ?? null, body?.code ?? null);
}
