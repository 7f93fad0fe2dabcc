import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceFingerprint {
  /** Hex sha256 over every file's path and content and every package's name and version. */
  hash: string;
  /** The files found, as absolute paths, in the order they were hashed. */
  files: string[];
  /** `name@version` of every package the files import (Node's own modules excluded). */
  packages: string[];
}

// What a module can pull in: static imports and re-exports, side-effect and dynamic imports, and data files it
// reads through `new URL('./file', import.meta.url)`. A match inside a comment only adds a file (or is ignored
// when it names none), so the worst a false match can do is retrain once too often.
const REFERENCES = [
  /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/** A module file as written, or the TypeScript source of a `.js` name (tsx and the tests run the sources). */
function sourceOf(file: string): string | null {
  if (existsSync(file)) return file;
  if (file.endsWith('.js') && existsSync(`${file.slice(0, -3)}.ts`)) return `${file.slice(0, -3)}.ts`;
  return null;
}

/**
 * `name@version` of a package as installed for `from` (the nearest node_modules holding it), or null when none
 * does: then the match was no import (a module importing a missing package would not have loaded).
 */
function packageVersion(from: string, specifier: string): string | null {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
      return `${name}@${version ?? '?'}`;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Fingerprints the code behind a computation: the entry modules and everything they reach through relative
 * imports (data files read through `import.meta.url` included), plus the versions of the packages they import
 * and Node's Unicode version (lower-casing and normalisation depend on it). The files are found by following
 * the imports, not listed by hand, so a module or word list added to the pipeline later is covered without
 * anyone remembering to add it. Throws when an entry is missing (e.g. a bundled build without sources).
 */
export function sourceFingerprint(entries: readonly URL[]): SourceFingerprint {
  const hash = createHash('sha256').update(`unicode ${process.versions.unicode}\n`);
  const files: string[] = [];
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.map((entry) => {
    const file = sourceOf(fileURLToPath(entry));
    if (!file) throw new Error(`${fileURLToPath(entry)}: not found`);
    return file;
  });
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const content = readFileSync(file);
    hash.update(`${files.length}\t${content.length}\n`).update(content).update('\n');
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    const source = content.toString('utf8');
    for (const pattern of REFERENCES)
      for (const [, specifier] of source.matchAll(pattern)) {
        if (specifier!.startsWith('.')) {
          const target = sourceOf(path.resolve(path.dirname(file), specifier!));
          if (target) queue.push(target);
        } else if (!isBuiltin(specifier!)) {
          const found = packageVersion(file, specifier!);
          if (found) packages.add(found);
        }
      }
  }
  // File names relative to the first entry's folder, so the same tree checked out elsewhere hashes the same.
  const base = path.dirname(files[0]!);
  for (const file of files) hash.update(`file ${path.relative(base, file)}\n`);
  const sorted = [...packages].sort();
  for (const p of sorted) hash.update(`package ${p}\n`);
  return { hash: hash.digest('hex'), files, packages: sorted };
}
