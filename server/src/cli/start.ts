import { buildApp } from '../http/app.js';
import type { Config } from '../config.js';
import { bootContext } from '../services/boot.js';
import { seedDemoIfEmpty } from '../services/demo/seed-demo.js';
import { startEscalationLoop } from '../services/escalation.js';

export async function startCommand(config: Config): Promise<void> {
  const ctx = await bootContext(config);
  const demo = await seedDemoIfEmpty(ctx);
  const app = await buildApp(ctx);
  const stopEscalation = startEscalationLoop(ctx, config.escalationSweepSeconds);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host}:${config.port}`;
  console.log(
    `\nSigap berjalan / is running at ${base}  (engine: ${ctx.store.engine}, data: ${config.dataDir})`,
  );
  console.log(`API docs: ${base}/docs   OpenAPI: ${base}/openapi.json   health: ${base}/healthz`);
  if (demo) {
    console.log(
      `\nDemo: ${demo.reports} laporan/reports generated. Akun demo / demo accounts (password: ${demo.password}):`,
    );
    for (const u of demo.users) console.log(`  ${u.username.padEnd(22)} ${u.role.padEnd(17)} ${u.unitName}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await app.close();
    await stopEscalation();
    await ctx.store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
