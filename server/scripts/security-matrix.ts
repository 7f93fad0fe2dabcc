// Writes the authorization matrix (domain/authorization-matrix.ts) into docs/SECURITY.md between its markers,
// formatted as the repository's prettier formats Markdown.
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { authorizationMatrix } from '../src/domain/authorization-matrix.js';
import { withAuthorizationMatrix } from '../src/domain/security-doc.js';

const file = fileURLToPath(new URL('../../docs/SECURITY.md', import.meta.url));
const document = withAuthorizationMatrix(await fs.readFile(file, 'utf8'), authorizationMatrix());
await fs.writeFile(file, await format(document, { ...(await resolveConfig(file)), filepath: file }));
console.log(`wrote the authorization matrix into ${file}`);
