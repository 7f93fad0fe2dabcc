import cluster from 'node:cluster';
import { type Config, modelDirOf } from '../config.js';
import { linkOlderHistory } from '../services/audit/link-older-history.js';
import { buildApp } from '../http/app.js';
import { startImapMailbox } from '../channels/email/imap-mailbox.js';
import { startSmtpReceiver } from '../channels/email/smtp-receiver.js';
import type { AppContext } from '../services/app/app-context.js';
import { bootContext } from '../services/app/boot.js';
import { type DemoSummary, seedDemoIfEmpty } from '../services/demo/seed-demo.js';
import { startModelReload } from '../services/model/model-reload.js';
import { prepareJobQueue, startJobs } from '../services/jobs/job-runner.js';
import { backfillPublicText } from '../services/intake/public-text.js';
import { loggableError } from '../security/loggable-error.js';
import { demoAccountLines, writeDemoAccounts } from './demo-accounts-file.js';
import { bilingual, CommandError } from './messages.js';

/** How often a process looks for a model retrained by `sigap classify --train`. */
const MODEL_RELOAD_SECONDS = 60;

/** Worker processes restarted after a crash within this many ms of starting count as a crash loop. */
const CRASH_LOOP_MS = 5_000;

/**
 * Rows from before a migration get their public text, public notes and hash links while the server already
 * serves (a large database takes minutes; meanwhile the public sees no text or note for them, and `sigap audit
 * verify` reports their links missing). Never fails the server: a failure is logged and retried at next start.
 */
function backfillInBackground(config: Config, ctx: AppContext): void {
  if (!config.startBackfill) return;
  const run = async () => {
    const backfilled = await backfillPublicText(ctx);
    if (backfilled > 0)
      ctx.log.info({ rows: backfilled }, 'public texts and notes written for older reports');
    const linked = await linkOlderHistory(ctx);
    if (linked > 0) ctx.log.info({ reports: linked }, 'older report histories linked into their hash chains');
  };
  run().catch((error: unknown) =>
    ctx.log.error(
      { err: loggableError(error) },
      'backfill of older rows stopped; it resumes at the next start',
    ),
  );
}

interface SeededDemo {
  summary: DemoSummary;
  file: string;
}

async function prepareDatabase(config: Config, ctx: AppContext): Promise<SeededDemo | null> {
  const seed = config.demo === 'on' || (config.demo === 'auto' && ctx.store.engine === 'embedded');
  const summary = seed ? await seedDemoIfEmpty(ctx) : null;
  return summary ? { summary, file: await writeDemoAccounts(config.dataDir, summary) } : null;
}

function printBanner(config: Config, engine: string, demo: SeededDemo | null): void {
  const base = `http://${config.host}:${config.port}`;
  const processes = config.workers > 1 ? `, ${config.workers} proses/processes` : '';
  console.log(
    `\nSigap berjalan / is running at ${base}  (engine: ${engine}${processes}, data: ${config.dataDir})`,
  );
  console.log(`API docs: ${base}/docs   OpenAPI: ${base}/openapi.json   health: ${base}/healthz`);
  if (config.email) {
    const { host, port, imap, address, relayUrl } = config.email;
    const ways = [
      port !== null ? `SMTP ${host}:${port}` : null,
      imap ? `IMAP ${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}` : null,
    ].filter(Boolean);
    console.log(
      `Surel / e-mail: ${ways.join(' + ')} untuk / for ${address}` +
        (relayUrl ? '' : ' (tanpa balasan / no replies: SIGAP_SMTP_RELAY_URL not set)'),
    );
  }
  if (config.sms) console.log(`SMS: ${base}/api/v1/channels/sms/twilio`);
  if (config.telegram) console.log(`Telegram: ${base}/api/v1/channels/telegram/webhook`);
  if (config.whatsapp) console.log(`WhatsApp: ${base}/api/v1/channels/whatsapp/webhook`);
  if (config.facebook) console.log(`Facebook: ${base}/api/v1/channels/facebook/webhook`);
  if (config.instagram) console.log(`Instagram: ${base}/api/v1/channels/instagram/webhook`);
  if (config.twitter) console.log(`X: ${base}/api/v1/channels/twitter/webhook`);
  if (demo) for (const line of demoAccountLines(demo.summary, demo.file)) console.log(line);
}

/**
 * One HTTP server on the shared port, with the job queue: every process works jobs (transcoding, notifications,
 * the escalation and staging sweeps, which pg-boss hands to one process at a time) and relays its outbox.
 */
async function serve(config: Config, ctx: AppContext): Promise<() => Promise<void>> {
  const app = await buildApp(ctx, {
    intakePerMinute: config.intakePerMinute,
    badCitizenTokensPerMinute: config.badCitizenTokensPerMinute,
    staffWritesPerMinute: config.staffWritesPerMinute,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    mapTiles: config.mapTiles,
    sms: config.sms,
    telegram: config.telegram,
    whatsapp: config.whatsapp,
    facebook: config.facebook,
    instagram: config.instagram,
    twitter: config.twitter,
    lapor: config.lapor,
    signIn: config.signIn,
  });
  const jobs = await startJobs(ctx, { escalationSweepSeconds: config.escalationSweepSeconds });
  ctx.jobs = jobs;
  const stopModelReload = startModelReload(ctx, modelDirOf(config), MODEL_RELOAD_SECONDS);
  await app.listen({ port: config.port, host: config.host });
  const email = config.email;
  const smtp =
    email && email.port !== null ? await startSmtpReceiver(ctx, { ...email, port: email.port }) : null;
  // one process reads the mailbox (several would only fetch the same mail again)
  const firstProcess = (process.env.SIGAP_WORKER_INDEX ?? '0') === '0';
  const mailbox = email?.imap && firstProcess ? startImapMailbox(ctx, { ...email, imap: email.imap }) : null;
  return async () => {
    await mailbox?.close();
    await smtp?.close();
    await app.close();
    stopModelReload();
    await jobs.stop();
    await ctx.store.close();
  };
}

function onStopSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

async function startSingle(config: Config): Promise<void> {
  const ctx = await bootContext(config);
  const demo = await prepareDatabase(config, ctx);
  const stop = await serve(config, ctx);
  backfillInBackground(config, ctx);
  printBanner(config, ctx.store.engine, demo);
  onStopSignal(async (signal) => {
    console.log(`\n${signal}: berhenti / stopping…`);
    await stop();
  });
}

/**
 * The primary migrates, syncs the city and seeds once, then forks the workers that serve HTTP on the shared
 * port (Node's cluster module balances connections). Every worker works the job queue; the periodic sweeps are
 * queued by all of them and run by one at a time.
 */
async function startPrimary(config: Config): Promise<void> {
  const ctx = await bootContext(config);
  const engine = ctx.store.engine;
  const demo = await prepareDatabase(config, ctx);
  await prepareJobQueue(ctx);
  await ctx.store.close();

  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ SIGAP_WORKER_INDEX: String(index) });
    const startedAt = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      const crashLoop = Date.now() - startedAt < CRASH_LOOP_MS;
      console.error(
        bilingual({
          id: `proses ${index} berhenti (${signal ?? code}); ${crashLoop ? 'Sigap dihentikan' : 'dijalankan ulang'}`,
          en: `worker ${index} exited (${signal ?? code}); ${crashLoop ? 'stopping' : 'restarting'}`,
        }),
      );
      if (crashLoop) process.exit(1);
      // Not awaited: the promise only tells when the new worker listens (it never rejects), and nothing waits
      // for a restart.
      void fork(index);
    });
    return new Promise<void>((resolve) => worker.once('listening', () => resolve()));
  };
  await Promise.all(Array.from({ length: config.workers }, (_, i) => fork(i)));
  printBanner(config, engine, demo);
  onStopSignal(async (signal) => {
    stopping = true;
    console.log(`\n${signal}: berhenti / stopping…`);
    const workers = Object.values(cluster.workers ?? {});
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (!w || w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  });
}

async function startWorker(config: Config): Promise<void> {
  const ctx = await bootContext(config, undefined, { syncCity: false });
  const stop = await serve(config, ctx);
  if (process.env.SIGAP_WORKER_INDEX === '0') backfillInBackground(config, ctx);
  onStopSignal(stop);
}

export async function startCommand(config: Config): Promise<void> {
  if (config.workers > 1 && !config.databaseUrl)
    throw new CommandError({
      id: 'SIGAP_WORKERS > 1 membutuhkan PostgreSQL (DATABASE_URL): basis data tertanam hanya untuk satu proses.',
      en: 'SIGAP_WORKERS > 1 needs PostgreSQL (DATABASE_URL): the embedded database allows one process only.',
    });
  if (config.workers <= 1) return startSingle(config);
  return cluster.isPrimary ? startPrimary(config) : startWorker(config);
}
