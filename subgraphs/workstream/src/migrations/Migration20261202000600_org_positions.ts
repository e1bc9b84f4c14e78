import { Migration } from '@mikro-orm/migrations';
import { outboxOrgPositionsV4 } from '@flowledger/shared';

/** Event cursors count per organisation (see outboxOrgPositionsV4). */
export class Migration20261202000600_org_positions extends Migration {
  override name = 'Migration20261202000600_org_positions';

  override async up(): Promise<void> {
    this.addSql(outboxOrgPositionsV4('workstream'));
  }
}
