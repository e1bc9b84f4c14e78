import { Migration } from '@mikro-orm/migrations';
import { outboxFeedPolicyV5 } from '@flowledger/shared';

/** Other subgraphs catch up on workstream's events through its feed (see outboxFeedPolicyV5). */
export class Migration20261203000700_event_feed extends Migration {
  override name = 'Migration20261203000700_event_feed';

  override async up(): Promise<void> {
    this.addSql(outboxFeedPolicyV5('workstream'));
  }
}
