import type { Logger } from 'pino';
import { FINAL_STATUSES, isStatus } from '../../domain/statuses.js';
import type { ListenState, LiveNotifications } from '../../store/live-notifications.js';
import type { Store } from '../../store/database.js';

/**
 * A report change as the live feed shows it: what a staff queue item shows of a report, never its text, its
 * reporter or its place beyond the kelurahan.
 */
export interface LiveItem {
  /** `Last-Event-ID`: the change's time, ticket and history length; the same in every process */
  id: string;
  /** created: a new report; completed: it reached a final status; status_changed; moved (to another unit); updated */
  kind: 'created' | 'completed' | 'status_changed' | 'moved' | 'updated';
  ticket: string;
  status: string;
  previousStatus: string | null;
  category: string;
  kelurahan: string | null;
  kota: string | null;
  unit: string;
  previousUnit: string | null;
  escalatedUnit: string | null;
  channel: string;
  at: string;
}

/** Who a subscriber is: the whole city, or one unit (the reports assigned to it, escalated to it, or just moved from it). */
export type LiveScope = { kind: 'city' } | { kind: 'unit'; unitId: string };

export function inScope(item: LiveItem, scope: LiveScope): boolean {
  if (scope.kind === 'city') return true;
  return (
    item.unit === scope.unitId || item.previousUnit === scope.unitId || item.escalatedUnit === scope.unitId
  );
}

interface Payload {
  ticket: string;
  status: string;
  previousStatus: string | null;
  category: string;
  kelurahan: string | null;
  unit: string;
  previousUnit: string | null;
  escalatedUnit: string | null;
  channel: string;
  seq: number;
  at: string;
}

/** The trigger's payload (migration 0019) → a feed item; null for anything unexpected (never thrown at a listener). */
export function liveItemOf(payload: string): LiveItem | null {
  let p: Payload;
  try {
    p = JSON.parse(payload) as Payload;
  } catch {
    return null;
  }
  if (typeof p.ticket !== 'string' || typeof p.status !== 'string' || typeof p.unit !== 'string') return null;
  const at = new Date(p.at);
  if (Number.isNaN(at.getTime())) return null;
  const kind: LiveItem['kind'] =
    p.previousStatus === null
      ? 'created'
      : p.status !== p.previousStatus
        ? isStatus(p.status) && FINAL_STATUSES.has(p.status)
          ? 'completed'
          : 'status_changed'
        : p.unit !== p.previousUnit
          ? 'moved'
          : 'updated';
  return {
    id: `${at.getTime()}.${p.ticket}.${p.seq}`,
    kind,
    ticket: p.ticket,
    status: p.status,
    previousStatus: p.previousStatus,
    category: p.category,
    kelurahan: p.kelurahan,
    kota: p.kelurahan ? p.kelurahan.slice(0, 5) : null,
    unit: p.unit,
    previousUnit: p.previousStatus === null ? null : p.previousUnit,
    escalatedUnit: p.escalatedUnit,
    channel: p.channel,
    at: at.toISOString(),
  };
}

export interface LiveSubscriber {
  scope: LiveScope;
  item(item: LiveItem): void;
  /** Changes may have been missed (the database connection was lost and is back): reload what is shown. */
  resync(): void;
}

/** How many recent items are kept for clients that reconnect with `Last-Event-ID`. */
const KEPT = 1000;

/**
 * The process's live feed: one listener on the database's change notifications (started with the first
 * subscriber), fanned out in memory to the server-sent-event streams of this process, each filtered to its scope.
 * Every process runs its own hub; the database is what crosses processes.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly recent: LiveItem[] = [];
  private listening: Promise<LiveNotifications> | null = null;
  private lostSince: boolean = false;

  constructor(
    private readonly store: Pick<Store, 'listenForReportChanges'>,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly listenOptions: { checkEveryMs?: number; retryMs?: number } = {},
  ) {}

  /** Starts listening (once); resolves when the database will deliver the next committed change. */
  start(): Promise<void> {
    this.listening ??= this.store.listenForReportChanges({
      ...this.listenOptions,
      onPayload: (payload) => this.publish(payload),
      onState: (state, error) => this.stateChanged(state, error),
    });
    return this.listening.then(() => undefined);
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** The items after `lastEventId` in the subscriber's scope; null when it is no longer kept (reload instead). */
  since(lastEventId: string, scope: LiveScope): LiveItem[] | null {
    const index = this.recent.findIndex((item) => item.id === lastEventId);
    if (index < 0) return null;
    return this.recent.slice(index + 1).filter((item) => inScope(item, scope));
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = null;
    this.subscribers.clear();
    if (listening) await (await listening.catch(() => null))?.close();
  }

  private publish(payload: string): void {
    const item = liveItemOf(payload);
    if (!item) return;
    this.recent.push(item);
    if (this.recent.length > KEPT) this.recent.splice(0, this.recent.length - KEPT);
    for (const subscriber of this.subscribers) if (inScope(item, subscriber.scope)) subscriber.item(item);
  }

  private stateChanged(state: ListenState, error?: Error): void {
    if (state === 'lost') {
      if (!this.lostSince)
        this.log.warn({ err: error?.message }, 'live: database notifications lost; reconnecting');
      this.lostSince = true;
      return;
    }
    if (!this.lostSince) return;
    this.lostSince = false;
    this.log.info('live: listening again; clients reload');
    // what happened meanwhile was not heard: the kept items no longer form a complete sequence
    this.recent.length = 0;
    for (const subscriber of this.subscribers) subscriber.resync();
  }
}
