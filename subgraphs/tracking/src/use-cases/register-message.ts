import { checkForeignReferences, parseInput } from '@flowledger/shared';
import type { ForeignReference, UseCaseOptions, UserError } from '@flowledger/shared';
import { registerMessageSchema } from '../domain/inputs.ts';
import { TrackedLink, TrackedMessage } from '../entities/index.ts';
import type { TrackedMessageRow } from '../entities/index.ts';
import type { RegisterMessageInput } from '../generated/resolvers-types.ts';

export interface RegisterMessageResult {
  trackedMessage: TrackedMessageRow | null;
  userErrors: UserError[];
}

/**
 * A mail to track: its contact (crm), pursuit and proposal (workstream) confirmed with their owners,
 * its links stored in order. The pixel and click URLs are signed when read (TrackedMessage.pixelUrl).
 */
export async function registerMessage(options: UseCaseOptions<RegisterMessageInput>): Promise<RegisterMessageResult> {
  const parsed = parseInput(registerMessageSchema, options.input);
  if (!parsed.ok) return { trackedMessage: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const wanted: ForeignReference[] = [{ field: ['input', 'contactId'], subgraph: 'crm', typename: 'Contact', id: input.contactId }];
  if (input.pursuitId) wanted.push({ field: ['input', 'pursuitId'], subgraph: 'workstream', typename: 'Pursuit', id: input.pursuitId });
  if (input.proposalId) wanted.push({ field: ['input', 'proposalId'], subgraph: 'workstream', typename: 'Proposal', id: input.proposalId });
  const missing = await checkForeignReferences(options.references, wanted);
  if (missing.length) return { trackedMessage: null, userErrors: missing };
  const message = options.em.create(TrackedMessage, {
    orgId: options.org.orgId,
    contactId: input.contactId,
    pursuitId: input.pursuitId ?? null,
    proposalId: input.proposalId ?? null,
    subject: input.subject,
    sentAt: input.sentAt ?? options.now,
  });
  (input.links ?? []).forEach((url, position) => options.em.create(TrackedLink, { orgId: options.org.orgId, messageId: message.id, position, url }));
  await options.em.flush();
  return { trackedMessage: message, userErrors: [] };
}
