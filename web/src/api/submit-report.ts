import type { paths } from '../../../clients/api/sigap-api';
import { RequestFailed } from './client';

type Intake = paths['/api/v1/reports']['post'];
/** The JSON body of POST /api/v1/reports and its 201 answer, as the generated client types them. */
export type NewReport = NonNullable<Intake['requestBody']>['content']['application/json'];
export type Created = Intake['responses'][201]['content']['application/json'];

/**
 * Files a report with its photo as one multipart request. XMLHttpRequest rather than fetch: only it reports
 * upload progress. The Idempotency-Key makes a repeated send (a retry after a dropped answer) return the
 * first report instead of filing a second.
 */
export function submitReport(
  report: NewReport,
  photo: File | null,
  idempotencyKey: string,
  existingToken: string | null,
  onProgress: (fraction: number) => void,
): Promise<Created> {
  const form = new FormData();
  form.append('payload', JSON.stringify(report));
  if (photo) form.append('photos', photo, photo.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/reports');
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    if (existingToken) xhr.setRequestHeader('Authorization', `Bearer ${existingToken}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(xhr.response as Created);
      else
        reject(
          new RequestFailed(
            xhr.status,
            (xhr.response as { error?: { message?: { id: string; en: string } } } | null)?.error?.message ??
              null,
          ),
        );
    };
    xhr.onerror = () => reject(new RequestFailed(0, null));
    xhr.send(form);
  });
}
