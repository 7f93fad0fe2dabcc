import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ffmpegOf } from '../../config.js';
import { checkFfmpeg, type FfmpegStatus } from '../../media/ffmpeg.js';
import { type InspectedUpload, inspectUpload, inspectUploadFile } from '../../media/inspect.js';
import type { MediaStore } from '../../media/media-store.js';
import { type MediaLimits, MediaError, videoUnavailableError } from '../../media/media-types.js';
import { type PhotoFingerprint, fingerprintPhoto } from '../../media/perceptual-hash.js';
import { processPhoto } from '../../media/photo.js';
import { type PhotoProvenance, readProvenance } from '../../media/provenance.js';
import { isFileUpload, type Upload, uploadBytes, uploadData, uploadSha256 } from '../../media/upload.js';
import { checkVideo, checkVideoFile, processVideo } from '../../media/video.js';

export type { Upload } from '../../media/upload.js';

export interface IngestedMedia {
  id: string;
  kind: 'photo' | 'video';
  mime: string;
  originalKey: string;
  publicKey: string;
  thumbKey: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  capture: { takenAt: Date | null; lat: number | null; lng: number | null };
  /** Photos only (null for videos and featureless pictures): finds the same photo on other reports. */
  fingerprint: PhotoFingerprint | null;
  /** Evidence photos only: camera and software named in the original, for the checks; never published. */
  provenance: PhotoProvenance | null;
  /** 'pending': the public copy is made later by a job (videos); null: ready now (photos). */
  processing: 'pending' | null;
  /** The files written to staging by ingest: promoted after the commit, discarded when it fails. */
  staged: string[];
}

/** What transcoding made of a stored video. */
export interface TranscodedVideo {
  width: number;
  height: number;
  durationSeconds: number;
}

/** The attachment id a media key names (`original/ab/<id>.jpg`, `public/ab/<id>-thumb.jpg`). */
export function attachmentIdOfKey(key: string): string | null {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[^/]*$/.exec(key);
  return match?.[1] ?? null;
}

export interface MediaServiceOptions {
  /** The ffmpeg that transcodes videos: a path or a command on PATH; default SIGAP_FFMPEG, else `ffmpeg`. */
  ffmpeg?: string;
}

export interface IngestOptions {
  /** Follow-up evidence: also hash crops and caption probes (see fingerprintPhoto) and read the provenance. */
  evidence?: boolean;
}

/**
 * Checks uploads by content, re-encodes a metadata-free public copy and a thumbnail of photos, and keeps the
 * original privately. All CPU work happens before any database transaction opens. Files are written to staging
 * first: the caller promotes them once the rows naming them are committed, or discards them when that fails
 * (a crash in between is cleaned up by `sweepStaging`). A video is only checked here (one quick ffmpeg run); its
 * public copy and poster are made after the commit by the transcoding job (`transcode`). Without a usable ffmpeg,
 * uploads holding a video are refused whole (415 `video_unavailable`) before anything is stored; photos still work.
 */
export class MediaService {
  /** The ffmpeg videos are transcoded with. */
  readonly ffmpeg: string;

  constructor(
    private readonly files: MediaStore,
    readonly limits: MediaLimits,
    /** `<data>/tmp`: ffmpeg's work and, under `uploads/`, the files requests are streaming in. */
    readonly workDir: string,
    options: MediaServiceOptions = {},
  ) {
    this.ffmpeg = options.ffmpeg ?? ffmpegOf(process.env);
  }

  /** Whether videos can be accepted: ffmpeg found, with the encoders it needs (checked once per process). */
  videoSupport(): Promise<FfmpegStatus> {
    return checkFfmpeg(this.ffmpeg);
  }

  private checkCounts(kinds: Array<'photo' | 'video'>): void {
    const photos = kinds.filter((k) => k === 'photo').length;
    const videos = kinds.length - photos;
    if (photos > this.limits.maxPhotosPerReport || videos > this.limits.maxVideosPerReport)
      throw new MediaError(
        'too_many',
        `Maksimal ${this.limits.maxPhotosPerReport} foto dan ${this.limits.maxVideosPerReport} video per laporan`,
        `At most ${this.limits.maxPhotosPerReport} photos and ${this.limits.maxVideosPerReport} video per report`,
      );
  }

  /** Where a request's files are streamed to, one folder per request (removed when the request is done). */
  get uploadArea(): string {
    return join(this.workDir, 'uploads');
  }

  /**
   * Checks every upload, then derives and stages them one at a time. When any of them is refused or fails, what
   * was staged for the others is removed before the error goes on: a refused request leaves no file.
   */
  async ingest(uploads: Upload[], options: IngestOptions = {}): Promise<IngestedMedia[]> {
    const inspected = await Promise.all(
      uploads.map((u) =>
        isFileUpload(u)
          ? inspectUploadFile(u.path, u.bytes, this.limits)
          : inspectUpload(u.data, this.limits),
      ),
    );
    this.checkCounts(inspected.map((i) => i.kind));
    if (inspected.some((i) => i.kind === 'video')) {
      const support = await this.videoSupport();
      if (!support.available) throw videoUnavailableError(support.reason.en);
    }
    const staged: string[] = [];
    const result: IngestedMedia[] = [];
    try {
      for (const [index, upload] of uploads.entries())
        result.push(await this.ingestOne(upload, inspected[index]!, options, staged));
    } catch (error) {
      await Promise.all(staged.map((key) => this.files.discardStaged(key)));
      throw error;
    }
    return result;
  }

  /** One checked upload → its staged files; each key goes into `staged` before its file is written. */
  private async ingestOne(
    upload: Upload,
    info: InspectedUpload,
    options: IngestOptions,
    staged: string[],
  ): Promise<IngestedMedia> {
    const id = randomUUID();
    const shard = id.slice(0, 2);
    const originalKey = `original/${shard}/${id}.${info.ext}`;
    const common = { id, originalKey, bytes: uploadBytes(upload), sha256: uploadSha256(upload) };
    if (info.kind === 'photo') {
      // within the photo cap (checked above): the one upload held in memory at a time
      const data = await uploadData(upload);
      const photo = await processPhoto(data, this.limits);
      const evidence = options.evidence ?? false;
      const [fingerprint, provenance] = await Promise.all([
        fingerprintPhoto(photo.publicImage, { evidence }),
        evidence ? readProvenance(data) : null,
      ]);
      const publicKey = `public/${shard}/${id}.jpg`;
      const thumbKey = `public/${shard}/${id}-thumb.jpg`;
      const keys = [originalKey, publicKey, thumbKey];
      staged.push(...keys);
      await this.files.stage(originalKey, data);
      await this.files.stage(publicKey, photo.publicImage);
      await this.files.stage(thumbKey, photo.thumbnail);
      return {
        ...common,
        kind: 'photo',
        mime: photo.publicMime,
        publicKey,
        thumbKey,
        width: photo.width,
        height: photo.height,
        durationSeconds: null,
        capture: photo.capture,
        fingerprint,
        provenance,
        processing: null,
        staged: keys,
      };
    }
    // the work folder (`<data>/tmp`) is made on first use; nothing else creates it
    await mkdir(this.workDir, { recursive: true, mode: 0o700 });
    const videoOptions = { ffmpegPath: this.ffmpeg };
    const video = isFileUpload(upload)
      ? await checkVideoFile(upload.path, info.mime, this.limits, videoOptions)
      : await checkVideo(upload.data, this.limits, this.workDir, videoOptions);
    staged.push(originalKey);
    if (isFileUpload(upload)) await this.files.stageFile(originalKey, upload.path);
    else await this.files.stage(originalKey, upload.data);
    return {
      ...common,
      kind: 'video',
      mime: 'video/mp4',
      publicKey: `public/${shard}/${id}.mp4`,
      thumbKey: `public/${shard}/${id}-poster.jpg`,
      width: null,
      height: null,
      durationSeconds: video.durationSeconds,
      capture: { takenAt: null, lat: null, lng: null },
      fingerprint: null,
      provenance: null,
      processing: 'pending',
      staged: [originalKey],
    };
  }

  /** After the commit: the staged files become readable under their keys. */
  async promote(media: IngestedMedia[]): Promise<void> {
    for (const key of media.flatMap((m) => m.staged)) await this.files.promote(key);
  }

  /** After a failed or refused write: nothing of the upload is kept. */
  async discard(media: IngestedMedia[]): Promise<void> {
    await Promise.all(media.flatMap((m) => m.staged).map((key) => this.files.discardStaged(key)));
  }

  /**
   * The transcoding job's work: the stored original → the public MP4 and its poster, written under their keys
   * (written again, identically, when a job runs twice).
   */
  async transcode(keys: {
    originalKey: string;
    publicKey: string;
    thumbKey: string;
  }): Promise<TranscodedVideo> {
    const original = await this.files.get(keys.originalKey);
    if (!original) throw new Error(`the original of ${keys.originalKey} is missing`);
    await mkdir(this.workDir, { recursive: true, mode: 0o700 });
    const video = await processVideo(original, this.limits, this.workDir, { ffmpegPath: this.ffmpeg });
    await this.files.put(keys.publicKey, video.publicVideo);
    await this.files.put(keys.thumbKey, video.poster);
    return { width: video.width, height: video.height, durationSeconds: video.durationSeconds };
  }

  /**
   * Staged files older than `writtenBefore` were left by a process that stopped between writing them and its
   * commit (or between the commit and the promotion): those whose attachment was committed are promoted, the
   * rest removed. Returns how many of each.
   */
  async sweepStaging(
    committed: (ids: string[]) => Promise<Set<string>>,
    writtenBefore: Date,
  ): Promise<{ promoted: number; removed: number }> {
    const stale = (await this.files.listStaged()).filter((f) => f.writtenAt < writtenBefore);
    const ids = [...new Set(stale.map((f) => attachmentIdOfKey(f.key)).filter((id) => id !== null))];
    const kept = await committed(ids);
    let promoted = 0;
    let removed = 0;
    for (const { key } of stale) {
      const id = attachmentIdOfKey(key);
      if (id && kept.has(id)) {
        await this.files.promote(key);
        promoted++;
      } else {
        await this.files.discardStaged(key);
        removed++;
      }
    }
    return { promoted, removed };
  }

  /**
   * Request folders in the upload area untouched since `writtenBefore`: left by a process that stopped while a
   * request was running (a finished request removes its own). Returns how many were removed.
   */
  async sweepUploads(writtenBefore: Date): Promise<number> {
    const entries = await readdir(this.uploadArea, { withFileTypes: true }).catch(() => []);
    let removed = 0;
    for (const entry of entries) {
      const dir = join(this.uploadArea, entry.name);
      const files = entry.isDirectory() ? await readdir(dir).catch(() => []) : [];
      // a file's time moves while it is written; the folder's only when a file is added
      const times = await Promise.all(
        [dir, ...files.map((f) => join(dir, f))].map((p) =>
          stat(p).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        ),
      );
      if (Math.max(...times) >= writtenBefore.getTime()) continue;
      await rm(dir, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  /**
   * What a process killed mid-work leaves besides staged files: temporary files of unfinished media writes, and
   * ffmpeg's work folders (`probe-*`, `video-*`: copies of a video being checked or transcoded). Both are
   * garbage once untouched since `writtenBefore`. Returns how many were removed.
   */
  async sweepLeftovers(writtenBefore: Date): Promise<{ temporaries: number; workFolders: number }> {
    const temporaries = await this.files.removeStaleTemporaries(writtenBefore);
    let workFolders = 0;
    for (const entry of await readdir(this.workDir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory() || !/^(probe|video)-/.test(entry.name)) continue;
      const dir = join(this.workDir, entry.name);
      const modified = await stat(dir).then(
        (s) => s.mtimeMs,
        () => Infinity,
      );
      if (modified >= writtenBefore.getTime()) continue;
      await rm(dir, { recursive: true, force: true });
      workFolders++;
    }
    return { temporaries, workFolders };
  }

  read(key: string): Promise<Buffer | null> {
    return this.files.get(key);
  }
}

/**
 * At start: one line naming the ffmpeg in use, or the operator's one warning (in both languages) that videos
 * will be refused until ffmpeg is there. Never throws: a server without ffmpeg still serves everything else.
 */
export async function reportVideoSupport(media: MediaService, log: Logger): Promise<void> {
  const support = await media.videoSupport();
  if (support.available) {
    log.info({ ffmpeg: support.command, version: support.version }, 'ffmpeg found: videos are accepted');
    return;
  }
  log.warn(
    { ffmpeg: support.command },
    `Video dari warga akan ditolak (415 video_unavailable) sampai ffmpeg tersedia: ${support.reason.id}. ` +
      'Pasang paket ffmpeg (apt-get install ffmpeg) atau atur SIGAP_FFMPEG, lalu jalankan ulang; foto tetap diterima. / ' +
      `Citizens' videos will be refused (415 video_unavailable) until ffmpeg is available: ${support.reason.en}. ` +
      'Install the ffmpeg package (apt-get install ffmpeg) or set SIGAP_FFMPEG, then restart; photos are still accepted.',
  );
}
