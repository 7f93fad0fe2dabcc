import Type from 'typebox';
import Value from 'typebox/value';

// The part of a WhatsApp webhook delivery Sigap reads
// (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components); Meta sends more fields.
const Message = Type.Object({
  // a WhatsApp id is the number in international form, digits only
  from: Type.String({ pattern: '^[0-9]{6,20}$' }),
  id: Type.String({ minLength: 1, maxLength: 256 }),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.String({ maxLength: 32 }),
  text: Type.Optional(Type.Object({ body: Type.String({ maxLength: 4096 }) })),
  image: Type.Optional(
    Type.Object({
      id: Type.String({ minLength: 1, maxLength: 256 }),
      caption: Type.Optional(Type.String({ maxLength: 4096 })),
      mime_type: Type.Optional(Type.String({ maxLength: 128 })),
    }),
  ),
  location: Type.Optional(
    Type.Object({
      latitude: Type.Number({ minimum: -90, maximum: 90 }),
      longitude: Type.Number({ minimum: -180, maximum: 180 }),
    }),
  ),
});

const Delivery = Type.Object({
  object: Type.Optional(Type.String()),
  entry: Type.Array(
    Type.Object({
      changes: Type.Array(
        Type.Object({
          field: Type.Optional(Type.String()),
          value: Type.Object({ messages: Type.Optional(Type.Array(Message, { maxItems: 100 })) }),
        }),
        { maxItems: 100 },
      ),
    }),
    { maxItems: 100 },
  ),
});

/** One message a citizen sent, as Sigap handles it. */
export interface WhatsappMessage {
  /** the wamid: the same delivery twice is one message */
  id: string;
  /** the sender's WhatsApp id (their phone number in international form, without +) */
  from: string;
  /** text, image, location, audio, …: what the message is */
  type: string;
  /** the text, or an image's caption */
  text: string;
  /** the media id of an image, fetched through the Graph API */
  imageId: string | null;
  /** a location message's point */
  location: { lat: number; lng: number } | null;
  /** the message as delivered (without the rest of the delivery, which may be other people's) */
  raw: unknown;
}

/**
 * The messages in one webhook delivery, in order; none for a delivery of status updates (sent, delivered, read).
 * Null when the body is not a WhatsApp delivery at all.
 */
export function messagesOf(body: unknown): WhatsappMessage[] | null {
  if (!Value.Check(Delivery, body)) return null;
  return body.entry.flatMap((entry) =>
    entry.changes.flatMap((change) =>
      (change.value.messages ?? []).map((m) => ({
        id: m.id,
        from: m.from,
        type: m.type,
        text: m.text?.body ?? m.image?.caption ?? '',
        imageId: m.type === 'image' ? (m.image?.id ?? null) : null,
        location:
          m.type === 'location' && m.location
            ? { lat: m.location.latitude, lng: m.location.longitude }
            : null,
        raw: m,
      })),
    ),
  );
}
