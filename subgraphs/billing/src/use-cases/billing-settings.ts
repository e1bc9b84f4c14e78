import type { EntityManager } from '@mikro-orm/postgresql';
import { BillingSettings } from '../entities/index.ts';

/** What an organisation that set nothing gets (the README lists them). */
export const DEFAULT_SETTINGS = { baseCurrency: 'USD', taxRate: '0.0000', taxInclusive: false, paymentTermsDays: 30, legalName: null } as const;

export interface Settings {
  baseCurrency: string;
  taxRate: string;
  taxInclusive: boolean;
  paymentTermsDays: number;
  /** The name printed on invoices as their issuer. */
  legalName: string | null;
}

/** The organisation's billing settings in this transaction, or the defaults. */
export async function settingsOf(em: EntityManager): Promise<Settings> {
  const row = await em.findOne(BillingSettings, {});
  return row
    ? {
        baseCurrency: row.baseCurrency,
        taxRate: row.taxRate,
        taxInclusive: row.taxInclusive,
        paymentTermsDays: row.paymentTermsDays,
        legalName: row.legalName ?? null,
      }
    : { ...DEFAULT_SETTINGS };
}
