import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

type Attachment = Schemas['AttachmentView'];

/**
 * A photo the reader may see. The reporter's own photos of a private report need their token, which an <img>
 * cannot send: those are fetched with it and shown from a blob: URL (the page's CSP allows blob: images).
 */
function Photo({ url, token, alt }: { url: string; token: string | null; alt: string }) {
  const [src, setSrc] = useState<string | null>(token ? null : url);
  useEffect(() => {
    if (!token) return setSrc(url);
    let objectUrl: string | null = null;
    let live = true;
    fetch(url, { headers: { Authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((blob) => {
        if (!blob || !live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, token]);
  return src ? <img src={src} alt={alt} loading="lazy" /> : null;
}

/** The report's own photos, or the office's evidence of its follow-up. */
export function Photos({
  attachments,
  token,
  role = 'report',
}: {
  attachments: Attachment[];
  token: string | null;
  role?: Attachment['role'];
}) {
  const { t } = useTranslation();
  const photos = attachments.filter((a) => a.role === role);
  if (photos.length === 0) return null;
  return (
    <section className="stack">
      <h2>{role === 'report' ? t('view.photos') : t('view.evidence')}</h2>
      <div className="photos">
        {photos.map((a) =>
          a.state !== 'ready' || !(a.thumbnailUrl ?? a.url) ? (
            <p key={a.id} className="muted">
              {t('view.videoProcessing')}
            </p>
          ) : a.kind === 'photo' ? (
            <Photo
              key={a.id}
              url={(a.thumbnailUrl ?? a.url)!}
              token={token}
              alt={role === 'report' ? t('view.photoAlt') : t('view.evidenceAlt')}
            />
          ) : null,
        )}
      </div>
    </section>
  );
}
