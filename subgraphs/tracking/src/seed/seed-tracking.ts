import type { Orm } from '@flowledger/shared';

/** The demo's tracked mail comes with the tracking issue's next step; nothing to seed yet. */
export async function seedTracking(_options: { tracking: Orm; orgId: string }): Promise<void> {}
