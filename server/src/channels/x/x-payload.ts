import Type from 'typebox';
import Value from 'typebox/value';

// The part of an Account Activity API delivery Sigap reads
// (https://docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity): direct messages and posts (tweets)
// that mention or reply to the account. X sends more fields.
const Id = Type.String({ pattern: '^[0-9]{1,32}$' });
const Media = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 32 })),
  media_url_https: Type.Optional(Type.String({ maxLength: 2048 })),
});
const DirectMessage = Type.Object({
  type: Type.String({ maxLength: 64 }),
  id: Id,
  message_create: Type.Optional(
    Type.Object({
      sender_id: Id,
      message_data: Type.Object({
        text: Type.String({ maxLength: 10_000 }),
        attachment: Type.Optional(Type.Object({ media: Type.Optional(Media) })),
      }),
    }),
  ),
});
const Post = Type.Object({
  id_str: Id,
  text: Type.Optional(Type.String({ maxLength: 2000 })),
  extended_tweet: Type.Optional(Type.Object({ full_text: Type.String({ maxLength: 25_000 }) })),
  user: Type.Object({ id_str: Id }),
  retweeted_status: Type.Optional(Type.Unknown()),
  extended_entities: Type.Optional(Type.Object({ media: Type.Array(Media, { maxItems: 4 }) })),
  coordinates: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        coordinates: Type.Tuple([
          Type.Number({ minimum: -180, maximum: 180 }),
          Type.Number({ minimum: -90, maximum: 90 }),
        ]),
      }),
    ]),
  ),
});
const Delivery = Type.Object({
  for_user_id: Id,
  direct_message_events: Type.Optional(Type.Array(DirectMessage, { maxItems: 100 })),
  tweet_create_events: Type.Optional(Type.Array(Post, { maxItems: 100 })),
});

/** One message a person sent the city on X: a direct message or a post mentioning it. */
export interface XMessage {
  /** `dm:<id>` or `post:<id>`: the same delivery twice is one message; a post's id is where replies go */
  id: string;
  kind: 'dm' | 'post';
  /** the sender's numeric user id */
  from: string;
  text: string;
  photoUrls: string[];
  location: { lat: number; lng: number } | null;
  raw: unknown;
}

/** The city's own name at the start of a post (`@DKIJakarta @other tolong …`) is not part of the complaint. */
export function withoutLeadingMentions(text: string): string {
  return text.replace(/^(\s*@\w{1,15}\b)+\s*/, '').trim();
}

/**
 * The messages people sent in one delivery: direct messages and posts, not the account's own, not reposts, not
 * other events (follows, likes, typing). Null when the body is not an Account Activity delivery for this account.
 */
export function xMessagesOf(body: unknown, accountId: string): XMessage[] | null {
  if (!Value.Check(Delivery, body) || body.for_user_id !== accountId) return null;
  const dms = (body.direct_message_events ?? []).flatMap((event): XMessage[] => {
    const m = event.message_create;
    if (event.type !== 'message_create' || !m || m.sender_id === accountId) return [];
    const media = m.message_data.attachment?.media;
    return [
      {
        id: `dm:${event.id}`,
        kind: 'dm',
        from: m.sender_id,
        text: m.message_data.text.replace(/\s*https:\/\/t\.co\/\w+\s*$/, '').trim(),
        photoUrls: media?.type === 'photo' && media.media_url_https ? [media.media_url_https] : [],
        location: null,
        raw: event,
      },
    ];
  });
  const posts = (body.tweet_create_events ?? []).flatMap((post): XMessage[] => {
    if (post.user.id_str === accountId || post.retweeted_status !== undefined) return [];
    const point = post.coordinates?.coordinates;
    return [
      {
        id: `post:${post.id_str}`,
        kind: 'post',
        from: post.user.id_str,
        text: withoutLeadingMentions(post.extended_tweet?.full_text ?? post.text ?? '').replace(
          /\s*https:\/\/t\.co\/\w+\s*$/,
          '',
        ),
        photoUrls: (post.extended_entities?.media ?? [])
          .filter((m) => m.type === 'photo' && m.media_url_https)
          .map((m) => m.media_url_https!),
        location: point ? { lat: point[1], lng: point[0] } : null,
        raw: post,
      },
    ];
  });
  return [...dms, ...posts];
}
