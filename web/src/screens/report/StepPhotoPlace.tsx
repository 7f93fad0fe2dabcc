import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { pick } from '../../i18n';
import { PinMap } from '../../map/lazy';
import { Button, Field, Notice } from '../../ui';
import { compressPhoto } from '../../device/photo-compress';
import {
  type Draft,
  MAX_CHOSEN_PHOTO_BYTES,
  MAX_PHOTO_BYTES,
  MAX_VIDEO_BYTES,
  MAX_VIDEO_SECONDS,
  PHOTO_TYPES,
  VIDEO_TYPES,
} from './draft';

type Place = Schemas['PlaceSuggestion'];
const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** A video's length in seconds, from its metadata; null when the browser cannot tell (the server checks too). */
function videoSeconds(file: File): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (seconds: number | null) => {
      URL.revokeObjectURL(url);
      resolve(seconds);
    };
    video.preload = 'metadata';
    video.onloadedmetadata = () => done(Number.isFinite(video.duration) ? video.duration : null);
    video.onerror = () => done(null);
    setTimeout(() => done(null), 5000);
    video.src = url;
  });
}

/** A photo from the camera or the gallery (checked here before any upload), and where the problem is. */
export function StepPhotoPlace({ draft, update }: { draft: Draft; update: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [photoNote, setPhotoNote] = useState<string | null>(null);
  const [compressing, setCompressing] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [gpsState, setGpsState] = useState<'idle' | 'working' | 'denied' | 'failed'>('idle');
  const [place, setPlace] = useState<Place | null>(null);
  // the map without a GPS fix: the citizen places the pin themselves
  const [mapOpen, setMapOpen] = useState(false);
  const onMap = draft.gps !== null || draft.pin !== null || mapOpen;
  const asked = useRef(0);

  useEffect(() => {
    if (!draft.photo) return setPreview(null);
    const url = URL.createObjectURL(draft.photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [draft.photo]);

  /** Checked here, before any upload: type, size, a video's length; a large photo made smaller first. */
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setPhotoNote(null);
    if (VIDEO_TYPES.includes(file.type)) {
      if (file.size > MAX_VIDEO_BYTES)
        return setPhotoError(t('report.videoTooBig', { size: mb(file.size), mb: MAX_VIDEO_BYTES / MB }));
      const seconds = await videoSeconds(file);
      if (seconds !== null && seconds > MAX_VIDEO_SECONDS)
        return setPhotoError(t('report.videoTooLong', { sec: Math.round(seconds), max: MAX_VIDEO_SECONDS }));
      setPhotoError(null);
      return update({ photo: file });
    }
    if (!PHOTO_TYPES.includes(file.type)) return setPhotoError(t('report.photoWrongType'));
    if (file.size > MAX_CHOSEN_PHOTO_BYTES)
      return setPhotoError(t('report.photoTooBig', { size: mb(file.size), mb: MAX_PHOTO_BYTES / MB }));
    setPhotoError(null);
    setCompressing(true);
    const sent = await compressPhoto(file).finally(() => setCompressing(false));
    if (sent.size > MAX_PHOTO_BYTES)
      return setPhotoError(t('report.photoTooBig', { size: mb(sent.size), mb: MAX_PHOTO_BYTES / MB }));
    if (sent !== file) setPhotoNote(t('report.photoCompressed', { from: mb(file.size), to: mb(sent.size) }));
    update({ photo: sent });
  };
  const isVideo = draft.photo !== null && VIDEO_TYPES.includes(draft.photo.type);

  // only the latest question's answer is shown (a pin moved twice quickly)
  const resolve = (body: { text: string } | { lat: number; lng: number }) => {
    const mine = ++asked.current;
    return api.POST('/api/v1/suggest/place', { body }).then(
      ({ data }) => mine === asked.current && setPlace(data ?? null),
      () => mine === asked.current && setPlace(null),
    );
  };

  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  const movePin = (to: { lat: number; lng: number }) => {
    update({ pin: to });
    // the arrow keys move it a step at a time: ask once it rests
    clearTimeout(settle.current);
    settle.current = setTimeout(() => void resolve(to), 300);
  };

  const useGps = () => {
    if (!('geolocation' in navigator)) return setGpsState('failed');
    setGpsState('working');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const gps = {
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracy: Math.round(position.coords.accuracy),
        };
        update({ gps, pin: null });
        setGpsState('idle');
        void resolve({ lat: gps.lat, lng: gps.lng });
      },
      (error) => setGpsState(error.code === error.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const checkAddress = () => {
    if (draft.address.trim() && !onMap) void resolve({ text: draft.address.trim() });
  };

  return (
    <div className="stack">
      <section aria-labelledby="photo-title" className="stack">
        <h2 id="photo-title">{t('report.photoLabel')}</h2>
        <p className="field-hint">
          {t('report.photoHint', { vmb: MAX_VIDEO_BYTES / MB, sec: MAX_VIDEO_SECONDS })}
        </p>
        <input
          ref={camera}
          type="file"
          accept={PHOTO_TYPES.join(',')}
          capture="environment"
          hidden
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="photo-camera"
        />
        <input
          ref={gallery}
          type="file"
          accept={[...PHOTO_TYPES, ...VIDEO_TYPES].join(',')}
          hidden
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="photo-gallery"
        />
        {compressing ? (
          <p role="status">{t('report.photoCompressing')}</p>
        ) : preview ? (
          <>
            {isVideo ? (
              <video src={preview} controls aria-label={t('report.videoPreview')} className="photo-preview" />
            ) : (
              <img src={preview} alt={t('report.photoPreview')} className="photo-preview" />
            )}
            <Button
              variant="secondary"
              onClick={() => {
                update({ photo: null });
                setPhotoNote(null);
              }}
            >
              {isVideo ? t('report.removeVideo') : t('report.removePhoto')}
            </Button>
          </>
        ) : (
          <div className="btn-row">
            <Button variant="secondary" onClick={() => camera.current?.click()}>
              {t('report.takePhoto')}
            </Button>
            <Button variant="secondary" onClick={() => gallery.current?.click()}>
              {t('report.choosePhoto')}
            </Button>
          </div>
        )}
        {photoNote && (
          <Notice kind="ok" live>
            {photoNote}
          </Notice>
        )}
        {photoError && (
          <Notice kind="error" live>
            {photoError}
          </Notice>
        )}
      </section>

      <section aria-labelledby="place-title" className="stack">
        <h2 id="place-title">{t('report.placeLabel')}</h2>
        {draft.gps && (
          <p className="small muted">
            {t('report.gpsAccuracy', { m: draft.gps.accuracy })}
            {draft.pin && ` ${t('report.pinMoved')}`}
          </p>
        )}
        {onMap ? (
          <>
            <PinMap gps={draft.gps} pin={draft.pin} onMove={movePin} />
            <Button
              variant="secondary"
              onClick={() => {
                update({ gps: null, pin: null });
                setMapOpen(false);
                setPlace(null);
              }}
            >
              {t(draft.gps ? 'report.clearGps' : 'report.closeMap')}
            </Button>
          </>
        ) : (
          <div className="btn-row">
            <Button onClick={useGps} disabled={gpsState === 'working'}>
              {gpsState === 'working' ? t('report.gpsWorking') : t('report.useGps')}
            </Button>
            <Button variant="secondary" onClick={() => setMapOpen(true)}>
              {t('report.pickOnMap')}
            </Button>
          </div>
        )}
        {(gpsState === 'denied' || gpsState === 'failed') && (
          <Notice kind="warn" live>
            {t(gpsState === 'denied' ? 'report.gpsDenied' : 'report.gpsFailed')}
          </Notice>
        )}
        {!onMap && (
          <>
            <Field label={t('report.addressLabel')} hint={t('report.addressHint')}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  autoComplete="street-address"
                  maxLength={500}
                  value={draft.address}
                  onChange={(e) => update({ address: e.target.value })}
                  onBlur={checkAddress}
                />
              )}
            </Field>
            <Button variant="secondary" onClick={checkAddress}>
              {t('report.checkAddress')}
            </Button>
          </>
        )}
        <div aria-live="polite">
          {place && (
            <Notice kind={place.found ? 'ok' : 'warn'}>
              {place.found ? t('report.placeFound', { place: pick(place.message) }) : pick(place.message)}
            </Notice>
          )}
        </div>
      </section>
    </div>
  );
}
