import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { loggableError } from '../../../src/security/loggable-error.js';

describe('loggableError', () => {
  test("keeps a database error's codes and names and drops the row data it quotes", () => {
    const error = new pg.DatabaseError('new row for relation "report" violates check constraint', 0, 'error');
    Object.assign(error, {
      code: '23514',
      constraint: 'report_status_check',
      table: 'report',
      detail: 'Failing row contains (…, Siti Rahayu 081234567890 lapor jalan rusak, …)',
      where: 'SQL statement "insert into report …"',
    });
    const logged = loggableError(error) as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'error',
      message: 'new row for relation "report" violates check constraint',
      code: '23514',
      constraint: 'report_status_check',
      table: 'report',
    });
    expect(typeof logged.stack).toBe('string');
    expect(JSON.stringify(logged)).not.toContain('Siti');
    expect(logged).not.toHaveProperty('detail');
    expect(logged).not.toHaveProperty('where');
  });

  test('leaves anything that is not an Error as it is', () => {
    expect(loggableError('boom')).toBe('boom');
  });
});
