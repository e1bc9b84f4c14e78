import type { InvoiceRow } from '../entities/index.ts';
import { PDF_LINK_TTL_SECONDS, pdfPath } from '../use-cases/serve-invoice-pdf.ts';
import type { Context } from '../context.ts';

/** A fresh signed link to the PDF of an issued document, for the caller's organisation only; none for a draft. */
export function invoicePdfUrl(invoice: InvoiceRow, ctx: Context): string | null {
  if (invoice.status === 'DRAFT') return null;
  return ctx.links.sign(pdfPath(invoice.id), { orgId: ctx.org.orgId, ttlSeconds: PDF_LINK_TTL_SECONDS, now: ctx.clock.now() });
}
