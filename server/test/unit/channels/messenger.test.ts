import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessengerConfig, messengerConfigOf } from '../../../src/channels/messenger/messenger-config.js';
import { instagramCommentsOf } from '../../../src/channels/messenger/instagram-comments.js';
import { messengerMessagesOf } from '../../../src/channels/messenger/messenger-payload.js';
import { allowedMediaUrl, messengerSender } from '../../../src/channels/messenger/send-api.js';

const HOUR = 60 * 60 * 1000;

describe('the Facebook Page and Instagram settings', () => {
  it('off without a token; half-set names what is missing in both languages; complete with Meta’s CDNs', () => {
    expect(messengerConfigOf({}, 'facebook')).toBeNull();
    expect(() => messengerConfigOf({ SIGAP_INSTAGRAM_ACCESS_TOKEN: 't' }, 'instagram')).toThrow(
      /SIGAP_INSTAGRAM_APP_SECRET, SIGAP_INSTAGRAM_VERIFY_TOKEN, SIGAP_INSTAGRAM_ACCOUNT_ID/,
    );
    const config = messengerConfigOf(
      {
        SIGAP_FACEBOOK_ACCESS_TOKEN: 't',
        SIGAP_FACEBOOK_APP_SECRET: 's',
        SIGAP_FACEBOOK_VERIFY_TOKEN: 'v',
        SIGAP_FACEBOOK_PAGE_ID: '104882365581122',
      },
      'facebook',
    )!;
    expect(config.graphUrl).toBe('https://graph.facebook.com/v21.0');
    expect(allowedMediaUrl(config, 'https://scontent.xx.fbcdn.net/v/t1.15752-9/1.jpg?oh=1')).toBe(true);
    expect(allowedMediaUrl(config, 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1')).toBe(true);
    expect(allowedMediaUrl(config, 'http://scontent.xx.fbcdn.net/1.jpg')).toBe(false);
    expect(allowedMediaUrl(config, 'https://169.254.169.254/latest/meta-data')).toBe(false);
    expect(allowedMediaUrl(config, 'https://fbcdn.net.evil.example/1.jpg')).toBe(false);
  });
});

describe('a Messenger Platform delivery', () => {
  it('any JSON value: null or well-formed messages, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const messages = messengerMessagesOf(body, 'page', '1');
        if (messages) for (const m of messages) expect(m.from).toMatch(/^\d+$/);
      }),
    );
  });
});

describe('which message Meta allows after the person’s last message', () => {
  const sent: Array<Record<string, unknown>> = [];
  let server: http.Server;
  let graphUrl = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        sent.push(JSON.parse(data) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const config = (channel: 'facebook' | 'instagram'): MessengerConfig => ({
    channel,
    accessToken: 't',
    appSecret: 's',
    verifyToken: 'v',
    accountId: '1',
    graphUrl,
    mediaHosts: ['127.0.0.1'],
  });
  const now = new Date('2026-12-07T00:00:00Z');
  const notice = (hoursAgo: number) => ({
    ticket: 'JK2612070001',
    threadId: null,
    notice: {
      lastInboundAt: new Date(now.getTime() - hoursAgo * HOUR),
      now,
      sentence: 'x',
      facts: {
        kind: 'status_changed' as const,
        status: 'proses' as const,
        ticket: 'JK2612070001',
        note: null,
      },
      seq: 2,
    },
  });
  const to = { kind: 'handle' as const, value: '42' };

  it('within 24 hours a response; later a Page uses ACCOUNT_UPDATE, Instagram HUMAN_AGENT for 7 days, then nothing', async () => {
    await messengerSender(config('facebook')).send(to, 'a', notice(2));
    await messengerSender(config('facebook')).send(to, 'b', notice(30));
    await messengerSender(config('instagram')).send(to, 'c', notice(30));
    await expect(messengerSender(config('instagram')).send(to, 'd', notice(8 * 24))).rejects.toThrow(
      /more than 7 days/,
    );
    expect(sent.map((s) => [s.messaging_type, s.tag ?? null])).toEqual([
      ['RESPONSE', null],
      ['MESSAGE_TAG', 'ACCOUNT_UPDATE'],
      ['MESSAGE_TAG', 'HUMAN_AGENT'],
    ]);
  });
});

describe('an Instagram comments delivery', () => {
  const change = (value: unknown, field = 'comments') => ({
    object: 'instagram',
    entry: [{ id: '1', changes: [{ field, value }] }],
  });
  it('any JSON value, bare or as a comment: null or comments with digit ids, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.jsonValue().map((v) => change(v)),
        ),
        (body) => {
          const comments = instagramCommentsOf(body, '1');
          if (comments)
            for (const c of comments) {
              expect(c.id).toMatch(/^comment:\d+$/);
              expect(c.from).toMatch(/^\d+$/);
            }
        },
      ),
    );
  });
  it('the account’s own comments and other fields are left out; leading @names are dropped', () => {
    const value = (from: string, text: string) => ({ id: '55', from: { id: from }, text });
    expect(instagramCommentsOf(change(value('1', 'Terima kasih')), '1')).toEqual([]);
    expect(instagramCommentsOf(change(value('7', 'x'), 'mentions'), '1')).toEqual([]);
    expect(instagramCommentsOf(change(value('7', ' @gub @wagub jalan rusak @dinas')), '1')).toMatchObject([
      { id: 'comment:55', from: '7', text: 'jalan rusak @dinas' },
    ]);
    expect(instagramCommentsOf(change({ id: '55', text: 'tanpa pengirim' }), '1')).toBeNull();
  });
});
