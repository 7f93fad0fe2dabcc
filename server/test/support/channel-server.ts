import type { AddressInfo } from 'node:net';
import { channelSendersOf } from '../../src/channels/channel-senders.js';
import type { Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import type { JobPayloads } from '../../src/services/jobs/job-types.js';
import { startJobs } from '../../src/services/jobs/job-runner.js';
import type { Engine } from '../../src/store/database.js';
import { type TestContext, testContext } from './test-app.js';

export interface ChannelServer {
  ctx: TestContext;
  /** the HTTP server's address */
  base: string;
  /** every URL the process fetched (the test's own calls included) */
  outbound: string[];
  close(): Promise<void>;
}

/**
 * The real HTTP server with a channel configured and the job queue running (notifications are sent by jobs), and
 * a guard on fetch: any call not to 127.0.0.1 throws, so a channel that would reach the internet fails its test.
 */
export async function channelServer(
  engine: Engine,
  channels: Partial<
    Pick<Config, 'sms' | 'telegram' | 'email' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'lapor'>
  >,
  jobSettings: Partial<Record<keyof JobPayloads, { retryDelay?: number; retryLimit?: number }>> = {},
): Promise<ChannelServer> {
  const realFetch = globalThis.fetch;
  const outbound: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    outbound.push(url);
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`unexpected outbound call to ${url}`);
    return realFetch(input, init);
  }) as typeof fetch;
  const ctx = await testContext(engine);
  ctx.senders = channelSendersOf(channels);
  const app = await buildApp(ctx, {
    intakePerMinute: 60,
    sms: channels.sms,
    telegram: channels.telegram,
    whatsapp: channels.whatsapp,
    facebook: channels.facebook,
    instagram: channels.instagram,
    twitter: channels.twitter,
    lapor: channels.lapor,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const jobs = await startJobs(ctx, {
    escalationSweepSeconds: 3600,
    pollingIntervalSeconds: 0.5,
    relaySeconds: 0.5,
    settings: jobSettings,
  });
  ctx.jobs = jobs;
  return {
    ctx,
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    outbound,
    async close() {
      await jobs.stop();
      await app.close();
      await ctx.close();
      globalThis.fetch = realFetch;
    },
  };
}
