import Type from 'typebox';
import Value from 'typebox/value';

// The part of a Messenger Platform delivery Sigap reads, for a Page (`object: page`) and for Instagram (`object:
// instagram`): https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages and
// https://developers.facebook.com/docs/instagram-platform/webhooks. Meta sends more fields.
const Attachment = Type.Object({
  type: Type.String({ maxLength: 32 }),
  payload: Type.Optional(
    Type.Object({
      url: Type.Optional(Type.String({ maxLength: 4096 })),
      coordinates: Type.Optional(
        Type.Object({
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          long: Type.Number({ minimum: -180, maximum: 180 }),
        }),
      ),
    }),
  ),
});

const Event = Type.Object({
  sender: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,32}$' }) }),
  recipient: Type.Object({ id: Type.String({ maxLength: 64 }) }),
  timestamp: Type.Optional(Type.Number()),
  message: Type.Optional(
    Type.Object({
      mid: Type.String({ minLength: 1, maxLength: 512 }),
      text: Type.Optional(Type.String({ maxLength: 4096 })),
      is_echo: Type.Optional(Type.Boolean()),
      is_deleted: Type.Optional(Type.Boolean()),
      is_unsupported: Type.Optional(Type.Boolean()),
      attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
    }),
  ),
});

const Delivery = Type.Object({
  object: Type.Union([Type.Literal('page'), Type.Literal('instagram')]),
  entry: Type.Array(Type.Object({ messaging: Type.Optional(Type.Array(Event, { maxItems: 100 })) }), {
    maxItems: 100,
  }),
});

/** One message a citizen sent to the Page or the Instagram account. */
export interface MessengerMessage {
  /** the message id (`mid`): the same delivery twice is one message */
  id: string;
  /** the sender's page-scoped (PSID) or Instagram-scoped (IGSID) id */
  from: string;
  text: string;
  /** addresses of the photos it carries, on Meta's CDN */
  imageUrls: string[];
  location: { lat: number; lng: number } | null;
  /** it carried something else (a sticker, audio, a video, a share) or nothing Sigap can read */
  other: boolean;
  /** the event as delivered (without the rest of the delivery, which may be other people's) */
  raw: unknown;
}

/**
 * The messages people sent in one delivery, in order; echoes of the account's own messages, deleted messages and
 * other events (reads, reactions, postbacks) are left out. Null when the body is not a delivery of this platform
 * for the given object (`page` or `instagram`).
 */
export function messengerMessagesOf(
  body: unknown,
  object: 'page' | 'instagram',
  accountId: string,
): MessengerMessage[] | null {
  if (!Value.Check(Delivery, body) || body.object !== object) return null;
  return body.entry.flatMap((entry) =>
    (entry.messaging ?? []).flatMap((event) => {
      const m = event.message;
      if (!m || m.is_echo || m.is_deleted || event.sender.id === accountId) return [];
      const attachments = m.attachments ?? [];
      const imageUrls = attachments
        .filter((a) => a.type === 'image' && a.payload?.url)
        .map((a) => a.payload!.url!);
      const point = attachments.find((a) => a.type === 'location' && a.payload?.coordinates)?.payload
        ?.coordinates;
      return [
        {
          id: m.mid,
          from: event.sender.id,
          text: m.text ?? '',
          imageUrls,
          location: point ? { lat: point.lat, lng: point.long } : null,
          other:
            !!m.is_unsupported ||
            attachments.some((a) => a.type !== 'image' && a.type !== 'location' && a.type !== 'fallback'),
          raw: event,
        },
      ];
    }),
  );
}
