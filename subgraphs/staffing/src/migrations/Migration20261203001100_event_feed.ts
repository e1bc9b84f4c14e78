import { Migration } from '@mikro-orm/migrations';
import { outboxFeedPolicyV5 } from '@flowledger/shared';

/** Other subgraphs catch up on staffing's events through its feed (see outboxFeedPolicyV5). */
export class Migration20261203001100_event_feed extends Migration {
  override name = 'Migration20261203001100_event_feed';

  override async up(): Promise<void> {
    this.addSql(outboxFeedPolicyV5('staffing'));
  }
}
