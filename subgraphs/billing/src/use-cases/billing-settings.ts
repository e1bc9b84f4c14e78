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

/** The organisation's billing settings in this transaction, or the defaults (`stored` says which). */
export async function settingsOf(em: EntityManager): Promise<Settings & { stored: boolean }> {
  const row = await em.findOne(BillingSettings, {}, { refresh: true });
  if (!row) return { ...DEFAULT_SETTINGS, stored: false };
  const { baseCurrency, taxRate, taxInclusive, paymentTermsDays } = row;
  return { baseCurrency, taxRate, taxInclusive, paymentTermsDays, legalName: row.legalName ?? null, stored: true };
}
