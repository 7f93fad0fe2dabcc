import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyHistory } from '../../src/services/audit/verify.js';
import { act } from '../../src/services/handling/actions.js';
import { type InboundMessage, submit } from '../../src/services/intake/intake.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const admin = { kind: 'admin' as const, id: 'admin-uji', unitId: null };

function message(phone: string, text: string, more: Partial<InboundMessage> = {}): InboundMessage {
  return {
    channel: 'whatsapp',
    externalId: null,
    sender: { kind: 'phone', value: phone },
    raw: { from: phone, body: text },
    report: { text, address: 'Jl. Kenari, Kenari' },
    uploads: [],
    citizenToken: null,
    ...more,
  };
}

describe.each(testEngines())('a sender’s follow-up message joins their open report (%s)', (engine) => {
  let ctx: TestContext;
  const stateOf = async (ticket: string) =>
    ctx.store.db.selectFrom('report').selectAll().where('ticket', '=', ticket).executeTakeFirstOrThrow();

  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(() => ctx.close());

  test('text then photo on WhatsApp make one report; the joined answer carries no citizen token', async () => {
    const first = await submit(ctx, message('0812-1111-0001', 'Jalan berlubang di depan SD Kenari'));
    expect(first).toHaveProperty('citizenToken');
    ctx.advance(5 * 60_000);
    const second = await submit(
      ctx,
      message('+62 812 1111 0001', 'Ini fotonya, lubangnya makin dalam', {
        externalId: 'wamid.1',
        uploads: [{ data: await phonePhoto(3) }],
      }),
    );
    expect(second).toEqual({ ticket: first.ticket, status: 'menunggu', joined: true });
    const report = await stateOf(first.ticket);
    expect(report.text).toBe('Jalan berlubang di depan SD Kenari\n\nIni fotonya, lubangnya makin dalam');
    const attachments = await ctx.store.db
      .selectFrom('attachment')
      .select('role')
      .where('report_id', '=', report.id)
      .execute();
    expect(attachments).toEqual([{ role: 'report' }]);
    const events = await ctx.store.db
      .selectFrom('report_event')
      .select(['type', 'actor_kind', 'actor_id'])
      .where('report_id', '=', report.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.type, e.actor_kind, e.actor_id])).toEqual([
      ['created', 'citizen', report.citizen_id],
      ['edited', 'citizen', report.citizen_id],
    ]);
    const messages = await ctx.store.db
      .selectFrom('inbound_message')
      .select('report_id')
      .where('report_id', '=', report.id)
      .execute();
    expect(messages).toHaveLength(2);

    // delivered again, the joining message is answered the same and changes nothing
    const again = await submit(
      ctx,
      message('+62 812 1111 0001', 'Ini fotonya, lubangnya makin dalam', {
        externalId: 'wamid.1',
        uploads: [{ data: await phonePhoto(3) }],
      }),
    );
    expect(again).toEqual(second);
    expect((await stateOf(first.ticket)).event_count).toBe(2);
    expect((await verifyHistory(ctx)).problems).toEqual([]);
  });

  test('a new report instead: another sender, an explicit new report, a GPS point, e-mail, after 30 minutes, after an officer acted', async () => {
    const base = await submit(ctx, message('0812-2222-0002', 'Sampah menumpuk di pinggir jalan'));
    const tickets = [base.ticket];
    const notJoined = async (m: InboundMessage) => {
      const answer = await submit(ctx, m);
      expect(answer).not.toHaveProperty('joined');
      tickets.push(answer.ticket);
    };
    await notJoined(message('0812-3333-0003', 'Sampah juga di sini'));
    await notJoined(message('0812-2222-0002', 'Laporan lain: lampu mati', { intent: 'new' }));
    await notJoined(
      message('0812-2222-0002', 'Pohon tumbang', {
        report: { text: 'Pohon tumbang', lat: -6.1754, lng: 106.8272 },
      }),
    );
    await notJoined({
      ...message('0812-2222-0002', 'Tambahan'),
      channel: 'email',
      sender: { kind: 'email', value: 'a@contoh.id' },
    });
    expect(new Set(tickets).size).toBe(tickets.length);

    const late = await submit(ctx, message('0812-4444-0004', 'Got mampet'));
    ctx.advance(31 * 60_000);
    await notJoined(message('0812-4444-0004', 'Masih mampet'));

    const handled = await submit(ctx, message('0812-5555-0005', 'Jalan rusak'));
    await act(ctx, handled.ticket, { type: 'start_process', note: 'Tim berangkat' }, admin);
    await notJoined(message('0812-5555-0005', 'Kapan diperbaiki?'));
    expect((await stateOf(late.ticket)).text).toBe('Got mampet');
  });

  test('twin deliveries of one joining message at once: one change, one answer', async () => {
    const first = await submit(ctx, message('0812-6666-0006', 'Banjir setinggi lutut di gang'));
    const twins = await Promise.all(
      [1, 2, 3].map(() =>
        submit(ctx, message('0812-6666-0006', 'Airnya naik terus', { externalId: 'wamid.twin' })),
      ),
    );
    expect(twins).toEqual(Array(3).fill({ ticket: first.ticket, status: 'menunggu', joined: true }));
    expect((await stateOf(first.ticket)).event_count).toBe(2);
  });
});
