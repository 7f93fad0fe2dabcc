import type { CommandType } from '../../domain/decide.js';

/**
 * What each domain command is called in the HTTP API: the last segment of its URL
 * (`POST /api/v1/officer/reports/{ticket}/{name}`, `POST /api/v1/reports/{ticket}/{name}`; `edit` is
 * `PATCH /api/v1/reports/{ticket}`). `allowedActions` in the report views uses these names, so a client can
 * call what the API says it may.
 */
export const API_ACTION_NAMES = {
  edit: 'edit',
  withdraw: 'withdraw',
  rate: 'rating',
  reopen: 'reopen',
  coordinate: 'coordinate',
  delegate: 'delegate',
  start_process: 'process',
  set_ews: 'ews',
  follow_up: 'follow-up',
  reject: 'reject',
  approve: 'approve',
  return: 'return',
  hide: 'hide',
  remove: 'remove',
  show: 'show',
  add_note: 'note',
  merge: 'merge',
  recategorise: 'recategorise',
} as const satisfies Record<Exclude<CommandType, 'escalate'>, string>;

export type ApiActionName = (typeof API_ACTION_NAMES)[keyof typeof API_ACTION_NAMES];

export function apiActionNames(commands: CommandType[]): ApiActionName[] {
  return commands.flatMap((c) => (c === 'escalate' ? [] : [API_ACTION_NAMES[c]]));
}
