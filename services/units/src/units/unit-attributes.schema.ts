import { z } from 'zod';

const money = z.number().nonnegative().multipleOf(0.01);

/** What describes a flat, as landlords and staff enter it. */
export const unitAttributesSchema = z.object({
  address: z.string().trim().min(1).max(300).describe('Street and number'),
  postalCode: z.string().trim().min(2).max(12),
  city: z.string().trim().min(1).max(100),
  districtCode: z.string().trim().min(1).max(20).describe('The agency’s district code, used to spread placements'),
  buildingId: z.string().trim().min(1).max(64).describe('Same id for flats in one building (caps placements per building)'),
  type: z.enum(['studio', 'apartment', 'house', 'room']),
  bedrooms: z.number().int().min(0).max(10),
  floorArea: z.number().positive().max(1000).describe('m²'),
  floor: z.number().int().min(-2).max(100),
  elevator: z.boolean(),
  stepFree: z.boolean(),
  wheelchairAccessible: z.boolean(),
  maxOccupants: z.number().int().min(1).max(20),
  rent: money.describe('Monthly rent charged to the household'),
  serviceCharges: money,
  energyLabel: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G']),
  petsAllowed: z.boolean(),
  furnished: z.boolean(),
  availableFrom: z.iso.date().nullable().describe('First day a household can move in; null if not yet known'),
});
