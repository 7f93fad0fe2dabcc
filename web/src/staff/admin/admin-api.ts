import type { paths } from '../../../../clients/api/sigap-api';
import type { Schemas } from '../../api/client';
import { api, failure } from '../api';

// Administration (accounts, the city's configuration, failed jobs). A temporary password lives only in the
// memory of the screen that shows it: never in storage, a URL or a log.

export type Account = Schemas['StaffAccount'];
export type Role = Account['role'];
export const ROLES: readonly Role[] = ['officer', 'verifier', 'admin', 'reveal_authority', 'monitor'];
export type AccountQuery = NonNullable<paths['/api/v1/admin/accounts']['get']['parameters']['query']>;
export type NewAccount =
  paths['/api/v1/admin/accounts']['post']['requestBody']['content']['application/json'];
export type AccountChange =
  paths['/api/v1/admin/accounts/{id}']['patch']['requestBody']['content']['application/json'];
export type WithPassword =
  paths['/api/v1/admin/accounts']['post']['responses'][201]['content']['application/json'];
export type CityConfig = Schemas['CityConfigView'];
type FailedPage = paths['/api/v1/admin/jobs/failed']['get']['responses'][200]['content']['application/json'];
export type FailedJob = FailedPage['items'][number];
export type Retried =
  paths['/api/v1/admin/jobs/failed/{id}/retry']['post']['responses'][200]['content']['application/json'];

export async function listAccounts(query: AccountQuery) {
  const { data, error, response } = await api.GET('/api/v1/admin/accounts', { params: { query } });
  if (!data) throw failure(response, error);
  return data;
}

export async function createAccount(body: NewAccount): Promise<WithPassword> {
  const { data, error, response } = await api.POST('/api/v1/admin/accounts', { body });
  if (!data) throw failure(response, error);
  return data;
}

export async function changeAccount(id: string, body: AccountChange): Promise<Account> {
  const { data, error, response } = await api.PATCH('/api/v1/admin/accounts/{id}', {
    params: { path: { id } },
    body,
  });
  if (!data) throw failure(response, error);
  return data;
}

export async function resetPassword(id: string): Promise<WithPassword> {
  const { data, error, response } = await api.POST('/api/v1/admin/accounts/{id}/reset-password', {
    params: { path: { id } },
  });
  if (!data) throw failure(response, error);
  return data;
}

export async function deactivate(id: string, reason: string): Promise<Account> {
  const { data, error, response } = await api.POST('/api/v1/admin/accounts/{id}/deactivate', {
    params: { path: { id } },
    body: { reason },
  });
  if (!data) throw failure(response, error);
  return data;
}

export async function reactivate(id: string): Promise<Account> {
  const { data, error, response } = await api.POST('/api/v1/admin/accounts/{id}/reactivate', {
    params: { path: { id } },
  });
  if (!data) throw failure(response, error);
  return data;
}

export async function readCityConfig(): Promise<CityConfig> {
  const { data, error, response } = await api.GET('/api/v1/admin/city');
  if (!data) throw failure(response, error);
  return data;
}

export async function listFailedJobs(): Promise<FailedJob[]> {
  const { data, error, response } = await api.GET('/api/v1/admin/jobs/failed', {
    params: { query: { limit: 100 } },
  });
  if (!data) throw failure(response, error);
  return data.items;
}

export async function retryJob(id: string): Promise<Retried> {
  const { data, error, response } = await api.POST('/api/v1/admin/jobs/failed/{id}/retry', {
    params: { path: { id } },
    body: {},
  });
  if (!data) throw failure(response, error);
  return data;
}
