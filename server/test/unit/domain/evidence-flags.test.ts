import { describe, expect, it } from 'vitest';
import { type EvidenceMetadata, metadataFlags } from '../../../src/domain/evidence-flags.js';
import { haversineMeters } from '../../../src/domain/similarity.js';

const REPORT = { createdAt: new Date('2026-11-23T02:00:00Z'), lat: -6.1754, lng: 106.8272 };
const RECEIVED = new Date('2026-11-24T05:00:00Z');
const HONEST: EvidenceMetadata = {
  takenAt: new Date('2026-11-24T04:30:00Z'),
  lat: -6.1758,
  lng: 106.8279,
  camera: 'Samsung Galaxy A54',
  generators: [],
  editors: [],
};
const codes = (photo: Partial<EvidenceMetadata>) =>
  metadataFlags({ ...HONEST, ...photo }, REPORT, RECEIVED).map((f) => f.code);

describe('metadataFlags', () => {
  it('raises nothing for a photo taken on site after the report', () => {
    expect(codes({})).toEqual([]);
  });

  it('flags a capture time before the report, beyond ten minutes of clock drift', () => {
    expect(codes({ takenAt: new Date('2026-11-23T01:55:00Z') })).toEqual([]);
    const [flag] = metadataFlags({ ...HONEST, takenAt: new Date('2026-11-20T03:00:00Z') }, REPORT, RECEIVED);
    expect(flag).toEqual({
      code: 'taken_before_report',
      level: 'warning',
      detail: { takenAt: '2026-11-20T03:00:00.000Z', reportCreatedAt: '2026-11-23T02:00:00.000Z' },
    });
  });

  it('flags a capture time after the upload', () => {
    expect(codes({ takenAt: new Date('2026-11-24T05:05:00Z') })).toEqual([]);
    expect(codes({ takenAt: new Date('2026-11-25T05:00:00Z') })).toEqual(['taken_in_future']);
  });

  it('flags GPS farther than 1 km from the report, with the distance', () => {
    // Kelapa Gading, about 9 km from Monas
    const [flag] = metadataFlags({ ...HONEST, lat: -6.1587, lng: 106.9057 }, REPORT, RECEIVED);
    expect(flag?.code).toBe('taken_far_away');
    expect(flag?.detail).toMatchObject({ limitMeters: 1000 });
    expect((flag?.detail as { distanceMeters: number }).distanceMeters).toBeGreaterThan(8500);
    expect(codes({ lat: -6.1754, lng: 106.8355 })).toEqual([]); // ~0.9 km
    expect(
      metadataFlags({ ...HONEST, lat: -6.1754, lng: 106.8355 }, REPORT, RECEIVED, {
        clockToleranceMinutes: 10,
        maxDistanceMeters: 500,
      })[0]?.code,
    ).toBe('taken_far_away');
  });

  it('skips the place check when the report or the photo has no coordinates', () => {
    expect(
      metadataFlags({ ...HONEST, lat: -6.3, lng: 106.9 }, { ...REPORT, lat: null, lng: null }, RECEIVED),
    ).toEqual([]);
  });

  it('flags generators as warnings and editors and missing camera data as information', () => {
    expect(metadataFlags({ ...HONEST, generators: ['Midjourney'] }, REPORT, RECEIVED)[0]).toEqual({
      code: 'generator_software',
      level: 'warning',
      detail: { software: ['Midjourney'] },
    });
    expect(metadataFlags({ ...HONEST, editors: ['Snapseed'] }, REPORT, RECEIVED)[0]?.level).toBe('info');
    const bare = { takenAt: null, lat: null, lng: null, camera: null };
    expect(metadataFlags({ ...HONEST, ...bare }, REPORT, RECEIVED)).toEqual([
      { code: 'no_camera_metadata', level: 'info', detail: {} },
    ]);
  });

  it('measures distances on the sphere', () => {
    expect(haversineMeters(-6.1754, 106.8272, -6.1754, 106.8272)).toBe(0);
    // one degree of latitude is about 111.2 km
    expect(haversineMeters(-6, 106.8, -7, 106.8)).toBeCloseTo(111_195, -2);
  });
});
