import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import webpush from 'web-push';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/config-error.js';
import {
  DEFAULT_PUSH_SERVICES,
  openVapidKeys,
  pushConfigOf,
} from '../../../src/channels/push/push-config.js';
import { webPushSender } from '../../../src/channels/push/web-push-sender.js';

describe('Web Push settings', () => {
  test('keys are made once into the data folder, readable by the owner only, and kept', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-vapid-'));
    try {
      const config = pushConfigOf({});
      const first = await openVapidKeys(config, dir);
      const second = await openVapidKeys(config, dir);
      expect(second).toEqual(first);
      expect(first.subject).toBe('mailto:pengaduan@sigap.invalid');
      expect((await fs.stat(path.join(dir, 'vapid.json'))).mode & 0o777).toBe(0o600);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('keys from the environment win; half a pair, a bad pair or a bad subject is a bilingual ConfigError', async () => {
    const keys = webpush.generateVAPIDKeys();
    const env = { SIGAP_VAPID_PUBLIC_KEY: keys.publicKey, SIGAP_VAPID_PRIVATE_KEY: keys.privateKey };
    const config = pushConfigOf({ ...env, SIGAP_VAPID_SUBJECT: 'https://lapor.example.go.id/kontak' });
    expect(await openVapidKeys(config, '/nonexistent-folder')).toEqual({
      ...keys,
      subject: 'https://lapor.example.go.id/kontak',
    });
    for (const bad of [
      { SIGAP_VAPID_PUBLIC_KEY: keys.publicKey },
      { ...env, SIGAP_VAPID_PRIVATE_KEY: 'bukan-kunci' },
      { SIGAP_VAPID_SUBJECT: 'admin@example' },
      { SIGAP_PUSH_SERVICES: 'fcm.googleapis.com/path' },
    ])
      expect(() => pushConfigOf(bad), JSON.stringify(bad)).toThrow(ConfigError);
    expect(pushConfigOf({}).services).toEqual(DEFAULT_PUSH_SERVICES);
  });

  test('only the listed push services are called, whatever endpoint a client sends', () => {
    const sender = webPushSender({ ...webpush.generateVAPIDKeys(), subject: 'mailto:a@b.example' }, [
      ...DEFAULT_PUSH_SERVICES,
      'http://127.0.0.1:9999',
    ]);
    expect(sender.allows('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(sender.allows('https://wns2-by3p.notify.windows.com/w/?token=x')).toBe(true);
    expect(sender.allows('http://127.0.0.1:9999/push/1')).toBe(true);
    for (const refused of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/x',
      'https://user:pw@fcm.googleapis.com/x',
      'https://notify.windows.com.evil.example/x',
      'http://127.0.0.1:9998/push/1',
      'http://169.254.169.254/latest',
      'not a url',
    ])
      expect(sender.allows(refused), refused).toBe(false);
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const host = new URL(url).host;
        const listed =
          ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com'].includes(host) ||
          host.endsWith('.notify.windows.com');
        if (!listed) expect(sender.allows(url)).toBe(false);
      }),
    );
  });
});
