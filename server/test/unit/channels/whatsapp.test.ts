import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whatsappConfigOf } from '../../../src/channels/whatsapp/whatsapp-config.js';
import { messagesOf } from '../../../src/channels/whatsapp/whatsapp-payload.js';
import { metaSignatureValid } from '../../../src/channels/meta/meta-signature.js';
import { ConfigError } from '../../../src/config.js';

describe('the WhatsApp channel’s settings', () => {
  const full = {
    SIGAP_WHATSAPP_ACCESS_TOKEN: 'EAAtoken',
    SIGAP_WHATSAPP_APP_SECRET: 'app-secret',
    SIGAP_WHATSAPP_VERIFY_TOKEN: 'verify-me',
    SIGAP_WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    SIGAP_WHATSAPP_TEMPLATE: 'status_laporan',
  };
  it('off without an access token; complete with the default Graph address', () => {
    expect(whatsappConfigOf({})).toBeNull();
    expect(whatsappConfigOf({ SIGAP_WHATSAPP_APP_SECRET: 'x' })).toBeNull();
    expect(whatsappConfigOf(full)).toEqual({
      accessToken: 'EAAtoken',
      appSecret: 'app-secret',
      verifyToken: 'verify-me',
      phoneNumberId: '106540352242922',
      template: 'status_laporan',
      graphUrl: 'https://graph.facebook.com/v21.0',
    });
    expect(
      whatsappConfigOf({ ...full, SIGAP_WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v20.0/' })?.graphUrl,
    ).toBe('http://127.0.0.1:9/v20.0');
  });
  it('half-set is an error naming what is missing, in both languages', () => {
    const { SIGAP_WHATSAPP_APP_SECRET: _s, SIGAP_WHATSAPP_TEMPLATE: _t, ...half } = full;
    expect(() => whatsappConfigOf(half)).toThrow(ConfigError);
    try {
      whatsappConfigOf(half);
    } catch (error) {
      const text = (error as ConfigError).text;
      expect(text.id).toBe('Kanal WhatsApp: SIGAP_WHATSAPP_APP_SECRET, SIGAP_WHATSAPP_TEMPLATE belum diisi');
      expect(text.en).toBe('WhatsApp channel: SIGAP_WHATSAPP_APP_SECRET, SIGAP_WHATSAPP_TEMPLATE not set');
    }
    expect(() => whatsappConfigOf({ ...full, SIGAP_WHATSAPP_PHONE_NUMBER_ID: '+62 812' })).toThrow(
      ConfigError,
    );
    expect(() => whatsappConfigOf({ ...full, SIGAP_WHATSAPP_TEMPLATE: 'Status Laporan' })).toThrow(
      ConfigError,
    );
    expect(() => whatsappConfigOf({ ...full, SIGAP_WHATSAPP_GRAPH_URL: 'graph.facebook.com' })).toThrow(
      ConfigError,
    );
  });
});

describe('X-Hub-Signature-256', () => {
  const secret = 'app-secret';
  const sign = (body: Buffer, key = secret) =>
    `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
  it('holds for the exact bytes under the app secret, and for nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 299 }), (bytes, at) => {
        const body = Buffer.from(bytes);
        expect(metaSignatureValid(secret, sign(body), body)).toBe(true);
        expect(metaSignatureValid(secret, sign(body).toUpperCase().replace('SHA256', 'sha256'), body)).toBe(
          true,
        );
        expect(metaSignatureValid(secret, sign(body, 'other'), body)).toBe(false);
        if (body.length > 0) {
          const changed = Buffer.from(body);
          changed[at % body.length] = changed[at % body.length]! ^ 1;
          expect(metaSignatureValid(secret, sign(body), changed)).toBe(false);
        }
      }),
    );
    const body = Buffer.from('{}');
    for (const bad of [
      undefined,
      '',
      'sha256=',
      sign(body).replace('sha256=', 'sha1='),
      [sign(body)],
      'sha256=zz',
    ])
      expect(metaSignatureValid(secret, bad, body)).toBe(false);
  });
});

describe('a WhatsApp delivery’s messages', () => {
  const delivery = (value: object) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value }] }],
  });
  it('text and image messages, several per delivery; status updates are no messages', () => {
    const messages = messagesOf(
      delivery({
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '1708', phone_number_id: '1065' },
        contacts: [{ profile: { name: 'Ani' }, wa_id: '6281398765432' }],
        messages: [
          {
            from: '6281398765432',
            id: 'wamid.A',
            timestamp: '1765000000',
            type: 'text',
            text: { body: 'Jalan rusak' },
          },
          {
            from: '6281398765432',
            id: 'wamid.B',
            timestamp: '1765000001',
            type: 'image',
            image: { id: 'MEDIA1', caption: 'Sampah', mime_type: 'image/jpeg', sha256: 'x' },
          },
        ],
      }),
    );
    expect(messages?.map(({ raw: _raw, ...m }) => m)).toEqual([
      {
        id: 'wamid.A',
        from: '6281398765432',
        type: 'text',
        text: 'Jalan rusak',
        imageId: null,
        location: null,
      },
      {
        id: 'wamid.B',
        from: '6281398765432',
        type: 'image',
        text: 'Sampah',
        imageId: 'MEDIA1',
        location: null,
      },
    ]);
    expect(messagesOf(delivery({ statuses: [{ id: 'wamid.A', status: 'read' }] }))).toEqual([]);
    expect(messagesOf({ object: 'page' })).toBeNull();
    expect(messagesOf(delivery({ messages: [{ id: 'wamid.C', type: 'text' }] }))).toBeNull();
  });
  it('any JSON value: null or a list of well-formed messages, never a throw', () => {
    const message = fc.record(
      {
        from: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant('6281398765432')),
        id: fc.string({ maxLength: 300 }),
        type: fc.constantFrom('text', 'image', 'location', 'audio', 'reaction'),
        text: fc.record({ body: fc.string({ maxLength: 50 }) }),
        image: fc.record({ id: fc.string({ maxLength: 10 }), caption: fc.string({ maxLength: 10 }) }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.array(message, { maxLength: 4 }).map((messages) => delivery({ messages })),
        ),
        (body) => {
          const messages = messagesOf(body);
          if (messages === null) return;
          for (const m of messages) {
            expect(m.from).toMatch(/^\d{6,20}$/);
            expect(m.id.length).toBeGreaterThan(0);
            expect(typeof m.text).toBe('string');
            if (m.imageId !== null) expect(m.type).toBe('image');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
