import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoIfEmpty } from '../../src/services/demo/seed-demo.js';
import { createReport } from '../../src/services/intake/intake.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { hasReports, hasUsers } from '../../src/store/database-contents.js';
import { STAFF_PASSWORD, type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

describe.each(testEngines())('what a database holds (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(async () => ctx?.close());

  test('no reports and no users at first; the demo seeds nothing once a staff account exists', async () => {
    expect(await hasReports(ctx.store.db)).toBe(false);
    expect(await hasUsers(ctx.store.db)).toBe(false);
    const [unitId] = ctx.city.city.units.keys();
    await createUser(ctx, {
      username: 'petugas.uji',
      password: STAFF_PASSWORD,
      role: 'officer',
      unitId: unitId!,
      displayName: 'Petugas Uji',
    });
    expect(await hasUsers(ctx.store.db)).toBe(true);
    expect(await hasReports(ctx.store.db)).toBe(false);
    expect(await seedDemoIfEmpty(ctx)).toBeNull();
    expect(await hasReports(ctx.store.db)).toBe(false);
    await createReport(
      ctx,
      { text: 'Sampah menumpuk di pinggir jalan', lat: -6.1754, lng: 106.8272, category: 'sampah' },
      [],
      null,
    );
    expect(await hasReports(ctx.store.db)).toBe(true);
  });
});
