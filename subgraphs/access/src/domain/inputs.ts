import { z } from 'zod';

/** What the gateway sends to check a verified token's session: its user and the organisation it names. */
export const sessionQuerySchema = z.object({ userId: z.uuid(), orgId: z.uuid() });

/** What the gateway sends to check an API key: the ids the key carries and the hash of the whole secret. */
export const apiKeyQuerySchema = z.object({ orgId: z.uuid(), keyId: z.uuid(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

/** A partner app's name: what manifests are registered under and what metrics are labelled with. */
export const clientNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "is not a client name: lower-case letters, digits, '.', '_' and '-', 1–63 characters, starting with a letter or digit");

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The gateway asks for a document by hash: a partner app's registered operation, or (no client) an APQ document. */
export const documentQuerySchema = z.object({ orgId: z.uuid(), clientName: clientNameSchema.nullable(), hash: hex64 });

/** The gateway stores an APQ document a person's client sent with its hash (checked again here). */
export const apqStoreSchema = z.object({ orgId: z.uuid(), hash: hex64, body: z.string().min(1).max(1_000_000) });

/** An idempotency key as the gateway forwards it: scoped to organisation and actor. */
const idempotencyScope = { orgId: z.uuid(), actorId: z.uuid(), key: z.string().min(1).max(255) };
export const idempotencyClaimSchema = z.object({ ...idempotencyScope, requestHash: hex64 });
export const idempotencyCompleteSchema = z.object({ ...idempotencyScope, status: z.number().int().min(100).max(599), body: z.string().max(10_000_000) });
