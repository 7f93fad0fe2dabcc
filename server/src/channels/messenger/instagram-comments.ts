import Type from 'typebox';
import Value from 'typebox/value';

// The `comments` field of an Instagram account's webhook (Instagram Graph API):
// https://developers.facebook.com/docs/instagram-platform/webhooks#comments. Meta sends more fields.
const CommentValue = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,32}$' }),
  text: Type.Optional(Type.String({ maxLength: 4096 })),
  from: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,32}$' }) }),
  media: Type.Optional(Type.Object({ id: Type.String({ maxLength: 64 }) })),
  parent_id: Type.Optional(Type.String({ maxLength: 64 })),
});

const Change = Type.Object({ field: Type.String({ maxLength: 64 }), value: Type.Unknown() });

const Delivery = Type.Object({
  object: Type.Literal('instagram'),
  entry: Type.Array(Type.Object({ changes: Type.Optional(Type.Array(Change, { maxItems: 100 })) }), {
    maxItems: 100,
  }),
});

/** The prefix of a comment's message id: a report that came as a comment is answered under that comment. */
export const COMMENT_PREFIX = 'comment:';

/** One comment someone left on one of the account's posts. */
export interface InstagramComment {
  /** `comment:<comment id>`: the same delivery twice is one message */
  id: string;
  /** the commenter's Instagram-scoped id */
  from: string;
  /** the words, without the @names it starts with (`@gubernur tolong …`) */
  text: string;
  /** the change as delivered (the commenter's username with it: sealed, never shown) */
  raw: unknown;
}

/**
 * The comments people left in one delivery, in order. The account's own comments (its replies, Sigap's among them,
 * which come back through the same webhook) are left out, and so is every other field (mentions, story insights).
 * Null when a `comments` change is not in the documented shape; [] for a delivery without changes.
 */
export function instagramCommentsOf(body: unknown, accountId: string): InstagramComment[] | null {
  if (!Value.Check(Delivery, body)) return null;
  const comments: InstagramComment[] = [];
  for (const entry of body.entry)
    for (const change of entry.changes ?? []) {
      if (change.field !== 'comments') continue;
      if (!Value.Check(CommentValue, change.value)) return null;
      const value = change.value;
      if (value.from.id === accountId) continue;
      comments.push({
        id: `${COMMENT_PREFIX}${value.id}`,
        from: value.from.id,
        text: (value.text ?? '').replace(/^(\s*@[\w.]+)+\s*/, '').trim(),
        raw: change,
      });
    }
  return comments;
}
