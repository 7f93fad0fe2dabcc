import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { authorizationMatrix } from '../../../src/domain/authorization-matrix.js';
import { withAuthorizationMatrix } from '../../../src/domain/security-doc.js';

const SECURITY = fileURLToPath(new URL('../../../../docs/SECURITY.md', import.meta.url));

describe('the authorization matrix in docs/SECURITY.md', () => {
  it('is the one domain/authorize.ts makes now (npm run docs:security writes it)', async () => {
    const written = await fs.readFile(SECURITY, 'utf8');
    const fresh = await format(withAuthorizationMatrix(written, authorizationMatrix()), {
      ...(await resolveConfig(SECURITY)),
      filepath: SECURITY,
    });
    expect(written).toBe(fresh);
  });

  it('shows the rules the issues name: dual control over reveals, nobody validates their own follow-up', () => {
    const rows = new Map(
      authorizationMatrix()
        .split('\n')
        .slice(2)
        .map((line) => {
          const cells = line.split('|').map((c) => c.trim());
          return [cells[1]!.replaceAll('`', ''), cells.slice(2, -1)] as const;
        }),
    );
    // officers of other units and citizens cannot even ask; the official decides, never on their own request;
    // only whoever asked sees the identity
    expect(rows.get('report.request_reveal')).toEqual(['·', '·', '✓', '✓', '·', '✓', '✓', '·', '·', '·']);
    expect(rows.get('reveal.decide')).toEqual(['·', '·', '·', '·', '·', '·', '·', '✓¹', '·', '·']);
    expect(rows.get('reveal.view')).toEqual(['·', '·', '✓²', '✓²', '✓²', '✓²', '✓²', '✓²', '·', '·']);
    expect(rows.get('report.approve')).toEqual(['·', '·', '·', '·', '·', '✓¹', '✓¹', '·', '·', '·']);
    expect(rows.get('report.read')?.[4]).toBe('·');
    // the monitoring room's account: the city's figures and nothing else
    const monitoringRoom = [...rows].filter(([, cells]) => cells[8] !== '·').map(([action]) => action);
    expect(monitoringRoom).toEqual(['monitor.city']);
  });
});
