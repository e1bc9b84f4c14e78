import { z } from 'zod';

/** What the gateway sends to check a verified token's session: its user and the organisation it names. */
export const sessionQuerySchema = z.object({ userId: z.uuid(), orgId: z.uuid() });
