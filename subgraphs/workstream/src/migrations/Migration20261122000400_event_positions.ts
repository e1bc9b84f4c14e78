import { Migration } from '@mikro-orm/migrations';
import { outboxPositionsV2 } from '@flowledger/shared';

/** Cursors for the catch-up lists of events (see outboxPositionsV2). */
export class Migration20261122000400_event_positions extends Migration {
  override name = 'Migration20261122000400_event_positions';

  override async up(): Promise<void> {
    this.addSql(outboxPositionsV2('workstream'));
  }
}
