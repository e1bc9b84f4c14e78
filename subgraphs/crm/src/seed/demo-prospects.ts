const COMPANIES = [
  ['Northwind Traders', 'northwind.example', 'Retail'],
  ['Contoso Pharma', 'contoso.example', 'Life sciences'],
  ['Fabrikam Energy', 'fabrikam.example', 'Energy'],
  ['Tailspin Airways', 'tailspin.example', 'Aviation'],
  ['Wide World Importers', 'wideworld.example', 'Logistics'],
  ['Adventure Works', 'adventure-works.example', 'Manufacturing'],
  ['Litware Bank', 'litware.example', 'Financial services'],
  ['Proseware Health', 'proseware.example', 'Healthcare'],
  ['Lucerne Publishing', 'lucerne.example', 'Media'],
  ['Alpine Ski House', 'alpineski.example', 'Leisure'],
  ['Blue Yonder Airlines', 'blueyonder.example', 'Aviation'],
  ['Coho Winery', 'cohowinery.example', 'Food & beverage'],
  ['Datum Corporation', 'datum.example', 'Technology'],
  ['Fourth Coffee', 'fourthcoffee.example', 'Food & beverage'],
  ['Graphic Design Institute', 'gdi.example', 'Education'],
  ['Humongous Insurance', 'humongous.example', 'Insurance'],
  ['Margie Travel', 'margietravel.example', 'Travel'],
  ['Nod Publishers', 'nodpublishers.example', 'Media'],
  ['Southridge Video', 'southridge.example', 'Media'],
  ['Trey Research', 'treyresearch.example', 'Research'],
  ['VanArsdel Foods', 'vanarsdel.example', 'Food & beverage'],
  ['Woodgrove Bank', 'woodgrove.example', 'Financial services'],
  ['Wingtip Toys', 'wingtiptoys.example', 'Retail'],
  ['Relecloud', 'relecloud.example', 'Technology'],
  ['Munson Pickles', 'munsons.example', 'Food & beverage'],
  ['First Up Consultants', 'firstup.example', 'Professional services'],
  ['Bellows College', 'bellows.example', 'Education'],
  ['Best For You Organics', 'bestforyou.example', 'Retail'],
] as const;

const PEOPLE = [
  ['Maria', 'Lopez', 'Head of Operations'],
  ['James', 'Okafor', 'CFO'],
  ['Lena', 'Fischer', 'VP Engineering'],
  ['Tom', 'Nguyen', 'Procurement Lead'],
] as const;

const SIZES = ['SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE'] as const;

/**
 * Deterministic demo prospects for an organisation: `count` clients with one to three contacts each.
 * Fed through the real ingest, so seeding is idempotent for the same reason ingest is.
 */
export function demoProspects(org: string, count: number) {
  return COMPANIES.slice(0, count).flatMap(([name, domain, industry], i) => {
    const people = PEOPLE.slice(0, 1 + (i % 3));
    return people.map(([firstName, lastName, title], j) => ({
      client: { name, domain: `${org}-${domain}`, industry, size: SIZES[i % SIZES.length], tags: i % 2 ? ['priority'] : ['nurture'] },
      contact: {
        firstName,
        lastName,
        email: `${firstName}.${lastName}@${org}-${domain}`.toLowerCase(),
        linkedinUrl: `https://www.linkedin.com/in/${org}-${firstName}-${lastName}-${i}`.toLowerCase(),
      },
      position: { title, startDate: `20${String(15 + ((i + j) % 10)).padStart(2, '0')}-0${1 + (j % 9)}-01` },
    }));
  });
}
