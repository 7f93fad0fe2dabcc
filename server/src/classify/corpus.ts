import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface LabelledText {
  id: string;
  text: string;
  category: string;
}

/**
 * The corpus folder shipped with the city data, one file per category code and one complaint per line:
 * short complaints (`examples` to train on, `holdout` to test), and long letters with a title, the way citizens
 * write to a complaint system (`letters` to train on, `letters-dev` to tune on, `letters-holdout` to test), and
 * `letters-hard`, harder letters written before any tuning on them: a test set only, never trained or tuned on, and
 * `letters-blind`, letters written by someone who had not seen the training text or the model: a test set only.
 */
export type CorpusPart =
  'examples' | 'holdout' | 'letters' | 'letters-dev' | 'letters-holdout' | 'letters-hard' | 'letters-blind';

export const TRAINING_PARTS: readonly CorpusPart[] = ['examples', 'letters'];

/** Texts that fit the letters' temperature (calibration) but never the weights. */
export const CALIBRATION_PARTS: readonly CorpusPart[] = ['letters-dev'];

/**
 * Reads `<dir>/<part>/<code>.txt`. File names must be category codes the city knows, so a typo in a file name
 * fails loudly instead of training a category nobody can route.
 */
export async function readCorpus(
  dir: string,
  part: CorpusPart,
  knownCategories: ReadonlySet<string>,
): Promise<LabelledText[]> {
  const folder = path.join(dir, part);
  const files = (await readdir(folder)).filter((f) => f.endsWith('.txt')).sort();
  const examples: LabelledText[] = [];
  for (const file of files) {
    const category = file.slice(0, -'.txt'.length);
    if (!knownCategories.has(category))
      throw new Error(`${path.join(folder, file)}: "${category}" is not a category code of this city`);
    const lines = (await readFile(path.join(folder, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      // A tab separates a letter's title from its body; the text is then read as the title's line and the body.
      const text = line.trim().replace(/\s*\t\s*/, '\n');
      if (text && !text.startsWith('#'))
        examples.push({ id: `${part}/${category}:${i + 1}`, text, category });
    });
  }
  if (examples.length === 0) throw new Error(`${folder}: no labelled examples`);
  return examples;
}

/** The parts that exist, read and concatenated in order; a city's corpus need not have letters. */
export async function readCorpusParts(
  dir: string,
  parts: readonly CorpusPart[],
  knownCategories: ReadonlySet<string>,
): Promise<LabelledText[]> {
  const all: LabelledText[] = [];
  for (const part of parts) {
    const present = await access(path.join(dir, part)).then(
      () => true,
      () => false,
    );
    if (present) all.push(...(await readCorpus(dir, part, knownCategories)));
  }
  return all;
}
