import { createStore, del, get, set, values } from 'idb-keyval';
import { type Bilingual, RequestFailed } from '../api/client';
import { type NewReport, submitReport } from '../api/submit-report';
import { anyToken, keepReport } from './my-reports';

/**
 * Reports written without a connection, kept in IndexedDB (a photo is a Blob there; localStorage holds only
 * strings) until they can be sent. Each keeps the Idempotency-Key of its first try, so a send whose answer
 * was lost and is sent again makes one report on the server.
 */
export interface WaitingReport {
  key: string;
  report: NewReport;
  photo: Blob | null;
  photoName: string | null;
  queuedAt: string;
  /** The server refused it (a 4xx): it is not sent again until the citizen edits or discards it. */
  refused: { status: number; text: Bilingual | null } | null;
}

const store = createStore('sigap-outbox', 'reports');
const listeners = new Set<() => void>();
let sendingKey: string | null = null;
let running: Promise<void> | null = null;

const notify = () => listeners.forEach((l) => l());

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const currentlySending = (): string | null => sendingKey;

export async function waitingReports(): Promise<WaitingReport[]> {
  const all = await values<WaitingReport>(store);
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function queueReport(
  report: NewReport,
  photo: File | null,
  key: string,
): Promise<WaitingReport> {
  const waiting: WaitingReport = {
    key,
    report,
    photo,
    photoName: photo?.name ?? null,
    queuedAt: new Date().toISOString(),
    refused: null,
  };
  await set(key, waiting, store);
  notify();
  return waiting;
}

export async function discardWaiting(key: string): Promise<void> {
  await del(key, store);
  notify();
}

export const waitingReport = (key: string): Promise<WaitingReport | undefined> => get(key, store);

/** A 4xx other than "too many" or "timed out": sending the same request again cannot succeed. */
const isRefusal = (e: unknown): e is RequestFailed =>
  e instanceof RequestFailed && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;

export const photoFileOf = (w: WaitingReport): File | null =>
  w.photo ? new File([w.photo], w.photoName ?? 'foto', { type: w.photo.type }) : null;

async function sendAll(): Promise<void> {
  for (const w of await waitingReports()) {
    if (w.refused) continue;
    sendingKey = w.key;
    notify();
    try {
      const created = await submitReport(w.report, photoFileOf(w), w.key, anyToken(), () => {});
      keepReport({ ticket: created.ticket, token: created.citizenToken, filedAt: w.queuedAt });
      await del(w.key, store);
    } catch (error) {
      if (!isRefusal(error)) return; // still no connection, or the server is in trouble: the next try
      await set(w.key, { ...w, refused: { status: error.status, text: error.text } }, store);
    } finally {
      sendingKey = null;
      notify();
    }
  }
}

/** Sends every waiting report once, in the order written; one run at a time. */
export function sendWaiting(): Promise<void> {
  running ??= sendAll()
    .catch(() => {}) // IndexedDB refused (private mode, storage cleared): nothing to send
    .finally(() => {
      running = null;
    });
  return running;
}

/** Sends on app start, when the browser says the connection is back, and every half minute while online. */
export function startOutbox() {
  const tryNow = () => {
    if (navigator.onLine) void sendWaiting();
  };
  window.addEventListener('online', tryNow);
  window.setInterval(tryNow, 30_000);
  tryNow();
}
