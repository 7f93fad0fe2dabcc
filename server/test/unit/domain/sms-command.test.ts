import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSmsCommand, ticketIn, ticketNamedIn } from '../../../src/domain/sms-command.js';

const parse = (text: string) => parseSmsCommand(text, 'JK');

describe('what a text message asks', () => {
  it('LAPOR files a new report with the rest of the message, however the keyword is written', () => {
    for (const text of [
      'LAPOR jalan rusak',
      'lapor: jalan rusak',
      'Lapor, jalan rusak',
      '  LAPOR   jalan rusak ',
    ])
      expect(parse(text)).toEqual({ kind: 'report', text: 'jalan rusak', intent: 'new' });
    expect(parse('LAPOR')).toEqual({ kind: 'help' });
  });

  it('CEK and BATAL take a ticket as people type it; CEK alone means the sender’s newest report', () => {
    expect(parse('CEK JK2612070001')).toEqual({ kind: 'status', ticket: 'JK2612070001' });
    expect(parse('cek jk 261207 0001')).toEqual({ kind: 'status', ticket: 'JK2612070001' });
    expect(parse('Cek')).toEqual({ kind: 'status', ticket: null });
    expect(parse('BATAL JK-2612070001')).toEqual({ kind: 'withdraw', ticket: 'JK2612070001' });
    expect(parse('batal')).toEqual({ kind: 'withdraw', ticket: null });
    // not a ticket: passed on as written, so the answer can say it is unknown
    expect(parse('CEK 12345')).toEqual({ kind: 'status', ticket: '12345' });
  });

  it('INFO, BANTUAN and HELP explain; any other text is a report in the sender’s words', () => {
    for (const text of ['INFO', 'bantuan', 'Help']) expect(parse(text)).toEqual({ kind: 'help' });
    expect(parse('Lampu jalan mati di gang 3')).toEqual({
      kind: 'report',
      text: 'Lampu jalan mati di gang 3',
    });
    expect(parse('Laporan: banjir')).toEqual({ kind: 'report', text: 'Laporan: banjir' });
    expect(parse('info banjir di kemang')).toEqual({ kind: 'report', text: 'info banjir di kemang' });
    expect(parse('   ')).toEqual({ kind: 'help' });
  });

  it('ticketIn accepts only the city’s prefix and at least ten digits', () => {
    expect(ticketIn('jk2612070001', 'JK')).toBe('JK2612070001');
    expect(ticketIn('BD2612070001', 'JK')).toBeNull();
    expect(ticketIn('JK261207', 'JK')).toBeNull();
  });

  it('for any message: never throws, a report keeps text, and nothing is lost but the keyword', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const command = parse(text);
        if (command.kind === 'report') {
          expect(command.text.length).toBeGreaterThan(0);
          expect(text).toContain(command.text);
        }
      }),
    );
  });
});

describe('a ticket named in a message', () => {
  it('is found anywhere in the text, as people type it', () => {
    expect(ticketNamedIn('tambahan untuk JK2612070001: baunya menyengat', 'JK')).toBe('JK2612070001');
    expect(ticketNamedIn('laporan saya jk 261207 0001 belum ditangani', 'JK')).toBe('JK2612070001');
    expect(ticketNamedIn('(JK-261207-10000)', 'JK')).toBe('JK26120710000');
    expect(ticketNamedIn('nomor 2612070001 saja', 'JK')).toBeNull();
    expect(ticketNamedIn('XJK2612070001', 'JK')).toBeNull();
    expect(ticketNamedIn('JK26120700011234567', 'JK')).toBe('JK26120700011234567');
  });

  it('never throws, and what it finds always has the ticket’s shape', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const found = ticketNamedIn(text, 'JK');
        if (found !== null) expect(found).toMatch(/^JK\d{10,}$/);
      }),
    );
  });
});
