import Big from 'big.js';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { balanceDue } from '../domain/invoice-states.ts';
import type { InvoiceLineRow, InvoiceRow, PaymentRow } from '../entities/index.ts';

/** The standard fonts speak WinAnsi: anything else prints as '?', never as a failed document. */
const printable = (text: string) => text.replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u20ac]/g, '?');

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;

/**
 * An issued invoice or credit note as a PDF (pdf-lib, standard fonts, A4): the issuer's and the
 * client's names as frozen at issue, number, dates, lines, tax, totals, payments and the balance.
 */
export async function renderInvoicePdf(invoice: InvoiceRow, lines: InvoiceLineRow[], payments: PaymentRow[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const title = invoice.kind === 'CREDIT_NOTE' ? 'Credit note' : 'Invoice';
  pdf.setTitle(`${title} ${invoice.number ?? ''}`.trim());
  pdf.setProducer('FlowLedger Graph');
  pdf.setCreationDate(new Date(`${invoice.issueDate ?? '1970-01-01'}T00:00:00Z`));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const write = (text: string, x: number, options: { font?: PDFFont; size?: number; right?: boolean } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10;
    const safe = printable(text);
    const at = options.right ? x - font.widthOfTextAtSize(safe, size) : x;
    page.drawText(safe, { x: at, y, size, font, color: rgb(0.1, 0.1, 0.12) });
  };
  const next = (gap = 14) => {
    y -= gap;
    if (y < MARGIN + 40) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
  };
  const money = (amount: string) => `${amount} ${invoice.currency}`;
  const right = A4.width - MARGIN;

  write(invoice.issuerName ?? '', MARGIN, { font: bold, size: 14 });
  write(`${title} ${invoice.number ?? ''}`, right, { font: bold, size: 18, right: true });
  next(28);
  write(`Billed to: ${invoice.clientName ?? invoice.clientId}`, MARGIN);
  write(`Issued ${invoice.issueDate ?? ''}`, right, { right: true });
  next();
  if (invoice.kind === 'INVOICE') write(`Due ${invoice.dueDate ?? ''}`, right, { right: true });
  if (invoice.voidReason) write(`Reason: ${invoice.voidReason}`, MARGIN);
  next(30);
  const columns = [MARGIN, 330, 400, 470, right];
  const header = (p: PDFPage) => p.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: right, y: y - 4 }, thickness: 0.5 });
  write('Description', columns[0]!, { font: bold });
  write('Qty', columns[2]!, { font: bold, right: true });
  write('Unit price', columns[3]!, { font: bold, right: true });
  write('Amount', columns[4]!, { font: bold, right: true });
  header(page);
  next(18);
  for (const line of lines) {
    write(line.description.slice(0, 60), columns[0]!);
    write(line.quantity, columns[2]!, { right: true });
    write(line.unitPrice, columns[3]!, { right: true });
    write(money(line.netAmount), columns[4]!, { right: true });
    next();
  }
  next(10);
  const total = (label: string, amount: string, font = regular) => {
    write(label, columns[3]!, { right: true, font });
    write(money(amount), columns[4]!, { right: true, font });
    next();
  };
  total('Subtotal', invoice.subtotal);
  total(`Tax ${new Big(invoice.taxRate).toString()} %${invoice.taxInclusive ? ' (included)' : ''}`, invoice.taxTotal);
  total('Total', invoice.total, bold);
  for (const payment of payments) total(`Paid ${payment.paidOn}`, payment.amount);
  if (invoice.kind === 'INVOICE') total(invoice.status === 'VOID' ? 'Balance (void)' : 'Balance due', balanceDue(invoice), bold);
  return pdf.save({ useObjectStreams: false });
}
