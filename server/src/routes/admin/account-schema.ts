import { Type } from 'typebox';
import { STAFF_ROLES } from '../../domain/report-events.js';
import { DateTime, Exact, Nullable, StringEnum } from '../../services/reads/read-schemas.js';

const Role = StringEnum(STAFF_ROLES);
const SerializedDateTime = Type.Unsafe<Date>(DateTime);

/** Lower-case letters, digits, dot, dash, underscore: what people type on a phone and read in a trail. */
const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,39}$',
  description: '3–40 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const UnitId = Type.String({ minLength: 1, maxLength: 100 });

export const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const AccountListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 80, description: 'Part of the username or the name' }),
    ),
    unit: Type.Optional(UnitId),
    role: Type.Optional(Role),
    active: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Username),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const Account = Exact(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
    unitId: Type.String(),
    unitName: Type.String({ description: 'The unit’s name in the city’s data (its code when unknown)' }),
    mustChangePassword: Type.Boolean({ description: 'Holds a temporary password an administrator set' }),
    active: Type.Boolean(),
    createdAt: SerializedDateTime,
    deactivatedAt: Nullable(SerializedDateTime),
  },
  { title: 'StaffAccount' },
);

export const AccountPage = Exact({
  items: Type.Array(Account),
  next: Nullable(Type.String({ description: 'cursor of the next page (the last username)' })),
});

export const NewAccountBody = Type.Object(
  { username: Username, displayName: DisplayName, role: Role, unitId: UnitId },
  { additionalProperties: false },
);

export const AccountChangeBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(Role),
    unitId: Type.Optional(UnitId),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DeactivateBody = Type.Object(
  { reason: Type.String({ minLength: 5, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const AccountWithPassword = Exact({
  account: Account,
  temporaryPassword: Type.String({
    description: 'Shown this once and never stored; its holder must choose their own at first sign-in',
  }),
  sessionsEnded: Type.Optional(Type.Integer()),
});

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const PasswordChanged = Exact({
  ok: Type.Literal(true),
  sessionsEnded: Type.Integer({ description: 'Other sessions of the account that were ended' }),
});
