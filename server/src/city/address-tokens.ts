/** Comma-like punctuation survives as this token, so name matches never run across address parts. */
export const SEPARATOR = ',';

/**
 * Lower-case ASCII tokens of a free-text address: accents stripped, punctuation dropped except separators
 * (`,` `;` `/` new line and `-` between spaces become SEPARATOR), e.g. "Kel.Gondangdia, Kec. Menteng" →
 * ["kel", "gondangdia", ",", "kec", "menteng"].
 */
export function addressTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[,;\n\r/|]|\s-\s/g, ` ${SEPARATOR} `)
    .replace(/[^a-z0-9,]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '');
}

/** Tokens of a place name as stored in the data ("Kota Administrasi Jakarta Selatan"). */
export const nameTokens = (name: string): string[] => addressTokens(name).filter((t) => t !== SEPARATOR);
