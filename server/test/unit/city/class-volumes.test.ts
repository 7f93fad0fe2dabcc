import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CITY_DIR, loadCity } from '../../../src/city/index.js';
import { jakarta } from '../../support/test-app.js';

async function withClassification(classification: unknown, check: (dir: string) => Promise<void>) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-city-volumes-'));
  try {
    await fs.cp(DEFAULT_CITY_DIR, dir, { recursive: true });
    const config = JSON.parse(await fs.readFile(path.join(dir, 'city.json'), 'utf8'));
    await fs.writeFile(path.join(dir, 'city.json'), JSON.stringify({ ...config, classification }));
    await check(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('report volumes for the category model’s class priors (city.json classification)', () => {
  test('Jakarta lists its three published volumes of 2024 and the year’s total', async () => {
    const { city } = await jakarta();
    expect(city.config.classification.volumes).toEqual({ jalan: 26014, pohon: 19683, parkir_liar: 19152 });
    expect(city.config.classification.volumesTotal).toBe(185852);
  });

  test('a volume for an unknown category, or a total below the volumes, is refused at load', async () => {
    await withClassification({ minConfidence: 0.5, volumes: { jalanan: 5 }, volumesTotal: 10 }, (dir) =>
      expect(loadCity(dir)).rejects.toThrow(/city\.json.*volumes.*"jalanan"/s),
    );
    await withClassification({ minConfidence: 0.5, volumes: { jalan: 50 }, volumesTotal: 10 }, (dir) =>
      expect(loadCity(dir)).rejects.toThrow(/volumesTotal/),
    );
    await withClassification({ minConfidence: 0.5, volumes: { jalan: 5 } }, (dir) =>
      expect(loadCity(dir)).rejects.toThrow(/volumesTotal/),
    );
    await withClassification({ minConfidence: 0.5, priorStrength: 2 }, (dir) =>
      expect(loadCity(dir)).rejects.toThrow(/priorStrength/),
    );
  });
});
