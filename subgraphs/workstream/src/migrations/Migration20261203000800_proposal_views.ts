import { Migration } from '@mikro-orm/migrations';
import { eventConsumerTablesV1 } from '@flowledger/shared';

/** A proposal's first human view, stamped from tracking's EngagementRecorded; the consumer's cursors and inbox. */
export class Migration20261203000800_proposal_views extends Migration {
  override name = 'Migration20261203000800_proposal_views';

  override async up(): Promise<void> {
    this.addSql(`
      alter table workstream.proposal add column first_viewed_at timestamptz;
      ${eventConsumerTablesV1('workstream')}
    `);
  }
}
