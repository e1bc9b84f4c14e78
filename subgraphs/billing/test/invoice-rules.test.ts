import { describe, expect, test } from '@jest/globals';
import { agingBucket, inBaseCurrency } from '../src/domain/aging.ts';
import { draftLines, invoiceTotals, taxLine } from '../src/domain/invoice-lines.ts';
import { applyPayment, balanceDue, checkInvoiceAction, documentNumber } from '../src/domain/invoice-states.ts';

describe('tax per line, half-even', () => {
  test('exclusive: tax on top of the net, each line rounded once', () => {
    expect(taxLine('100.10', { rate: '19', inclusive: false })).toEqual({ net: '100.10', tax: '19.02', total: '119.12' });
    expect(taxLine('0.50', { rate: '25', inclusive: false })).toEqual({ net: '0.50', tax: '0.12', total: '0.62' }); // 0.125 → 0.12
    expect(taxLine('0.70', { rate: '25', inclusive: false })).toEqual({ net: '0.70', tax: '0.18', total: '0.88' }); // 0.175 → 0.18
    expect(taxLine('99.99', { rate: '8.875', inclusive: false })).toEqual({ net: '99.99', tax: '8.87', total: '108.86' }); // 8.8741…
  });

  test('inclusive: the price is the total; net and tax add up to it exactly', () => {
    expect(taxLine('119.00', { rate: '19', inclusive: true })).toEqual({ net: '100.00', tax: '19.00', total: '119.00' });
    expect(taxLine('10.00', { rate: '19', inclusive: true })).toEqual({ net: '8.40', tax: '1.60', total: '10.00' }); // 8.4033…
    expect(taxLine('0.01', { rate: '19', inclusive: true })).toEqual({ net: '0.01', tax: '0.00', total: '0.01' });
  });

  test('a draft groups time by person, role and rate; totals are sums of the rounded lines', () => {
    const lines = draftLines(
      [
        { id: 'a', staffId: 'ada', role: 'CONSULTANT', billRate: '123.4567', minutes: 20 },
        { id: 'b', staffId: 'ada', role: 'CONSULTANT', billRate: '123.4567', minutes: 20 },
        { id: 'c', staffId: 'ada', role: 'CONSULTANT', billRate: '150.00', minutes: 60 },
        { id: 'd', staffId: 'bob', role: 'PRINCIPAL', billRate: '0.10', minutes: 120 },
      ],
      [{ id: 'm', name: 'Kick-off', amount: '0.20', dueDate: '2026-12-01' }],
      { rate: '19', inclusive: false },
      (staffId) => staffId.toUpperCase(),
    );
    expect(lines.map((l) => [l.description, l.quantity, l.netAmount, l.taxAmount, l.timeEntryIds])).toEqual([
      ['ADA — CONSULTANT', '0.6667', '82.30', '15.64', ['a', 'b']], // 123.4567 × 40 / 60 = 82.3045 → 82.30; 15.637 → 15.64
      ['ADA — CONSULTANT', '1.0000', '150.00', '28.50', ['c']],
      ['BOB — PRINCIPAL', '2.0000', '0.20', '0.04', ['d']], // 0.038 → 0.04
      ['Kick-off', '1.0000', '0.20', '0.04', []],
    ]);
    expect(invoiceTotals(lines)).toEqual({ subtotal: '232.70', taxTotal: '44.22', total: '276.92' });
  });
});

describe('invoice states', () => {
  const issued = { status: 'ISSUED' as const, kind: 'INVOICE' as const, total: '100.00', paidAmount: '0.00' };

  test('payments: partial, full, and more than the balance refused', () => {
    expect(applyPayment(issued, '40.00')).toEqual({ ok: true, status: 'PARTIALLY_PAID', balance: '60.00' });
    expect(applyPayment({ ...issued, paidAmount: '40.00', status: 'PARTIALLY_PAID' }, '60.00')).toEqual({ ok: true, status: 'PAID', balance: '0.00' });
    expect(applyPayment({ ...issued, status: 'OVERDUE' }, '10.00')).toMatchObject({ status: 'OVERDUE' });
    expect(applyPayment(issued, '100.01')).toMatchObject({ ok: false, code: 'OVERPAYMENT' });
    expect(applyPayment({ ...issued, paidAmount: '100.00', status: 'PAID' }, '0.01')).toMatchObject({ ok: false, code: 'OVERPAYMENT' });
  });

  test('what each status allows', () => {
    expect(checkInvoiceAction({ ...issued, status: 'DRAFT' }, 'ISSUE').ok).toBe(true);
    expect(checkInvoiceAction(issued, 'EDIT')).toMatchObject({ code: 'INVOICE_ISSUED' });
    expect(checkInvoiceAction({ ...issued, status: 'PARTIALLY_PAID', paidAmount: '1.00' }, 'VOID')).toMatchObject({ code: 'INVOICE_HAS_PAYMENTS' });
    expect(checkInvoiceAction({ ...issued, status: 'VOID' }, 'PAY')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(checkInvoiceAction({ ...issued, kind: 'CREDIT_NOTE' }, 'VOID')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(balanceDue({ ...issued, status: 'VOID' })).toBe('0.00');
    expect(balanceDue({ ...issued, kind: 'CREDIT_NOTE' })).toBe('0.00');
  });

  test('numbers per kind and year, four digits at least', () => {
    expect(documentNumber('INVOICE', 2026, 1)).toBe('INV-2026-0001');
    expect(documentNumber('CREDIT_NOTE', 2027, 12345)).toBe('CN-2027-12345');
  });
});

describe('receivables', () => {
  test('days past due fall into buckets; base amounts are rounded once', () => {
    expect(
      ['2026-12-03', '2026-12-02', '2026-11-03', '2026-11-02', '2026-10-04', '2026-10-03', '2026-09-04', '2026-09-03'].map((due) =>
        agingBucket(due, '2026-12-03'),
      ),
    ).toEqual(['CURRENT', 'DAYS_1_30', 'DAYS_1_30', 'DAYS_31_60', 'DAYS_31_60', 'DAYS_61_90', 'DAYS_61_90', 'DAYS_OVER_90']);
    expect(inBaseCurrency('1000.01', '1.16555')).toBe('1165.56');
    expect(inBaseCurrency('0.10', '1.25')).toBe('0.12'); // 0.125 → half-even
  });
});
