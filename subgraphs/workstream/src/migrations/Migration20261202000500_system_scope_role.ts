import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_SCOPE_ROLE, outboxSystemScopeV3 } from '@flowledger/shared';

/**
 * The second wall: the relay's and the scheduler's cross-organisation policies admit only the system
 * scope's role. Before, any connection that set app.system could read every organisation's outbox
 * rows or move every organisation's clocks, the application role's included.
 */
export class Migration20261202000500_system_scope_role extends Migration {
  override name = 'Migration20261202000500_system_scope_role';

  override async up(): Promise<void> {
    this.addSql(`
      ${outboxSystemScopeV3('workstream')}
      drop policy if exists scheduler_claims on workstream.sla_clock;
      create policy scheduler_claims on workstream.sla_clock to ${SYSTEM_SCOPE_ROLE}
        using (current_setting('app.system', true) = 'sla-scheduler');
    `);
  }
}
