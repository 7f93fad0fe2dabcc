/** One server-sent event as read off the stream. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/**
 * A test's server-sent-events client over fetch: collects events and comment lines (heartbeats) as they come,
 * and waits for one that matches. Close it when done (it aborts the request).
 */
export interface SseClient {
  events: SseEvent[];
  comments: string[];
  status: number;
  waitFor(match: (event: SseEvent) => boolean, timeoutMs?: number, what?: string): Promise<SseEvent>;
  waitForComment(match: (comment: string) => boolean, timeoutMs?: number): Promise<string>;
  /** resolves when the server ended the stream */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  void (async () => {
    if (!response.body) return resolveEnded();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, id, data: data.join('\n') });
          notify();
        }
      }
    } catch {
      // aborted
    }
    resolveEnded();
    notify();
  })();
  const wait = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    events,
    comments,
    status: response.status,
    ended,
    waitFor: (match, timeoutMs = 20_000, what = 'matching event') =>
      wait(() => events.find(match), timeoutMs, what),
    waitForComment: (match, timeoutMs = 20_000) => wait(() => comments.find(match), timeoutMs, 'comment'),
    close: () => controller.abort(),
  };
}

/** The LiveItem of a report event. */
export const itemOf = (event: { data: string }) =>
  JSON.parse(event.data) as {
    ticket: string;
    kind: string;
    status: string;
    unit: string;
    [key: string]: unknown;
  };
