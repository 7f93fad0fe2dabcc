import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers 200 with `value` written by the serializer of `schema`, one member of the route's union response.
 * Fastify writes a union (anyOf) by validating the value against each member in turn until one fits: a full
 * validation of a report view on every request. The read model knows which member it built, so that member's
 * serializer writes it at once. The route's declared schema (and the OpenAPI document) stay as they are, and a
 * property the member does not list is still dropped.
 */
export function sendAs(reply: FastifyReply, schema: TSchema, value: unknown): FastifyReply {
  return reply
    .type(JSON_TYPE)
    .serializer(reply.compileSerializationSchema(schema as Record<string, unknown>, '200'))
    .send(value);
}
