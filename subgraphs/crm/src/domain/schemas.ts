import { z } from 'zod';
import { CLIENT_SIZES } from './client-enums.ts';
import { normalizeDomain, normalizeLinkedinUrl, normalizeTags } from './normalize.ts';

/** Optional text: trimmed; empty becomes null (cleared). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : v === undefined ? undefined : null));

export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const domainSchema = z
  .string()
  .max(253, 'must be at most 253 characters')
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === null || value.trim() === '') return null;
    const domain = normalizeDomain(value);
    if (!domain) {
      ctx.addIssue({ code: 'custom', message: `is not a valid domain (received ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return domain;
  });

export const emailSchema = z
  .string()
  .max(254, 'must be at most 254 characters')
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === null || value.trim() === '') return null;
    const email = value.trim().toLowerCase();
    if (!z.email().safeParse(email).success) {
      ctx.addIssue({ code: 'custom', message: `is not a valid email address (received ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return email;
  });

export const linkedinSchema = z
  .string()
  .max(500, 'must be at most 500 characters')
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === null || value.trim() === '') return null;
    const url = normalizeLinkedinUrl(value);
    if (!url) {
      ctx.addIssue({ code: 'custom', message: `is not a LinkedIn profile URL (received ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return url;
  });

const tagsSchema = z
  .array(z.string().max(50, 'must be at most 50 characters'))
  .max(50, 'must have at most 50 tags')
  .nullish()
  .transform((tags) => (tags == null ? undefined : normalizeTags(tags)));

const sizeSchema = z.enum(CLIENT_SIZES).nullish();
const phoneSchema = optionalText(40).refine((v) => v == null || /^[+()\d\s./-]{3,40}$/.test(v), 'is not a phone number');

export const createClientSchema = z.object({
  name: nameSchema,
  domain: domainSchema,
  industry: optionalText(100),
  size: sizeSchema,
  tags: tagsSchema,
});

export const updateClientSchema = z.object({
  id: z.uuid('is not a valid id'),
  name: nameSchema.optional(),
  domain: domainSchema,
  industry: optionalText(100),
  size: sizeSchema,
  tags: tagsSchema,
});

export const contactFieldsSchema = z.object({
  firstName: optionalText(100),
  lastName: optionalText(100),
  email: emailSchema,
  phone: phoneSchema,
  linkedinUrl: linkedinSchema,
});

export const createContactSchema = contactFieldsSchema
  .extend({ clientId: z.uuid('is not a valid id').nullish(), title: optionalText(200) })
  .refine((c) => c.firstName || c.lastName || c.email || c.linkedinUrl, {
    message: 'a contact needs a name, an email or a LinkedIn URL',
    path: ['firstName'],
  });

const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .nullish();

export const prospectSchema = z
  .object({
    client: createClientSchema,
    contact: contactFieldsSchema
      .refine((c) => c.email || c.linkedinUrl, { message: 'needs an email or a LinkedIn URL to be matched', path: ['email'] })
      .nullish(),
    position: z
      .object({ title: optionalText(200), email: emailSchema, startDate: calendarDay, endDate: calendarDay })
      .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, { message: 'must not be before startDate', path: ['endDate'] })
      .nullish(),
  })
  .refine((item) => !item.position || item.contact, { message: 'a position needs a contact', path: ['position'] });

export type ProspectItem = z.infer<typeof prospectSchema>;

export const MAX_INGEST_ITEMS = 1000;
