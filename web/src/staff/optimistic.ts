import type { ActionName, Me, StaffView } from './api';

type Status = StaffView['status'];

// The statuses an action leads to when the server accepts it (server/src/domain/evolve.ts); the labels are the
// server's (domain/statuses.ts). Actions missing here leave the status as it is.
const NEXT: Partial<Record<ActionName, Status>> = {
  process: { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
  coordinate: { code: 'koordinasi', label: { id: 'Koordinasi', en: 'Coordination' } },
  delegate: { code: 'disposisi', label: { id: 'Disposisi', en: 'Delegated' } },
  ews: { code: 'ews', label: { id: 'EWS (Estimasi Waktu Selesai)', en: 'Extended (estimated completion)' } },
  'follow-up': {
    code: 'menunggu_validasi',
    label: { id: 'Menunggu validasi dan verifikasi', en: 'Awaiting verification' },
  },
  approve: { code: 'selesai', label: { id: 'Selesai', en: 'Done' } },
  return: { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
  reject: { code: 'ditolak', label: { id: 'Ditolak', en: 'Rejected' } },
  merge: { code: 'digabung', label: { id: 'Digabung', en: 'Merged' } },
};

/**
 * The report as it will be once the server accepts the action, shown at once: the new status, the action at the
 * end of the history marked as being saved, and no buttons until the server's answer replaces this view (or the
 * view from before comes back, when it refuses).
 */
export function predicted(
  view: StaffView,
  action: ActionName,
  note: string | null,
  me: Me,
  pendingLabel: { id: string; en: string },
): StaffView {
  const status = NEXT[action] ?? view.status;
  const actor = me.user.role === 'verifier' ? 'verifier' : me.user.role === 'admin' ? 'admin' : 'officer';
  return {
    ...view,
    status,
    allowedActions: [],
    history: [
      ...view.history,
      {
        seq: view.version + 1,
        type: 'pending',
        label: pendingLabel,
        status,
        at: new Date().toISOString(),
        actor,
        unit: me.unit ? { id: me.unit.id, name: me.unit.name } : null,
        targetUnit: null,
        note,
      },
    ],
  };
}
