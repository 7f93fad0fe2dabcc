import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadReport } from '../../src/services/handling/actions.js';
import { escalateOverdue } from '../../src/services/handling/escalation.js';
import { createReport } from '../../src/services/intake/intake.js';
import { openStore } from '../../src/store/database.js';
import { testContext } from '../support/test-app.js';

test('deadlines and escalations survive a restart of the embedded engine', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-restart-'));
  const onDisk = () => openStore({ databaseUrl: null, dataDir });
  const first = await testContext('embedded', new Date('2026-11-23T02:00:00Z'), onDisk);
  const { ticket } = await createReport(
    first,
    { text: 'Got mampet', lat: -6.1754, lng: 106.8272, category: 'saluran_air' },
    [],
    null,
  );
  const before = await loadReport(first, ticket);
  await first.close();

  // a new process, long after the deadline: nothing in memory, the sweep finds the report from its columns
  const second = await testContext('embedded', new Date(before.nextEscalationAt!.getTime() + 60_000), onDisk);
  try {
    const reloaded = await loadReport(second, ticket);
    expect(reloaded.completionDueAt).toEqual(before.completionDueAt);
    expect(await escalateOverdue(second)).toBe(1);
    expect((await loadReport(second, ticket)).escalationLevel).toBe(1);
  } finally {
    await second.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
