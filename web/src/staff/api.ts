import type { paths } from '../../../clients/api/sigap-api';
import { api, failure as citizenFailure, RequestFailed, type Schemas } from '../api/client';

export { api, RequestFailed };

/** A refusal with the seconds a 429 says to wait (Retry-After), for a plain "try again in N minutes". */
export class StaffRequestFailed extends RequestFailed {
  retryAfter: number | null = null;
}

export function failure(response: Response | undefined, error: unknown): StaffRequestFailed {
  const base = citizenFailure(response, error);
  const failed = new StaffRequestFailed(base.status, base.text, base.code);
  const wait = Number(response?.headers.get('retry-after'));
  failed.retryAfter = Number.isFinite(wait) && wait > 0 ? wait : null;
  return failed;
}

export type Me = paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json'];
export type QueueQuery = NonNullable<paths['/api/v1/officer/queue']['get']['parameters']['query']>;
export type QueueItem = Schemas['QueueItem'];
export type StaffView = Schemas['StaffReportView'];
export type OutOfSight = Schemas['OutOfSight'];
export type ActionName = StaffView['allowedActions'][number];
export type Category = { code: string; name: { id: string; en: string } };

// The session is the server's httpOnly cookie (SameSite=Strict): the console never sees or keeps its token.

export async function whoAmI(): Promise<Me | null> {
  const { data, error, response } = await api.GET('/api/v1/auth/me');
  if (response.status === 401) return null;
  if (!data) throw failure(response, error);
  return data;
}

export async function signIn(username: string, password: string): Promise<void> {
  const { data, error, response } = await api.POST('/api/v1/auth/login', { body: { username, password } });
  if (!data) throw failure(response, error);
}

export async function signOut(): Promise<void> {
  const { response, error } = await api.POST('/api/v1/auth/logout');
  if (!response.ok) throw failure(response, error);
}

export async function readQueue(query: QueueQuery) {
  const { data, error, response } = await api.GET('/api/v1/officer/queue', { params: { query } });
  if (!data) throw failure(response, error);
  return data;
}

export async function readReport(ticket: string): Promise<StaffView> {
  const { data, error, response } = await api.GET('/api/v1/officer/reports/{ticket}', {
    params: { path: { ticket } },
  });
  if (!data) throw failure(response, error);
  return data;
}

let categories: Promise<Category[]> | null = null;
export function readCategories(): Promise<Category[]> {
  categories ??= api.GET('/api/v1/categories').then(({ data, error, response }) => {
    if (!data) throw failure(response, error);
    return data.items;
  });
  categories.catch(() => (categories = null));
  return categories;
}

export async function findUnits(q: string, parent?: string) {
  const { data, error, response } = await api.GET('/api/v1/units', {
    params: { query: { ...(q ? { q } : {}), ...(parent ? { parent } : {}), limit: 50 } },
  });
  if (!data) throw failure(response, error);
  return data.items;
}

/**
 * One action on a report (POST /api/v1/officer/reports/{ticket}/{action}): JSON, or multipart for follow-up with
 * photos, with the version the officer saw as If-Match (changed since: 409, saying what changed). Answers the
 * report as it is now, or that it left the actor's sight.
 */
export async function act(
  ticket: string,
  action: ActionName,
  body: Record<string, string> | FormData,
  version: number,
): Promise<StaffView | OutOfSight> {
  const ifMatch = { 'if-match': `"${version}"` };
  const init: RequestInit =
    body instanceof FormData
      ? { method: 'POST', body, headers: ifMatch }
      : {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', ...ifMatch },
        };
  let response: Response;
  try {
    response = await fetch(`/api/v1/officer/reports/${encodeURIComponent(ticket)}/${action}`, init);
  } catch {
    throw new RequestFailed(0, null);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failure(response, json);
  return json as StaffView | OutOfSight;
}

export type DeskBody = paths['/api/v1/officer/intake']['post']['requestBody']['content']['application/json'];
export type Created =
  paths['/api/v1/officer/intake']['post']['responses'][201]['content']['application/json'];

/**
 * A report filed at the desk (POST /api/v1/officer/intake): multipart with the JSON in `payload` when there are
 * photos; one Idempotency-Key per draft, so a retried send files it once.
 */
export async function fileAtDesk(body: DeskBody, photos: File[], idempotencyKey: string): Promise<Created> {
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey };
  let payload: BodyInit;
  if (photos.length) {
    const form = new FormData();
    form.append('payload', JSON.stringify(body));
    for (const p of photos) form.append('photos', p, p.name);
    payload = form;
  } else {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch('/api/v1/officer/intake', { method: 'POST', body: payload, headers });
  } catch {
    throw new RequestFailed(0, null);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failure(response, json);
  return json as Created;
}

export type NewsItemBody =
  paths['/api/v1/officer/intake/media']['post']['requestBody']['content']['application/json'];
export type NewsItemFiled =
  paths['/api/v1/officer/intake/media']['post']['responses'][201]['content']['application/json'];

/** A report filed from a news item (POST /api/v1/officer/intake/media); one Idempotency-Key per draft. */
export async function fileFromNews(body: NewsItemBody, idempotencyKey: string): Promise<NewsItemFiled> {
  const { data, error, response } = await api.POST('/api/v1/officer/intake/media', {
    body,
    params: { header: { 'idempotency-key': idempotencyKey } },
  });
  if (!data) throw failure(response, error);
  return data;
}

export type RevealRequest = Schemas['RevealRequest'];
export type Revealed =
  paths['/api/v1/officer/reveal-requests/{id}/identity']['get']['responses'][200]['content']['application/json'];

export async function askReveal(ticket: string, reason: string): Promise<RevealRequest> {
  const { data, error, response } = await api.POST('/api/v1/officer/reports/{ticket}/reveal-requests', {
    params: { path: { ticket } },
    body: { reason },
  });
  if (!data) throw failure(response, error);
  return data;
}

export async function listReveals(): Promise<RevealRequest[]> {
  const { data, error, response } = await api.GET('/api/v1/officer/reveal-requests', {
    params: { query: { status: 'semua', limit: 50 } },
  });
  if (!data) throw failure(response, error);
  return data.items;
}

export async function decideReveal(id: string, approve: boolean, note: string): Promise<RevealRequest> {
  const { data, error, response } = await api.POST('/api/v1/officer/reveal-requests/{id}/decision', {
    params: { path: { id } },
    body: { approve, ...(note ? { note } : {}) },
  });
  if (!data) throw failure(response, error);
  return data;
}

/** The identity, held by the caller in memory only (the answer is no-store; nothing is written anywhere). */
export async function seeIdentity(id: string): Promise<Revealed> {
  const { data, error, response } = await api.GET('/api/v1/officer/reveal-requests/{id}/identity', {
    params: { path: { id } },
  });
  if (!data) throw failure(response, error);
  return data;
}

/** The signed-in person chooses their own password (required after an administrator set a temporary one). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const { data, error, response } = await api.POST('/api/v1/auth/password', {
    body: { currentPassword, newPassword },
  });
  if (!data) throw failure(response, error);
}

export type UnitFigures = Schemas['UnitFigures'];

/** The unit dashboard's figures: one's own unit, or `unit` for those who may see the whole city. */
export async function readUnitFigures(unit: string | null): Promise<UnitFigures> {
  const { data, error, response } = await api.GET('/api/v1/kpi/unit', {
    params: { query: unit ? { unit } : {} },
  });
  if (!data) throw failure(response, error);
  return data;
}
