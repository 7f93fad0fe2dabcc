const START = '<!-- authorization-matrix:start -->';
const END = '<!-- authorization-matrix:end -->';

/** The document with the table between its markers replaced (the markers stay). */
export function withAuthorizationMatrix(document: string, table: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error('the document lacks the authorization-matrix markers');
  return `${document.slice(0, start + START.length)}\n\n${table}\n\n${document.slice(end)}`;
}
