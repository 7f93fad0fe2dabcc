import type { Command } from '../../domain/decide.js';
import { DomainError } from '../../domain/domain-error.js';
import type { MergeRequest } from '../../services/handling/merge.js';
import type { RecategoriseRequest } from '../../services/handling/recategorise.js';
import type { ActionName } from './action-specs.js';

export interface ActionInput {
  targetUnitId?: string;
  note?: string;
  reason?: string;
  until?: string;
  intoTicket?: string;
  categoryCode?: string;
}

function target(body: ActionInput): string {
  if (!body.targetUnitId)
    throw DomainError.invalid({
      id: 'Unit tujuan (targetUnitId) wajib diisi',
      en: 'targetUnitId is required',
    });
  return body.targetUnitId;
}

/**
 * Maps an officer's HTTP action to a domain command (merge needs the other report, recategorise the city's
 * routing: see mergeRequest and recategoriseRequest).
 */
export function commandFor(
  action: Exclude<ActionName, 'merge' | 'recategorise'>,
  body: ActionInput,
): Command {
  const reason = body.reason ?? body.note ?? '';
  switch (action) {
    case 'coordinate':
      return { type: 'coordinate', targetUnitId: target(body), note: body.note ?? null };
    case 'delegate':
      return { type: 'delegate', targetUnitId: target(body), note: body.note ?? null };
    case 'process':
      return { type: 'start_process', note: body.note ?? null };
    case 'ews': {
      const until = new Date(body.until ?? '');
      if (Number.isNaN(until.getTime()))
        throw DomainError.invalid({
          id: 'Tanggal estimasi selesai (until) wajib diisi, format ISO 8601',
          en: 'until (the estimated completion date, ISO 8601) is required',
        });
      return { type: 'set_ews', until, reason };
    }
    case 'follow-up':
      return { type: 'follow_up', attachmentIds: [], note: body.note ?? '' };
    case 'reject':
      return { type: 'reject', reason };
    case 'approve':
      return { type: 'approve', note: body.note ?? null };
    case 'return':
      return { type: 'return', note: body.note ?? body.reason ?? '' };
    case 'hide':
    case 'remove':
    case 'show':
      return { type: action, reason };
    case 'note':
      return { type: 'add_note', note: body.note ?? '' };
  }
}

export function mergeRequest(body: ActionInput): MergeRequest {
  if (!body.intoTicket)
    throw DomainError.invalid({
      id: 'Nomor tiket laporan tujuan (intoTicket) wajib diisi',
      en: 'intoTicket (the report to merge into) is required',
    });
  return { intoTicket: body.intoTicket, note: body.note ?? null };
}

export function recategoriseRequest(body: ActionInput): RecategoriseRequest {
  if (!body.categoryCode)
    throw DomainError.invalid({
      id: 'Kode kategori yang benar (categoryCode) wajib diisi',
      en: 'categoryCode (the correct category) is required',
    });
  return { categoryCode: body.categoryCode, note: body.note ?? null };
}
