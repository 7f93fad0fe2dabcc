import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { act, loadReport } from '../../src/services/handling/actions.js';
import { createReport } from '../../src/services/intake/intake.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const GAMBIR = { lat: -6.1754, lng: 106.8272 };

describe.each(testEngines())('what staff may do on a report they meet (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(() => ctx.close());

  test('an officer of an unrelated unit gets "not found" for a report, exactly as for one that does not exist', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Pohon tumbang', ...GAMBIR, category: 'pohon' },
      [],
      null,
    );
    const stranger = { kind: 'officer' as const, id: 'orang-lain', unitId: 'kel-3175031001' };
    const [existing, missing] = await Promise.allSettled([
      act(ctx, ticket, { type: 'start_process' }, stranger),
      act(ctx, 'JK2611239999', { type: 'start_process' }, stranger),
    ]);
    const refusal = (r: PromiseSettledResult<unknown>) =>
      r.status === 'rejected' ? (r.reason as { httpStatus: number; code: string; text: unknown }) : null;
    expect(refusal(existing)).toMatchObject({ httpStatus: 404 });
    expect([refusal(existing)?.code, refusal(existing)?.text]).toEqual([
      refusal(missing)?.code,
      refusal(missing)?.text,
    ]);
  });

  test('whoever gave a follow-up cannot validate it; another verifier can', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Sampah menumpuk', ...GAMBIR, category: 'sampah' },
      [],
      null,
    );
    const admin = { kind: 'admin' as const, id: 'admin-ganda', unitId: null };
    await act(ctx, ticket, { type: 'start_process' }, admin);
    await act(ctx, ticket, { type: 'follow_up', attachmentIds: [], note: 'Sudah diangkut' }, admin, [
      { data: await phonePhoto(5) },
    ]);
    await expect(act(ctx, ticket, { type: 'approve', note: null }, admin)).rejects.toMatchObject({
      httpStatus: 403,
      code: 'separation_of_duties',
    });
    await expect(
      act(ctx, ticket, { type: 'return', note: 'Foto kurang jelas' }, admin),
    ).rejects.toMatchObject({
      code: 'separation_of_duties',
    });
    const verifier = { kind: 'verifier' as const, id: 'verifikator-lain', unitId: null };
    await act(ctx, ticket, { type: 'approve', note: null }, verifier);
    expect((await loadReport(ctx, ticket)).status).toBe('selesai');
  });
});
