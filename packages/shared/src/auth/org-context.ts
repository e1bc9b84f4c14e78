import { z } from 'zod';

export const roleSchema = z.enum(['ADMIN', 'MEMBER', 'VIEWER']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who is asking, for which organisation. Built by the gateway from a verified credential and
 * carried to subgraphs in signed headers; holds no secret, so it is safe to log and to share.
 */
export const orgContextSchema = z.object({
  orgId: z.uuid(),
  actor: z.object({ type: z.enum(['user', 'apiKey']), id: z.uuid() }),
  roles: z.array(roleSchema),
  requestId: z.string().min(1).max(128),
  /** The partner app an API key belongs to (its client name); absent for people. Labels metrics, decides nothing. */
  client: z.string().min(1).max(63).optional(),
});
export type OrgContext = z.infer<typeof orgContextSchema>;
