/** Fields of a PostgreSQL error that can quote the data of a failing row ("Failing row contains (…)", "Key (…)=(…)"). */
const ROW_DATA_FIELDS = new Set(['detail', 'where', 'internalQuery']);

/**
 * What an unexpected error may put in the log: its type, message, stack and the database's codes and names
 * (constraint, table, column), never the row data a database error can quote, which may be a report's text
 * or a citizen's token hash. Intake writes many reports in one statement, so such a quote could be anyone's.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const safe: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) if (!ROW_DATA_FIELDS.has(key)) safe[key] = value;
  return safe;
}
