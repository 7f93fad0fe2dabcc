import { useEffect, useRef, useState } from 'react';
import type { Schemas } from '../api/client';

export type CityFigures = Schemas['CityFigures'];

/** A report change from GET /api/v1/live (server/src/services/live/live-hub.ts#LiveItem). */
export interface LiveItem {
  id: string;
  kind: 'created' | 'completed' | 'status_changed' | 'moved' | 'updated';
  ticket: string;
  status: string;
  previousStatus: string | null;
  category: string;
  kelurahan: string | null;
  kota: string | null;
  unit: string;
  at: string;
}

export type Connection = 'connecting' | 'live' | 'lost' | 'back';

/**
 * The live feed: the browser's EventSource reconnects by itself (the server asks for 3 s) and sends
 * Last-Event-ID, so the server replays what was missed or says `resync`. `onChange` runs for every change and
 * every resync (the caller reloads its figures, debounced).
 */
export function useLive(onItem: (item: LiveItem) => void, onResync: () => void): Connection {
  const [connection, setConnection] = useState<Connection>('connecting');
  const handlers = useRef({ onItem, onResync });
  handlers.current = { onItem, onResync };
  useEffect(() => {
    const source = new EventSource('/api/v1/live');
    let wasLost = false;
    let settle: number | undefined;
    source.onopen = () => {
      if (wasLost) {
        setConnection('back');
        handlers.current.onResync();
        window.clearTimeout(settle);
        settle = window.setTimeout(() => setConnection('live'), 5000);
      } else setConnection('live');
      wasLost = false;
    };
    source.onerror = () => {
      wasLost = true;
      setConnection('lost');
    };
    source.addEventListener('report', (event) => {
      try {
        handlers.current.onItem(JSON.parse((event as MessageEvent<string>).data) as LiveItem);
      } catch {
        // a malformed event is skipped
      }
    });
    source.addEventListener('resync', () => handlers.current.onResync());
    return () => {
      window.clearTimeout(settle);
      source.close();
    };
  }, []);
  return connection;
}
