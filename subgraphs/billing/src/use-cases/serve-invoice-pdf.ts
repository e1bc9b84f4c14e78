import { inOrgScope, isUuid } from '@flowledger/shared';
import type { PublicRoute } from '@flowledger/shared';
import { Invoice, InvoiceLine, Payment } from '../entities/index.ts';
import { renderInvoicePdf } from './render-invoice-pdf.ts';

/** How long a PDF link works after the API handed it out. */
export const PDF_LINK_TTL_SECONDS = 15 * 60;

export const pdfPath = (invoiceId: string) => `/invoices/${invoiceId}.pdf`;

const refuse = (res: Parameters<PublicRoute>[0]['res'], status: number, text: string) => {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${text}\n`);
};

/**
 * GET /invoices/<id>.pdf?o&e&s — the signed link `Invoice.pdfUrl` gave out. The signature names the
 * organisation; the document is read in that organisation's scope (RLS), so a link can only ever show
 * the invoice it was made for. An altered link, another organisation's id or a draft: 404; expired: 410.
 */
export const serveInvoicePdf: PublicRoute = async ({ req, res, url, orm, links, clock }) => {
  const match = /^\/invoices\/([0-9a-f-]{36})\.pdf$/.exec(url.pathname);
  if (!match || !isUuid(match[1]!)) return refuse(res, 404, 'Not found');
  const verdict = links.verify(url.pathname, url.searchParams, clock.now());
  if (!verdict.ok) return verdict.reason === 'expired' ? refuse(res, 410, 'This link has expired; ask for the invoice again') : refuse(res, 404, 'Not found');
  const document = await inOrgScope(orm, verdict.orgId, async (em) => {
    const invoice = await em.findOne(Invoice, { id: match[1]! });
    if (!invoice || invoice.status === 'DRAFT') return null;
    const [lines, payments] = await Promise.all([
      em.find(InvoiceLine, { invoiceId: invoice.id }, { orderBy: { position: 'asc' } }),
      em.find(Payment, { invoiceId: invoice.id }, { orderBy: { paidOn: 'asc', id: 'asc' } }),
    ]);
    return { invoice, bytes: await renderInvoicePdf(invoice, lines, payments) };
  });
  if (!document) return refuse(res, 404, 'Not found');
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': String(document.bytes.byteLength),
    'content-disposition': `inline; filename="${document.invoice.number}.pdf"`,
    'cache-control': 'private, no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(document.bytes));
};
