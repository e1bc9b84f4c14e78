/** An exact amount and its currency, as the Money type answers it. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

export const money = (amount: string | null | undefined, currency: string | null | undefined): MoneyValue | null =>
  amount != null && currency ? { amount, currency } : null;
