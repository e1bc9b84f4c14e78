import { parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { setBillingSettingsSchema } from '../domain/inputs.ts';
import { BillingSettings, Invoice } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { SetBillingSettingsInput } from '../generated/resolvers-types.ts';
import { settingsOf } from './billing-settings.ts';
import type { Settings } from './billing-settings.ts';

/**
 * The organisation's base currency, tax and payment terms, ADMIN only. Each invoice keeps the tax of
 * its draft and the base currency and rate of its issue, so a change applies to later ones only.
 */
export async function setBillingSettings(
  options: UseCaseOptions<SetBillingSettingsInput>,
): Promise<{ billingSettings: Settings | null; userErrors: UserError[] }> {
  requireRole(options.org, 'ADMIN', 'change billing settings');
  const parsed = parseInput(setBillingSettingsSchema, options.input);
  if (!parsed.ok) return { billingSettings: null, userErrors: parsed.userErrors };
  const { em, org } = options;
  const current = await settingsOf(em);
  const next: Settings = {
    baseCurrency: parsed.data.baseCurrency ?? current.baseCurrency,
    taxRate: parsed.data.taxRate ?? current.taxRate,
    taxInclusive: parsed.data.taxInclusive ?? current.taxInclusive,
    paymentTermsDays: parsed.data.paymentTermsDays ?? current.paymentTermsDays,
    legalName: parsed.data.legalName ?? current.legalName,
  };
  // Issued invoices store their rate to the base currency: receivables could not add them up in another.
  if (next.baseCurrency !== current.baseCurrency && (await em.count(Invoice, { status: { $ne: 'DRAFT' } })) > 0)
    return {
      billingSettings: null,
      userErrors: [
        userError(['input', 'baseCurrency'], `invoices are issued in base currency ${current.baseCurrency}; it can no longer change`, 'BASE_CURRENCY_IN_USE'),
      ],
    };
  await em.upsert(
    BillingSettings,
    { orgId: org.orgId, ...next },
    { onConflictFields: ['orgId'], onConflictAction: 'merge', onConflictExcludeFields: ['id', 'createdAt'] },
  );
  return { billingSettings: next, userErrors: [] };
}
