import { z } from 'zod';

const id = z.uuid('is not a valid id');

export const registerMessageSchema = z.object({
  contactId: id,
  pursuitId: id.nullish(),
  proposalId: id.nullish(),
  subject: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  sentAt: z.date().nullish(),
  links: z
    .array(
      z
        .string()
        .max(2000, 'must be at most 2000 characters')
        .refine((u) => {
          try {
            const url = new URL(u);
            return (url.protocol === 'http:' || url.protocol === 'https:') && !/[\s|]/.test(u);
          } catch {
            return false;
          }
        }, 'must be an http(s) URL without spaces or |'),
    )
    .max(50, 'must be at most 50 links')
    .nullish(),
});

/** How long a message's tokens count after it was sent. */
export const TOKEN_LIFETIME_DAYS = 400;
