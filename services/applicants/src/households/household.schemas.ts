import { date, districtCode as platformDistrictCode, text } from '@hearth/platform';
import { z } from 'zod';
import { REFERRAL_SOURCES } from './personal-data';

/** Shared pieces of the request schemas. */
/** Free text (see the vocabulary's text): notes and reasons of 500 characters or more may span lines. */
export const freeText = (max: number) => text({ max, multiline: max >= 500 });

/** Not in the future (dates people give, e.g. consent, assessment). */
export const pastOrToday = date().refine((date) => date <= new Date().toISOString().slice(0, 10), 'must not be in the future');

/** A district code, normalised as every service normalises it (`bxl-c ` is `BXL-C`), so an excluded district excludes the flats of that district whatever their case. */
export const districtCode = platformDistrictCode();

export const membersSchema = z
  .object({
    adults: z.number().int().min(1).max(20).describe('People aged 18 or over'),
    couples: z.number().int().min(0).max(10).default(0).describe('Adult couples who share a bedroom'),
    children: z
      .array(z.object({ age: z.number().int().min(0).max(17) }).strict())
      .max(20)
      .default([])
      .describe('Each child with their age in whole years'),
  })
  .strict()
  .refine((members) => members.couples * 2 <= members.adults, { path: ['couples'], message: 'cannot exceed half the adults' });

export type MembersInput = z.infer<typeof membersSchema>;

export const referralSchema = z
  .object({
    source: z.enum(REFERRAL_SOURCES).describe('Who referred the household'),
    organisation: freeText(200).optional().describe('The referring organisation or team; stored encrypted'),
    note: freeText(2000).optional().describe('Stored encrypted'),
  })
  .strict();

export function compositionOf(members: MembersInput) {
  return { adults: members.adults, couples: members.couples, childrenAges: members.children.map((c) => c.age) };
}
