import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_CORPUS_DIR, fromUserDir } from '../../src/config.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('configuration from the environment', () => {
  test('relative folders are taken from where the user ran the command (INIT_CWD under npm), absolute ones kept', () => {
    const env = {
      INIT_CWD: '/home/warga/sigap',
      SIGAP_DATA_DIR: 'data',
      SIGAP_CITY_DIR: '../kota/bandung',
      SIGAP_CORPUS_DIR: '/srv/korpus',
    };
    const config = configFromEnv(env);
    expect(config.dataDir).toBe('/home/warga/sigap/data');
    expect(config.cityDir).toBe('/home/warga/kota/bandung');
    expect(config.corpusDir).toBe('/srv/korpus');
    expect(fromUserDir('cadangan.jsonl.gz', env)).toBe('/home/warga/sigap/cadangan.jsonl.gz');
    expect(fromUserDir('/tmp/b.gz', env)).toBe('/tmp/b.gz');
    // outside npm: the working folder
    expect(configFromEnv({ SIGAP_DATA_DIR: 'data' }).dataDir).toBe(path.resolve('data'));
  });

  test('the default data folder is .sigap-data at the root of the checkout, wherever the command runs', () => {
    const earlier = path.join(REPO, 'server', '.sigap-data');
    const current = path.join(REPO, '.sigap-data');
    // a checkout whose data is still where earlier versions put it (and nothing at the new place) keeps it
    const expected = !existsSync(current) && existsSync(earlier) ? earlier : current;
    expect(configFromEnv({}).dataDir).toBe(expected);
    expect(configFromEnv({ INIT_CWD: '/home/warga' }).dataDir).toBe(expected);
    expect(configFromEnv({}).cityDir).toBeNull();
    expect(configFromEnv({}).corpusDir).toBe(DEFAULT_CORPUS_DIR);
  });

  test('upload caps and abuse limits come from the environment, with the documented defaults', () => {
    const MB = 1024 * 1024;
    const defaults = configFromEnv({});
    expect(defaults.mediaLimits).toMatchObject({
      maxPhotoBytes: 10 * MB,
      maxVideoBytes: 50 * MB,
      maxUploadBytes: 100 * MB,
      maxPixels: 25_000_000,
    });
    expect([
      defaults.intakePerMinute,
      defaults.badCitizenTokensPerMinute,
      defaults.staffWritesPerMinute,
    ]).toEqual([60, 10, 60]);
    const set = configFromEnv({
      SIGAP_PHOTO_MAX_MB: '4',
      SIGAP_VIDEO_MAX_MB: '20',
      SIGAP_PHOTO_MAX_MEGAPIXELS: '12',
      SIGAP_BAD_TOKENS_PER_MINUTE: '0',
      SIGAP_STAFF_WRITES_PER_MINUTE: '30',
    });
    // the request cap follows the file caps unless it is set: five photos and one video
    expect(set.mediaLimits).toMatchObject({
      maxPhotoBytes: 4 * MB,
      maxVideoBytes: 20 * MB,
      maxUploadBytes: 40 * MB,
      maxPixels: 12_000_000,
    });
    expect(configFromEnv({ SIGAP_UPLOAD_MAX_MB: '30' }).mediaLimits.maxUploadBytes).toBe(30 * MB);
    expect([set.badCitizenTokensPerMinute, set.staffWritesPerMinute]).toEqual([0, 30]);
    expect(() => configFromEnv({ SIGAP_UPLOAD_MAX_MB: '0' })).toThrow(
      'SIGAP_UPLOAD_MAX_MB harus lebih dari 0 / SIGAP_UPLOAD_MAX_MB must be more than 0',
    );
  });

  test('sign-in limits: failures per account and per address, at least one each', () => {
    expect(configFromEnv({}).signIn).toEqual({ accountFailures: 5, addressFailures: 50 });
    expect(
      configFromEnv({ SIGAP_SIGN_IN_ACCOUNT_FAILURES: '3', SIGAP_SIGN_IN_ADDRESS_FAILURES: '0' }).signIn,
    ).toEqual({ accountFailures: 3, addressFailures: 1 });
    expect(() => configFromEnv({ SIGAP_SIGN_IN_ACCOUNT_FAILURES: 'lima' })).toThrow(
      /SIGAP_SIGN_IN_ACCOUNT_FAILURES harus.*must be a whole number/s,
    );
  });

  test('mistakes are explained in Indonesian, then English', () => {
    expect(() => configFromEnv({ PORT: '80.5' })).toThrow(ConfigError);
    expect(() => configFromEnv({ PORT: '80.5' })).toThrow(
      'PORT harus berupa bilangan bulat, bukan "80.5" / PORT must be a whole number, got "80.5"',
    );
    expect(() => configFromEnv({ SIGAP_WORKERS: '-1' })).toThrow(
      /^SIGAP_WORKERS harus .* \/ SIGAP_WORKERS must/,
    );
    expect(() => configFromEnv({ SIGAP_DEMO: 'ya' })).toThrow(
      'SIGAP_DEMO harus salah satu dari auto, on, off, bukan "ya" / SIGAP_DEMO must be one of auto, on, off, got "ya"',
    );
  });
});
