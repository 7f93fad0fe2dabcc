import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.js';
import { TooManyAttempts } from '../domain/too-many-attempts.js';
import { MediaError } from '../media/media-types.js';
import { loggableError } from '../security/loggable-error.js';
import { VaultKeyError } from '../security/vault.js';
import {
  describeProblems,
  type Problem,
  RequestValidationError,
  type SchemaError,
} from './validation-problems.js';

export interface ErrorBody {
  error: { code: string; message: { id: string; en: string }; details?: Problem[] };
}

function body(code: string, id: string, en: string, details?: Problem[]): ErrorBody {
  return { error: { code, message: { id, en }, ...(details?.length ? { details } : {}) } };
}

const invalid = (problems: Problem[]) =>
  body('invalid_request', 'Data yang dikirim tidak valid', 'The request is not valid', problems);

/**
 * Errors Fastify answers before any route runs (a malformed URL, a path parameter beyond its length), in the
 * same shape and languages as every other error.
 */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    void reply
      .status(414)
      .send(body('uri_too_long', 'Alamat (URL) terlalu panjang', 'The address (URL) is too long'));
  else
    void reply
      .status(400)
      .send(body('bad_url', 'Alamat (URL) tidak valid', 'The address (URL) is not valid'));
}

/** Every error leaves as a 4xx with a message a person understands, or a 500 that reveals nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works for any server/logger/type-provider flavour
export function installErrorHandling(app: FastifyInstance<any, any, any, any, any>): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof DomainError)
      return reply.status(error.httpStatus).send(body(error.code, error.text.id, error.text.en));
    if (error instanceof MediaError)
      return reply.status(error.httpStatus).send(body(error.code, error.messageId, error.messageEn));
    if (error instanceof VaultKeyError) {
      request.log.error({ vaultKeyId: error.vaultKeyId }, `identity vault: ${error.message}`);
      return reply
        .status(503)
        .send(
          body(
            'vault_key_unavailable',
            'Identitas pelapor tidak dapat dibuka dengan kunci brankas server ini; operator harus memulihkan kunci brankas yang benar (SIGAP_VAULT_KEY atau vault.key di folder data)',
            'Reporter identities cannot be opened with this server’s vault key; the operator must restore the right vault key (SIGAP_VAULT_KEY or vault.key in the data folder)',
          ),
        );
    }
    if (error instanceof RequestValidationError) return reply.status(400).send(invalid(error.problems));
    if (error.validation)
      return reply
        .status(400)
        .send(
          invalid(describeProblems(error.validation as SchemaError[], error.validationContext ?? 'body')),
        );
    const status = error.statusCode ?? 500;
    if (status === 413)
      return reply
        .status(413)
        .send(body('too_large', 'Data atau berkas terlalu besar', 'The request or file is too large'));
    if (status === 415)
      return reply
        .status(415)
        .send(
          body('unsupported_media_type', 'Jenis konten tidak didukung', 'This content type is not supported'),
        );
    if (status === 429)
      return reply
        .status(429)
        .send(
          body(
            'rate_limited',
            'Terlalu banyak permintaan; coba lagi nanti',
            'Too many requests; try again later',
          ),
        );
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply
        .status(400)
        .send(
          body('invalid_json', 'Isi permintaan bukan JSON yang sah', 'The request body is not valid JSON'),
        );
    if (status >= 400 && status < 500)
      return reply
        .status(status)
        .send(body('bad_request', 'Permintaan tidak dapat diproses', 'The request could not be processed'));
    request.log.error({ err: loggableError(error) }, 'unhandled error');
    return reply
      .status(500)
      .send(
        body(
          'internal_error',
          'Terjadi kesalahan di server; silakan coba lagi',
          'Something went wrong on the server; please try again',
        ),
      );
  });
  app.setNotFoundHandler((_request: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send(body('not_found', 'Alamat tidak ditemukan', 'No such address')),
  );
}
