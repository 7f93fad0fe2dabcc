import sharp from 'sharp';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A small fetch wrapper: JSON in, JSON (or text) out, optional bearer token and headers. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: { json?: unknown; form?: FormData; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) body = options.form;
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

/** A small real JPEG with EXIF GPS in it, like a phone photo. */
export async function phonePhoto(seed = 1): Promise<Buffer> {
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: seed % 255, g: 90, b: 40 } },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CanaryPhone', Model: 'Canary 1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '6/1 10/1 31/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 49/1 38/1',
      },
    })
    .toBuffer();
}

export function photoForm(fields: Record<string, string>, photos: Buffer[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  photos.forEach((p, i) =>
    form.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), `foto-${i}.jpg`),
  );
  return form;
}
