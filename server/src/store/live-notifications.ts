import pg from 'pg';

/**
 * The database's notifications of changed reports (channel `sigap_live`, sent by the report triggers of
 * migration 0019 inside the changing transaction, so only committed changes are heard, in commit order).
 *
 * PostgreSQL: a dedicated connection per process (never one of the pool's: a pooled connection is handed to
 * other work, and LISTEN belongs to the session). It is checked every `checkEveryMs` with a trivial query, so
 * a connection the server or a firewall dropped while idle is noticed, and replaced after `retryMs`, LISTENing
 * again. Notifications sent while no connection listened are lost: the `state` callback tells the hub, which
 * tells its clients to reload instead of trusting their feed.
 *
 * Embedded (PGlite, one backend session): the pool's one connection LISTENs; the session delivers the NOTIFY
 * of a commit back to it (measured: it arrives on that connection, through the worker's socket), so the same
 * trigger feeds both engines. A replacement connection (DISCARD ALL forgets LISTEN) listens again.
 */
export interface LiveNotifications {
  close(): Promise<void>;
}

export type ListenState = 'listening' | 'lost';

export interface ListenOptions {
  onPayload: (payload: string) => void;
  onState?: (state: ListenState, error?: Error) => void;
  checkEveryMs?: number;
  retryMs?: number;
}

export const LIVE_CHANNEL = 'sigap_live';
/** The listening connections' application_name (pg_stat_activity shows which they are). */
export const LISTENER_NAME = 'sigap-live';

export async function listenOnServer(
  databaseUrl: string,
  options: ListenOptions,
): Promise<LiveNotifications> {
  const checkEveryMs = options.checkEveryMs ?? 30_000;
  const retryMs = options.retryMs ?? 1_000;
  let client: pg.Client | null = null;
  let closed = false;
  let check: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = (error: Error) => {
    if (closed || !client) return;
    const dead = client;
    client = null;
    clearInterval(check);
    dead.removeAllListeners('notification');
    dead.end().catch(() => {});
    options.onState?.('lost', error);
    retry = setTimeout(() => void connect().catch(() => {}), retryMs);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({
      connectionString: databaseUrl,
      keepAlive: true,
      application_name: LISTENER_NAME,
    });
    next.on('error', (error) => (client === next ? lost(error) : undefined));
    next.on('end', () => (client === next ? lost(new Error('connection ended')) : undefined));
    next.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload) options.onPayload(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => {});
      if (closed) return;
      options.onState?.('lost', error as Error);
      retry = setTimeout(() => void connect().catch(() => {}), retryMs);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    check = setInterval(() => {
      next.query('select 1').catch((error: Error) => (client === next ? lost(error) : undefined));
    }, checkEveryMs);
    check.unref();
    options.onState?.('listening');
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearInterval(check);
      clearTimeout(retry);
      const last = client;
      client = null;
      if (last) await last.end().catch(() => {});
    },
  };
}

export async function listenOnPool(pool: pg.Pool, options: ListenOptions): Promise<LiveNotifications> {
  let closed = false;
  const attach = (client: pg.PoolClient) => {
    client.on('notification', (message) => {
      if (!closed && message.channel === LIVE_CHANNEL && message.payload) options.onPayload(message.payload);
    });
    // queued before the pool hands the connection to anyone (pg-pool emits 'connect' after its onConnect hook)
    client.query(`listen ${LIVE_CHANNEL}`).then(
      () => options.onState?.('listening'),
      (error: Error) => options.onState?.('lost', error),
    );
  };
  const onConnect = (client: pg.PoolClient) => {
    options.onState?.('lost', new Error('embedded connection replaced'));
    attach(client);
  };
  const first = await pool.connect();
  try {
    attach(first);
  } finally {
    first.release();
  }
  pool.on('connect', onConnect);
  return {
    async close() {
      closed = true;
      pool.off('connect', onConnect);
    },
  };
}
