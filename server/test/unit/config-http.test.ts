import { describe, expect, test } from 'vitest';
import { ConfigError, configFromEnv, corsOriginsOf } from '../../src/config.js';

describe('SIGAP_CORS_ORIGINS and SIGAP_FFMPEG', () => {
  test('no origin by default; a comma list of exact origins, trimmed, each once', () => {
    expect(configFromEnv({}).corsOrigins).toEqual([]);
    expect(corsOriginsOf({ SIGAP_CORS_ORIGINS: '' })).toEqual([]);
    expect(
      corsOriginsOf({
        SIGAP_CORS_ORIGINS: ' https://lapor.contoh.go.id, http://localhost:5173,https://lapor.contoh.go.id ',
      }),
    ).toEqual(['https://lapor.contoh.go.id', 'http://localhost:5173']);
  });

  test('anything a browser would not send as an origin is a start-up error suggesting the right form', () => {
    const mistake = (value: string) => () => corsOriginsOf({ SIGAP_CORS_ORIGINS: value });
    for (const value of ['*', 'lapor.contoh.go.id', 'ftp://contoh.go.id', 'null'])
      expect(mistake(value), value).toThrow(ConfigError);
    expect(mistake('https://lapor.contoh.go.id/')).toThrow(
      /^SIGAP_CORS_ORIGINS: "https:\/\/lapor.contoh.go.id\/" bukan origin yang persis .*; maksudnya "https:\/\/lapor.contoh.go.id"\? \/ SIGAP_CORS_ORIGINS: .* is not an exact origin .*; did you mean "https:\/\/lapor.contoh.go.id"\?$/,
    );
    expect(mistake('https://Lapor.Contoh.go.id')).toThrow(/did you mean "https:\/\/lapor.contoh.go.id"\?/);
    expect(mistake('https://lapor.contoh.go.id:443')).toThrow(
      /did you mean "https:\/\/lapor.contoh.go.id"\?/,
    );
    expect(() => configFromEnv({ SIGAP_CORS_ORIGINS: '*' })).toThrow(
      /"\*" tidak diterima.*"\*" is not accepted/,
    );
  });

  test('ffmpeg: SIGAP_FFMPEG, else `ffmpeg` on PATH', () => {
    expect(configFromEnv({}).ffmpeg).toBe('ffmpeg');
    expect(configFromEnv({ SIGAP_FFMPEG: '/usr/local/bin/ffmpeg' }).ffmpeg).toBe('/usr/local/bin/ffmpeg');
  });
});
