import { code, date, districtCode, int, money, postalCode, text } from '@hearth/platform';
import { z } from 'zod';

/** Largest monthly rent or service charge a flat may have (fits the numeric(10, 2) columns with room to spare). */
export const MAX_MONTHLY_AMOUNT = 100_000;

/** What describes a flat, as landlords and staff enter it. */
export const unitAttributesSchema = z.object({
  address: text({ max: 300 }).describe('Street and number'),
  postalCode: postalCode().describe('Normalised: trimmed, upper case (`1000`, `1012 AB`)'),
  city: text({ max: 100 }),
  districtCode: districtCode().describe(
    'The agency’s district code, used to spread placements and to honour a household’s excluded districts; normalised (trimmed, upper case), so `bxl-1 ` is `BXL-1`',
  ),
  buildingId: code({ max: 64 }).describe('Same id for flats in one building (caps placements per building); normalised like every code'),
  type: z.enum(['studio', 'apartment', 'house', 'room']),
  bedrooms: int({ min: 0, max: 10 }),
  floorArea: z
    .number({ error: 'must be a number' })
    .positive('must be more than 0')
    .max(1000, 'must be at most 1000')
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'must have at most two decimals')
    .describe('m²'),
  floor: int({ min: -2, max: 100 }),
  elevator: z.boolean(),
  stepFree: z.boolean(),
  wheelchairAccessible: z.boolean(),
  maxOccupants: int({ min: 1, max: 20 }),
  rent: money({ max: MAX_MONTHLY_AMOUNT }).describe('Monthly rent charged to the household, in euros with at most two decimals'),
  serviceCharges: money({ max: MAX_MONTHLY_AMOUNT }).describe('Monthly service charges, in euros with at most two decimals'),
  energyLabel: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G']),
  petsAllowed: z.boolean(),
  furnished: z.boolean(),
  availableFrom: date().nullable().describe('First day a household can move in; null if not yet known'),
});
